//! Every acknowledged write survives a `kill -9` of the server: the real binary, a data folder,
//! a registration, SIGKILL, a restart on the same folder.

mod common;

use std::net::TcpListener;
use std::process::{Child, Command};
use std::time::Duration;

struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(data: &std::path::Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_api-mock"))
            .args(["--listen", &format!("127.0.0.1:{port}"), "--dev", "--data"])
            .arg(data)
            .spawn()
            .expect("api-mock starts");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..400 {
            if reqwest::get(format!("{base}/api/health")).await.is_ok_and(|r| r.status().is_success()) {
                return Server { child, base };
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("api-mock did not answer on {base}");
    }

    /// SIGKILL: no chance to flush anything.
    fn kill_hard(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

async fn json(response: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

#[tokio::test]
async fn a_registration_acknowledged_before_a_kill_is_there_after_the_restart() {
    let data = std::env::temp_dir().join(format!("api-mock-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let client = reqwest::Client::new();

    let server = Server::start(&data).await;
    let created = client
        .post(format!("{}/api/v1/registrations", server.base))
        .header("content-type", "application/json")
        .body(common::registration("jan_kowalski").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let id = json(created).await["id"].as_str().unwrap().to_owned();
    server.kill_hard();

    let server = Server::start(&data).await;
    let status = json(reqwest::get(format!("{}/api/v1/registrations/{id}", server.base)).await.unwrap()).await;
    assert_eq!(status["state"], "awaiting_sms");
    let outbox = json(reqwest::get(format!("{}/api/dev/outbox", server.base)).await.unwrap()).await;
    assert_eq!(outbox.as_array().unwrap().len(), 1, "the SMS sent before the kill is in the outbox");
    let availability = json(reqwest::get(format!("{}/api/v1/usernames/JAN_kowalski/availability", server.base)).await.unwrap()).await;
    assert_eq!(availability["available"], false);
    server.kill_hard();
    std::fs::remove_dir_all(&data).unwrap();
}
