//! What the benchmarks share: options, a fresh database, the real server in this
//! process, logins, a load loop with latency statistics, and the JSON report.
#![allow(dead_code)] // each benchmark uses a part of it

pub mod orders;

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::app::App;
use backend::config::Config;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use secrecy::SecretString;
use serde_json::{Value, json};

/// `--name value` from the command line.
pub fn option(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == name)
        .and_then(|index| args.get(index + 1))
        .cloned()
}

pub fn seconds() -> u64 {
    option("--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

pub fn clients() -> usize {
    option("--clients")
        .and_then(|s| s.parse().ok())
        .unwrap_or(32)
}

/// "sqlite" or "postgres": `BENCH_DATABASE_URL` (a PostgreSQL server) selects the latter.
pub fn database_kind() -> &'static str {
    if server_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn server_url() -> Option<String> {
    std::env::var("BENCH_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// A new, empty database named after the run: a PostgreSQL database on the server of
/// `BENCH_DATABASE_URL`, else a SQLite file in a temporary folder (kept alive by the
/// returned guard).
pub async fn fresh_database(name: &str) -> (String, DatabaseConnection, Option<tempfile::TempDir>) {
    match server_url() {
        Some(server) => {
            let admin = Database::connect(server.as_str())
                .await
                .expect("connect to BENCH_DATABASE_URL");
            let name = format!("portal_bench_{name}");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .expect("drop");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create");
            let base = server
                .rsplit_once('/')
                .map(|(base, _)| base.to_owned())
                .unwrap_or(server.clone());
            let url = format!("{base}/{name}");
            let db = backend::db::connect(&url).await.expect("connect");
            (url, db, None)
        }
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("bench.db").display()
            );
            let db = backend::db::connect(&url).await.expect("connect");
            (url, db, Some(dir))
        }
    }
}

/// The real server on a loopback port, serving `db`.
pub struct Server {
    pub base_url: String,
    stop: tokio::sync::oneshot::Sender<()>,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
    /// The approval e-mails of a run go here, not into `./data/outbox`.
    _outbox: tempfile::TempDir,
}

impl Server {
    pub async fn start(db: &DatabaseConnection, database_url: String) -> Server {
        let outbox = tempfile::tempdir().expect("an outbox dir");
        let config = Config {
            database_url,
            listen_address: "127.0.0.1:0".parse().expect("address"),
            static_dir: None,
            jwt_secret: SecretString::from("bench-secret-0123456789abcdefghijklmnopqrstuvwxyz"),
            jwt_previous_secrets: Vec::new(),
            demo: false,
            access_token_minutes: 60,
            require_totp: false,
            mail: backend::config::MailConfig {
                outbox_dir: outbox.path().to_owned(),
                ..Default::default()
            },
            supplier: Default::default(),
            login_limits: Default::default(),
            trusted_proxies: Vec::new(),
            webhooks: Default::default(),
        };
        let app = App::from_database(db.clone(), &config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(app.serve(listener, async move {
            let _ = stopped.await;
        }));
        Server {
            base_url,
            stop,
            handle,
            _outbox: outbox,
        }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.handle.await;
    }

    /// One GraphQL request; the whole response.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = reqwest::Client::new()
            .post(format!("{}/graphql", self.base_url))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("a JSON response")
    }

    pub async fn login(&self, email: &str) -> String {
        let response = self
            .graphql(
                None,
                "mutation($email: String!) { login(email: $email, password: \"demo-password\") { token } }",
                json!({ "email": email }),
            )
            .await;
        response["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {email}: {response}"))
            .to_owned()
    }
}

/// The outcome of one request, as the load loop counts it.
pub enum Outcome {
    Ok,
    /// An answer the benchmark expects under contention (e.g. OUT_OF_STOCK): counted
    /// apart, not as an error.
    Refused,
    Error,
    /// Nothing left to do (e.g. no pending order left to approve): this client stops,
    /// and the request is not counted.
    Exhausted,
}

pub struct Run {
    pub requests: usize,
    pub refused: usize,
    pub errors: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub per_second: f64,
}

impl Run {
    pub fn json(&self) -> Value {
        json!({ "requests": self.requests, "refused": self.refused, "errors": self.errors,
            "p50_ms": self.p50_ms, "p99_ms": self.p99_ms, "requests_per_second": self.per_second })
    }
}

/// Runs `clients` loops of `request(client_index, http_client)` until `duration` has
/// passed, and summarises the latencies of every request.
pub async fn drive<F, Fut>(clients: usize, duration: Duration, request: F) -> Run
where
    F: Fn(usize, reqwest::Client) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send,
{
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    let request = Arc::new(request);
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let mut workers = Vec::new();
    for index in 0..clients {
        let (http, request) = (http.clone(), request.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let (mut refused, mut errors) = (0, 0);
            while Instant::now() < deadline {
                let sent = Instant::now();
                let outcome = request(index, http.clone()).await;
                if matches!(outcome, Outcome::Exhausted) {
                    break;
                }
                latencies.push(sent.elapsed());
                match outcome {
                    Outcome::Ok | Outcome::Exhausted => {}
                    Outcome::Refused => refused += 1,
                    Outcome::Error => errors += 1,
                }
            }
            (latencies, refused, errors)
        }));
    }
    let mut latencies = Vec::new();
    let (mut refused, mut errors) = (0, 0);
    for worker in workers {
        let (worker_latencies, worker_refused, worker_errors) = worker.await.expect("worker");
        latencies.extend(worker_latencies);
        refused += worker_refused;
        errors += worker_errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Run {
        requests: latencies.len(),
        refused,
        errors,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        per_second: latencies.len() as f64 / elapsed,
    }
}

/// Starts a new measure of the peak resident set size (`VmHWM`) of this process,
/// which runs both the server and the load generator: writing 5 to
/// `/proc/self/clear_refs` resets the high-water mark to the current size (Linux).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident set size of this process since the last [`reset_peak_rss`], in
/// MiB (`VmHWM` of `/proc/self/status`); 0 where the file does not exist.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Sends one GraphQL request from a load loop: the response, or `None` when the
/// request failed at the HTTP level.
pub async fn post(
    http: &reqwest::Client,
    base_url: &str,
    token: &str,
    body: &Value,
) -> Option<Value> {
    let response = http
        .post(format!("{base_url}/graphql"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .ok()?;
    response.json::<Value>().await.ok()
}

/// Writes the results as `target/bench/<name>-<database>.json`.
pub fn write_report(name: &str, results: &[Value]) {
    let dir = std::path::PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
    )
    .join("../target/bench");
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join(format!("{name}-{}.json", database_kind()));
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&results).unwrap_or_default(),
    )
    .ok();
    println!("written to {}", path.display());
}
