//! Password hashing: argon2id with a random salt, in the PHC string format, on a bounded pool (no
//! more hashes at once than cores, so a flood of sign-ins queues instead of taking gigabytes of
//! memory, and at a lower priority than answering requests). A password is never logged.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::{mpsc, Arc, Mutex, OnceLock};

/// The argon2id hash of `password` (OWASP's parameters: 19 MiB, 2 passes, 1 lane).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 hashes any password within the length rule").to_string()
}

/// Whether `password` matches `hash`. With no hash (no such account) it checks against a stand-in,
/// so an unknown username costs the same time as a known one, and answers false.
pub fn verify(password: &str, hash: Option<&str>) -> bool {
    static STAND_IN: OnceLock<String> = OnceLock::new();
    let stand_in = STAND_IN.get_or_init(|| self::hash("a stand-in for an account that does not exist"));
    let parsed = PasswordHash::new(hash.unwrap_or(stand_in));
    let matches = parsed.is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
    matches && hash.is_some()
}

/// The pool every hash and check runs on: a thread a core, started with the pool and ended with
/// it, each at a lower scheduling priority (nice 10) than the threads that answer requests, so a
/// flood of sign-ins keeps the cores busy without slowing the `503` refusals and health down.
#[derive(Clone)]
pub struct Passwords {
    jobs: mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Default for Passwords {
    fn default() -> Passwords {
        Passwords::with_workers(std::thread::available_parallelism().map_or(1, usize::from))
    }
}

impl Passwords {
    pub fn with_workers(workers: usize) -> Passwords {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..workers.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name("argon2".into())
                .spawn(move || {
                    lower_this_thread_s_priority();
                    // Ends when the pool and its clones are dropped: the queue then has no sender.
                    while let Ok(job) = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv() {
                        job();
                    }
                })
                .expect("a thread for the password pool");
        }
        Passwords { jobs }
    }

    /// `hash(password)` on the pool.
    pub async fn hash(&self, password: String) -> String {
        self.run(move || hash(&password)).await
    }

    /// `verify(password, hash)` on the pool.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        self.run(move || verify(&password, hash.as_deref())).await
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> T {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || _ = answer.send(work()));
        self.jobs.send(job).expect("the pool's threads live as long as the pool");
        answered.await.expect("argon2 does not panic on any input")
    }
}

/// Nice 10 for the calling thread (on Linux the nice value is a thread's own).
fn lower_this_thread_s_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; 0 names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verifiable() {
        let (first, second) = (hash("Tajne#Haslo1"), hash("Tajne#Haslo1"));
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("Tajne#Haslo1", Some(&first)));
        assert!(!verify("Tajne#Haslo2", Some(&first)));
        assert!(!verify("a stand-in for an account that does not exist", None), "no account never matches");
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn the_pool_works_at_a_lower_priority_than_the_threads_that_answer() {
        // SAFETY: getpriority only reads its integer arguments; 0 names the calling thread.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let here = nice();
        assert_eq!(Passwords::with_workers(1).run(nice).await, here.max(10));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn the_pool_runs_no_more_hashes_at_once_than_it_has_workers() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let pool = Passwords::with_workers(2);
        let (running, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (pool, running, peak) = (pool.clone(), running.clone(), peak.clone());
                tokio::spawn(async move {
                    pool.run(move || {
                        peak.fetch_max(running.fetch_add(1, SeqCst) + 1, SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(30));
                        running.fetch_sub(1, SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert!((1..=2).contains(&peak.load(SeqCst)), "at most 2 at once, got {}", peak.load(SeqCst));
    }
}
