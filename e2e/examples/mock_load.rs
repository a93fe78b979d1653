//! Prints how many requests per second api-mock answers on loopback: `POST /api/v1/validate` with
//! a whole registration form, from 32 concurrent clients for 5 seconds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const DURATION: Duration = Duration::from_secs(5);
const FORM: &str = r#"{"username":"jan_kowalski","password":"Tajne#Haslo1","password_repeat":"Tajne#Haslo1",
"first_name":"Jan","surname":"Kowalski","pesel":"44051401359","email":"jan@example.pl","email_repeat":"jan@example.pl",
"phone":"600123456","phone_repeat":"600123456","id_card":"ABS123456"}"#;

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("http://{}/api/v1/validate", listener.local_addr().expect("bound address"));
    tokio::spawn(api_mock::serve(listener, api_mock::AppState::in_memory(None)));
    let client = reqwest::Client::new();
    let (answered, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let start = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url, answered, failed) = (client.clone(), url.clone(), answered.clone(), failed.clone());
            tokio::spawn(async move {
                while start.elapsed() < DURATION {
                    let response = client.post(&url).header("content-type", "application/json").body(FORM).send().await;
                    let counter = if response.is_ok_and(|r| r.status().is_success()) { &answered } else { &failed };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a client finished");
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "api-mock POST /api/v1/validate: {:.0} requests/s ({} answered, {} failed, {CLIENTS} clients, {seconds:.1} s)",
        answered.load(Ordering::Relaxed) as f64 / seconds,
        answered.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed)
    );
}
