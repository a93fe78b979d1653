//! The real api-mock binary as a process on a free port, for tests of what only a process shows:
//! durability across a `kill -9`, and the log it writes.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `api-mock <args> --listen <free port>`, its standard output (the log) going to `log`
    /// when given, and waits until it answers.
    pub async fn start(args: &[&str], log: Option<&Path>) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
        let stdout = log.map_or_else(Stdio::null, |path| Stdio::from(std::fs::File::create(path).expect("a log file")));
        let child = Command::new(env!("CARGO_BIN_EXE_api-mock"))
            .args(args)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .env("RUST_LOG", "info")
            .stdout(stdout)
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
    pub fn kill_hard(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

pub async fn json(response: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}
