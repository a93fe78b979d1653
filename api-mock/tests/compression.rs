//! What a browser receives: the app's files from the build's brotli or gzip copies, by content
//! negotiation; the API's JSON compressed on the fly; a missing file a 404, not the app's page.

mod common;

use api_mock::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::send;

fn get_accepting(uri: &str, encodings: &str) -> Request<Body> {
    Request::get(uri).header(header::ACCEPT_ENCODING, encodings).body(Body::empty()).unwrap()
}

/// A built app with `app.js` and its copies, the copies marked so the test sees which is sent.
/// `test` names its own folder: the tests run at once.
fn built_app(test: &str) -> (AppState, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("api-mock-compressed-{}-{test}", std::process::id()));
    let build = dir.join("b/0123abcd");
    std::fs::create_dir_all(&build).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>PZ</title>").unwrap();
    std::fs::write(dir.join("index.html.br"), "brotli index").unwrap();
    std::fs::write(build.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(build.join("app.js.br"), "brotli bytes").unwrap();
    std::fs::write(build.join("app.js.gz"), "gzip bytes").unwrap();
    (AppState::in_memory(Some(dir.clone())), dir)
}

#[tokio::test]
async fn the_apps_files_are_sent_in_the_best_encoding_the_browser_takes() {
    let (state, dir) = built_app("encodings");
    for (accepted, encoding, body) in [("br, gzip", Some("br"), "brotli bytes"), ("gzip", Some("gzip"), "gzip bytes"), ("identity", None, "console.log(1)")] {
        let answer = send(&state, get_accepting("/b/0123abcd/app.js", accepted)).await;
        assert_eq!(answer.status, StatusCode::OK, "{accepted}");
        assert_eq!(answer.headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accepted}");
        assert_eq!(answer.body.as_str(), Some(body), "{accepted}");
        assert!(answer.headers.get_all(header::VARY).iter().any(|v| v.to_str().unwrap().to_ascii_lowercase().contains("accept-encoding")), "{accepted}");
        assert_eq!(answer.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    }
    let page = send(&state, get_accepting(shared::paths::ACCOUNT_STEP_PATH, "br")).await;
    assert_eq!((page.status, page.body.as_str()), (StatusCode::OK, Some("brotli index")));
    assert_eq!(page.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-cache");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_file_that_is_not_there_is_a_404_that_is_not_cached() {
    let (state, dir) = built_app("missing");
    let answer = send(&state, get_accepting("/b/old-build/chunk_1.wasm", "br")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-cache");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn the_apis_json_is_compressed_when_the_client_takes_it() {
    let state = AppState::in_memory(None);
    let answer = send(&state, get_accepting("/api/openapi.json", "br")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_ENCODING], "br");
    let plain = send(&state, Request::get("/api/openapi.json").body(Body::empty()).unwrap()).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(plain.body["paths"].is_object());
}
