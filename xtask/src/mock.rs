//! api-mock as a separate process on a free loopback port, for the checks that talk to it over
//! HTTP (the contract check, Lighthouse); stopped when dropped.

use crate::shell::{self, root};
use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

pub struct ApiMock {
    process: Child,
    /// E.g. `http://127.0.0.1:41234`.
    pub url: String,
}

impl ApiMock {
    /// Builds api-mock (server profile) and starts it with `flags` (plus `--memory` and a free
    /// `--listen` address), its log in `target/<log>`.
    pub fn start(flags: &[&str], log: &str) -> Result<ApiMock, String> {
        shell::cargo(&["build", "--quiet", "--profile", "server", "-p", "api-mock"])?;
        let address = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("no free port: {e}"))?;
        let log_path = root().join("target").join(log);
        let stdout = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let stderr = stdout.try_clone().map_err(|e| format!("{}: {e}", log_path.display()))?;
        let process = shell::command(root().join("target/server/api-mock").to_str().expect("a UTF-8 path"))
            .args(flags)
            .args(["--memory", "--listen", &address.to_string()])
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("could not start api-mock: {e}"))?;
        let mut server = ApiMock { process, url: format!("http://{address}") };
        server.wait_until_listening(address, &log_path.display().to_string())?;
        println!("api-mock on {} (log: target/{log})", server.url);
        Ok(server)
    }

    fn wait_until_listening(&mut self, address: SocketAddr, log: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = self.process.try_wait() {
                return Err(format!("api-mock stopped at start ({status}); see {log}"));
            }
            if Instant::now() > deadline {
                return Err(format!("api-mock did not listen on {address} within 10 s; see {log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}

impl Drop for ApiMock {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
