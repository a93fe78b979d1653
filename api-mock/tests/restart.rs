//! Every acknowledged write survives a `kill -9` of the server: the real binary, a data folder,
//! a registration, SIGKILL, a restart on the same folder; and a reminder sent before a restart is
//! not sent again after it.

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

/// The reminder SMS in the outbox of `base` to Filip, the fixture whose profile ends in 10 days.
async fn filip_reminders(base: &str) -> usize {
    let outbox = json(reqwest::get(format!("{base}/api/dev/outbox?to=%2B48600100006")).await.unwrap()).await;
    outbox.as_array().unwrap().iter().filter(|m| m["text"].as_str().unwrap().contains("pz.gov.pl")).count()
}

async fn advance_days(client: &reqwest::Client, base: &str, days: i64) {
    let body = serde_json::json!({"advance_seconds": days * 86_400}).to_string();
    let moved = client.put(format!("{base}/api/dev/clock")).header("content-type", "application/json").body(body).send().await.unwrap();
    assert_eq!(moved.status(), 200);
}

#[tokio::test]
async fn a_reminder_sent_before_a_restart_is_not_sent_again_after_it() {
    let data = std::env::temp_dir().join(format!("api-mock-reminders-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let client = reqwest::Client::new();
    let args = ["--dev", "--data", data.to_str().unwrap()];

    let server = Server::start(&[&args[..], &["--scenario", "citizens"]].concat(), None).await;
    assert_eq!(filip_reminders(&server.base).await, 1, "the 30-day reminder, due at load");
    advance_days(&client, &server.base, 3).await;
    assert_eq!(filip_reminders(&server.base).await, 2, "the 7-day reminder");
    server.kill_hard();

    // The clock starts again from the system's time: the same days come round again.
    let server = Server::start(&args, None).await;
    assert_eq!(filip_reminders(&server.base).await, 2, "nothing sent again at start");
    advance_days(&client, &server.base, 3).await;
    assert_eq!(filip_reminders(&server.base).await, 2, "nothing sent again on the same day");
    advance_days(&client, &server.base, 6).await;
    assert_eq!(filip_reminders(&server.base).await, 3, "the next one, once");
    server.kill_hard();
    std::fs::remove_dir_all(&data).unwrap();
}
