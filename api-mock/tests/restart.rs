//! Every acknowledged write survives a `kill -9` of the server: the real binary, a data folder,
//! a registration, SIGKILL, a restart on the same folder.

mod common;

use common::process::{json, Server};

#[tokio::test]
async fn a_registration_acknowledged_before_a_kill_is_there_after_the_restart() {
    let data = std::env::temp_dir().join(format!("api-mock-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let client = reqwest::Client::new();

    let server = Server::start(&["--dev", "--data", data.to_str().unwrap()], None).await;
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

    let server = Server::start(&["--dev", "--data", data.to_str().unwrap()], None).await;
    let status = json(reqwest::get(format!("{}/api/v1/registrations/{id}", server.base)).await.unwrap()).await;
    assert_eq!(status["state"], "awaiting_sms");
    let outbox = json(reqwest::get(format!("{}/api/dev/outbox", server.base)).await.unwrap()).await;
    assert_eq!(outbox.as_array().unwrap().len(), 1, "the SMS sent before the kill is in the outbox");
    let availability = json(reqwest::get(format!("{}/api/v1/usernames/JAN_kowalski/availability", server.base)).await.unwrap()).await;
    assert_eq!(availability["available"], false);
    server.kill_hard();
    std::fs::remove_dir_all(&data).unwrap();
}
