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
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        for _ in 0..400 {
            if reqwest::get(format!("{}/api/health", server.base)).await.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("api-mock did not answer on {}", server.base);
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill_hard(self) {
        drop(self);
    }
}

/// A test that fails still stops its server.
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn json(response: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}
