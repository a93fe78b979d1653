//! Polite overload: past the in-flight limit the API answers 503 with Retry-After at once, while
//! health still answers quickly; the load is bounded and on loopback only.

mod common;

use api_mock::faults::FaultRule;
use api_mock::overload::InFlight;
use api_mock::AppState;
use std::time::{Duration, Instant};

const LIMIT: usize = 4;
const CLIENTS: usize = 40;

#[tokio::test]
async fn past_the_limit_requests_are_refused_at_once_and_health_stays_quick() {
    let mut state = AppState::in_memory(None);
    state.in_flight = InFlight::limited_to(LIMIT);
    // Each validation holds its place for 600 ms, so the limit is reached for sure.
    state.faults.set(FaultRule { route: "POST /api/v1/validate".into(), latency_ms: 600, error_rate: 0.0, status: 503, after_handling: false });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(api_mock::serve(listener, state));
    let client = reqwest::Client::new();

    let load: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url) = (client.clone(), format!("{base}/api/v1/validate"));
            tokio::spawn(async move {
                let started = Instant::now();
                let response = client.post(url).header("content-type", "application/json").header("accept-language", "en").body("{}").send().await.unwrap();
                let (status, retry_after) = (response.status().as_u16(), response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned()));
                (status, retry_after, response.text().await.unwrap(), started.elapsed())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let mut health = Vec::new();
    for _ in 0..15 {
        let started = Instant::now();
        assert_eq!(client.get(format!("{base}/api/health")).send().await.unwrap().status(), 200, "health is never refused");
        health.push(started.elapsed());
    }
    let faults = client.get(format!("{base}/api/dev/faults")).send().await.unwrap();
    assert_eq!(faults.status(), 200, "the designer's tools are never refused");
    let mut answers = Vec::new();
    for request in load {
        answers.push(request.await.unwrap());
    }
    let served = answers.iter().filter(|a| a.0 == 200).count();
    let refused: Vec<_> = answers.iter().filter(|a| a.0 == 503).collect();
    assert!((1..=LIMIT).contains(&served), "{served} served");
    assert_eq!(served + refused.len(), CLIENTS, "every request is either served or refused: {answers:?}");
    for (_, retry_after, body, took) in &refused {
        assert_eq!(retry_after.as_deref(), Some("1"));
        assert!(body.contains(r#""code":"service.busy""#) && body.contains("busy right now"), "{body}");
        assert!(*took < Duration::from_millis(600), "refused at once, not after queueing: {took:?}");
    }
    health.sort();
    let median = health[health.len() / 2];
    println!("health while overloaded: median {median:?}, worst {:?}", health.last().unwrap());
    assert!(median < Duration::from_millis(50), "health median {median:?}");

    let after = client.post(format!("{base}/api/v1/validate")).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(after.status(), 200, "the places are given back");
    server.abort();
}
