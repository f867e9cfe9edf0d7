//! PostgreSQL restarted under load: the server rides through the outage and serves
//! again without a restart of its own.
//!
//! The test starts its own PostgreSQL cluster (Debian's binaries, `initdb` into a
//! temporary folder, as the `postgres` user when run as root), runs the real server
//! (`App`, as the other tests do) on it, drives orders and catalog reads from several
//! clients, stops the cluster with `pg_ctl stop -m fast` in the middle, keeps it down
//! for two seconds and starts it again. It asserts that:
//!
//! - every request answered: no hang beyond the request timeout, no panic, no dropped
//!   connection; a failure is a GraphQL error with a documented `extensions.code`, or
//!   the documented `503 Service Unavailable` with a GraphQL error body;
//! - the server serves orders and catalog reads again within [`RECOVERY_BOUND`] after
//!   the database is back, and live stock updates (the LISTEN task of `events.rs`)
//!   flow again;
//! - every acknowledged order is there with all its lines, and the consistency
//!   checker (`domain::consistency`) finds nothing.
//!
//! It runs with the PostgreSQL tests (`TEST_DATABASE_URL` set, as in the second pass
//! of `cargo xtask test`) and prints that it was skipped otherwise, or when no
//! PostgreSQL binaries or no way to run `initdb` exists here.
// The harness may panic: a failed set-up is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backend::app::App;
use backend::domain::consistency;
use common::ws::Subscription;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

/// How long the server may take to serve again once the database is back.
const RECOVERY_BOUND: Duration = Duration::from_secs(10);
/// No request may take longer than this (the pool's acquire timeout is 10 s).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the database stays down.
const OUTAGE: Duration = Duration::from_secs(2);
const ORDERING_CLIENTS: usize = 4;
const CATALOG_CLIENTS: usize = 2;

const PLACE: &str = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }";
const PAGE: &str = "{ products(first: 20) { edges { node { sku unitPrice available } } } }";
/// What `api.md` documents as `extensions.code`.
const DOCUMENTED_CODES: [&str; 10] = [
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "OUT_OF_STOCK",
    "CREDIT_LIMIT",
    "INVALID_TRANSITION",
    "CONFLICT",
    "RATE_LIMITED",
    "INTERNAL",
];

/// A PostgreSQL cluster of this test's own, in a temporary folder.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    /// Run the PostgreSQL programs as `postgres` (initdb refuses root).
    as_postgres: bool,
    dir: tempfile::TempDir,
}

impl Cluster {
    /// Creates and starts a cluster, or says why it cannot be done here.
    fn start() -> Result<Cluster, String> {
        let bin = postgres_bin_dir().ok_or("no PostgreSQL binaries in /usr/lib/postgresql")?;
        let as_postgres = running_as_root();
        let dir = tempfile::tempdir().map_err(|error| format!("no temp dir: {error}"))?;
        if as_postgres {
            let chown = Command::new("chown")
                .arg("postgres:")
                .arg(dir.path())
                .status()
                .map_err(|error| format!("chown: {error}"))?;
            if !chown.success() {
                return Err("cannot give the temp dir to the postgres user".to_owned());
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|error| format!("no free port: {error}"))?
            .port();
        let cluster = Cluster {
            data: dir.path().join("data"),
            bin,
            port,
            as_postgres,
            dir,
        };
        let data = cluster.data.display().to_string();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        // The settings go into postgresql.conf, not `pg_ctl -o`: a later `pg_ctl start`
        // (after the stop of the test) must not fall back to port 5432, the shared
        // server's. fsync off: a fast stop writes a shutdown checkpoint, which is all a
        // restart needs; the machine itself does not crash in this test.
        let settings = format!(
            "\nport = {}\nunix_socket_directories = '{}'\nlisten_addresses = '127.0.0.1'\n\
             fsync = off\nmax_connections = 60\n",
            cluster.port,
            cluster.dir.path().display()
        );
        let conf = cluster.data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf)
            .map_err(|error| format!("cannot read postgresql.conf: {error}"))?;
        text.push_str(&settings);
        std::fs::write(&conf, text)
            .map_err(|error| format!("cannot write postgresql.conf: {error}"))?;
        let log = cluster
            .dir
            .path()
            .join("postgres.log")
            .display()
            .to_string();
        cluster.run(
            "pg_ctl",
            &["-D", &data, "-l", &log, "-w", "-t", "30", "start"],
        )?;
        Ok(cluster)
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs one PostgreSQL program (as `postgres` when we are root).
    fn run(&self, program: &str, arguments: &[&str]) -> Result<(), String> {
        let path = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(&path);
            command
        } else {
            Command::new(&path)
        };
        let output = command
            .args(arguments)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("{program} does not run: {error}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{program} {arguments:?} failed: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    fn pg_ctl(&self, arguments: &[&str]) {
        let data = self.data.display().to_string();
        let log = self.dir.path().join("postgres.log").display().to_string();
        let mut all = vec!["-D", data.as_str(), "-l", log.as_str(), "-w", "-t", "30"];
        all.extend_from_slice(arguments);
        self.run("pg_ctl", &all).expect("pg_ctl");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data.display().to_string();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "stop"]);
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`.
fn postgres_bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// How one request ended.
#[derive(Clone, Debug)]
enum Answer {
    Ok(Value),
    /// A GraphQL error (HTTP status, `extensions.code`, message).
    Refused(u16, Option<String>, String),
    /// Anything else: a status without a GraphQL body, a dropped connection, a timeout.
    Broken(String),
}

#[derive(Clone, Debug)]
struct Record {
    kind: &'static str,
    sent: Instant,
    took: Duration,
    answer: Answer,
}

async fn send(client: &reqwest::Client, base_url: &str, token: &str, body: &Value) -> Answer {
    let response = match client
        .post(format!("{base_url}/graphql"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
    {
        Ok(response) => response,
        Err(error) => return Answer::Broken(format!("transport: {error}")),
    };
    let status = response.status().as_u16();
    let text = match response.text().await {
        Ok(text) => text,
        Err(error) => return Answer::Broken(format!("body: {error}")),
    };
    let Ok(json) = serde_json::from_str::<Value>(&text) else {
        return Answer::Broken(format!("HTTP {status} without a GraphQL body: {text:?}"));
    };
    match json["errors"].get(0) {
        None if status == 200 => Answer::Ok(json["data"].clone()),
        None => Answer::Broken(format!("HTTP {status} without errors: {json}")),
        Some(error) => Answer::Refused(
            status,
            error["extensions"]["code"].as_str().map(str::to_owned),
            error["message"].as_str().unwrap_or_default().to_owned(),
        ),
    }
}

async fn login(client: &reqwest::Client, base_url: &str, email: &str) -> String {
    let body = json!({
        "query": "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
        "variables": { "email": email, "password": backend::seed::DEMO_PASSWORD },
    });
    let response: Value = client
        .post(format!("{base_url}/graphql"))
        .json(&body)
        .send()
        .await
        .expect("login answers")
        .json()
        .await
        .expect("login JSON");
    response["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login of {email}: {response}"))
        .to_owned()
}

/// Order lines the buyer may order many times over: valid quantities of products with
/// plenty in stock.
async fn order_lines(client: &reqwest::Client, base_url: &str, token: &str) -> Vec<Value> {
    let body = json!({ "query": "{ products(first: 60) { edges { node { sku packSize minOrderQuantity available } } } }" });
    let Answer::Ok(data) = send(client, base_url, token, &body).await else {
        panic!("the catalog answers before the outage");
    };
    data["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| &edge["node"])
        .filter_map(|node| {
            let pack = node["packSize"].as_i64()?.max(1);
            let minimum = node["minOrderQuantity"].as_i64()?.max(1);
            let quantity = (minimum + pack - 1) / pack * pack;
            (node["available"].as_i64()? >= quantity * 200)
                .then(|| json!({ "sku": node["sku"], "quantity": quantity }))
        })
        .collect()
}

async fn lines_of(db: &DatabaseConnection, order_id: i64) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM order_lines WHERE order_id = {order_id}"),
        ))
        .await
        .expect("count lines")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_server_serves_again_after_postgresql_restarts_under_load() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |url| url.is_empty()) {
        println!(
            "pg_restart skipped: TEST_DATABASE_URL is not set (it runs with the PostgreSQL tests)"
        );
        return;
    }
    let cluster = match Cluster::start() {
        Ok(cluster) => cluster,
        Err(reason) => {
            println!("pg_restart skipped: no PostgreSQL cluster of its own: {reason}");
            return;
        }
    };
    let test_started = Instant::now();

    // The portal's database on the new cluster, migrated and seeded.
    let admin = Database::connect(cluster.url("postgres"))
        .await
        .expect("connect to the new cluster");
    admin
        .execute_unprepared("CREATE DATABASE portal")
        .await
        .expect("create the database");
    admin.close().await.ok();
    let database_url = cluster.url("portal");
    let db = backend::db::connect(&database_url).await.expect("connect");
    backend::db::migrate(&db).await.expect("migrate");
    backend::seed::seed_demo(&db).await.expect("seed");

    // The real server, as the other tests run it.
    let outbox = tempfile::tempdir().expect("an outbox dir");
    let mut config = common::test_config(database_url.clone(), None);
    config.mail.outbox_dir = outbox.path().to_owned();
    let app = App::from_database(db.clone(), &config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    let (shutdown, shutdown_signal) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve(listener, async move {
        let _ = shutdown_signal.await;
    }));

    let client = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("a client");
    let mut buyers = Vec::new();
    for email in ["buyer@demo.test", "buyer@other.test"] {
        let token = login(&client, &base_url, email).await;
        let lines = order_lines(&client, &base_url, &token).await;
        assert!(lines.len() >= 3, "{email} has products to order");
        buyers.push((token, lines));
    }
    let buyers = Arc::new(buyers);
    let mut stock_updates = Subscription::start(
        &base_url,
        &buyers[0].0,
        "subscription { stockChanged { sku available } }",
        json!({}),
    )
    .await;
    println!(
        "pg_restart: set-up took {:.1} s",
        test_started.elapsed().as_secs_f64()
    );

    // Load: ordering and catalog clients until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let records = Arc::new(Mutex::new(Vec::<Record>::new()));
    let acknowledged = Arc::new(Mutex::new(Vec::<i64>::new()));
    let mut clients = Vec::new();
    for index in 0..ORDERING_CLIENTS + CATALOG_CLIENTS {
        let (client, base_url, buyers, stop, records, acknowledged) = (
            client.clone(),
            base_url.clone(),
            buyers.clone(),
            stop.clone(),
            records.clone(),
            acknowledged.clone(),
        );
        clients.push(tokio::spawn(async move {
            let (token, lines) = &buyers[index % buyers.len()];
            let ordering = index < ORDERING_CLIENTS;
            let mut attempt = 0;
            while !stop.load(Ordering::Relaxed) {
                attempt += 1;
                let (kind, body) = if ordering {
                    let start = (index * 3 + attempt) % (lines.len() - 2);
                    let key = format!("pg-restart-{index}-{attempt}");
                    let input = json!({ "lines": lines[start..start + 3], "idempotencyKey": key });
                    (
                        "order",
                        json!({ "query": PLACE, "variables": { "input": input } }),
                    )
                } else {
                    ("catalog", json!({ "query": PAGE }))
                };
                let sent = Instant::now();
                let answer = send(&client, &base_url, token, &body).await;
                let took = sent.elapsed();
                if let Answer::Ok(data) = &answer
                    && let Some(id) = data["placeOrder"]["id"].as_str()
                {
                    acknowledged
                        .lock()
                        .unwrap()
                        .push(id.parse().expect("a numeric order id"));
                }
                let failed = !matches!(answer, Answer::Ok(_));
                records.lock().unwrap().push(Record {
                    kind,
                    sent,
                    took,
                    answer,
                });
                if failed {
                    // A client that sees an error waits a little before it retries.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }));
    }

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let outage_started = Instant::now();
    cluster.pg_ctl(&["-m", "fast", "stop"]);
    let stopped_after = outage_started.elapsed();
    tokio::time::sleep(OUTAGE).await;
    cluster.pg_ctl(&["start"]);
    let back = Instant::now();
    println!(
        "pg_restart: PostgreSQL stopped in {:.2} s, down for {:.1} s, back",
        stopped_after.as_secs_f64(),
        back.duration_since(outage_started).as_secs_f64()
    );

    // Wait until both kinds of request succeed again (sent after the database is
    // back), or the bound has passed.
    let first_success_after_back = |kind: &str| {
        records
            .lock()
            .unwrap()
            .iter()
            .filter(|record| record.kind == kind && record.sent >= back)
            .filter(|record| matches!(record.answer, Answer::Ok(_)))
            .map(|record| record.sent + record.took)
            .min()
    };
    while back.elapsed() < RECOVERY_BOUND + Duration::from_secs(2)
        && (first_success_after_back("order").is_none()
            || first_success_after_back("catalog").is_none())
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A little more load after the recovery.
    tokio::time::sleep(Duration::from_millis(700)).await;
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.await.expect("a client task panicked");
    }
    assert!(!server.is_finished(), "the server is still running");

    let records = records.lock().unwrap().clone();
    let failures: Vec<&Record> = records
        .iter()
        .filter(|record| !matches!(record.answer, Answer::Ok(_)))
        .collect();
    let slowest = records
        .iter()
        .map(|record| record.took)
        .max()
        .unwrap_or_default();
    let mut codes: Vec<String> = failures
        .iter()
        .map(|record| match &record.answer {
            Answer::Refused(status, code, _) => {
                format!("{status} {}", code.as_deref().unwrap_or("-"))
            }
            Answer::Broken(problem) => problem.clone(),
            Answer::Ok(_) => unreachable!(),
        })
        .collect();
    codes.sort();
    codes.dedup();
    println!(
        "pg_restart: {} requests, {} failed ({codes:?}), slowest {:.2} s",
        records.len(),
        failures.len(),
        slowest.as_secs_f64()
    );

    // During the outage: clean errors only.
    for record in &failures {
        match &record.answer {
            Answer::Refused(status, code, message) => {
                let code = code.as_deref().unwrap_or_default();
                assert!(
                    DOCUMENTED_CODES.contains(&code),
                    "an undocumented code {code:?} ({message})"
                );
                assert!(
                    *status == 200 || *status == 503,
                    "a failed request answered HTTP {status} ({code}: {message}); only 503 \
                     Service Unavailable is documented for an unavailable database"
                );
                assert!(!message.is_empty(), "an error without a message");
            }
            Answer::Broken(problem) => panic!("a request was not answered cleanly: {problem}"),
            Answer::Ok(_) => {}
        }
    }
    assert!(
        slowest < REQUEST_TIMEOUT,
        "a request hung for {:.1} s",
        slowest.as_secs_f64()
    );

    // Served again within the bound, without a restart of the server.
    for kind in ["order", "catalog"] {
        let recovered = first_success_after_back(kind)
            .unwrap_or_else(|| panic!("no {kind} request succeeded after the database came back"));
        let took = recovered.duration_since(back);
        println!(
            "pg_restart: {kind} requests served again {:.2} s after the database was back",
            took.as_secs_f64()
        );
        assert!(
            took <= RECOVERY_BOUND,
            "{kind} requests took {:.1} s to recover",
            took.as_secs_f64()
        );
    }

    // Live updates flow again: the LISTEN task reconnected.
    while stock_updates
        .next(Duration::from_millis(200))
        .await
        .is_some()
    {}
    let (token, lines) = &buyers[0];
    let body = json!({ "query": PLACE, "variables": { "input": { "lines": lines[..1] } } });
    let after_restart = send(&client, &base_url, token, &body).await;
    let Answer::Ok(data) = &after_restart else {
        panic!("an order after the recovery: {after_restart:?}");
    };
    let last_id: i64 = data["placeOrder"]["id"]
        .as_str()
        .expect("an id")
        .parse()
        .expect("numeric");
    let update = stock_updates
        .next(RECOVERY_BOUND)
        .await
        .expect("a live stock update after the restart (the LISTEN task reconnects)");
    assert!(
        update["data"]["stockChanged"]["sku"].is_string(),
        "a stock update: {update}"
    );

    // Nothing acknowledged was lost, nothing is half-written.
    let mut acknowledged = acknowledged.lock().unwrap().clone();
    acknowledged.push(last_id);
    assert!(acknowledged.len() > 1, "orders were acknowledged");
    for id in &acknowledged {
        let expected = if *id == last_id { 1 } else { 3 };
        assert_eq!(lines_of(&db, *id).await, expected, "order {id} is whole");
    }
    let findings = consistency::check(&db)
        .await
        .expect("the consistency check runs");
    assert_eq!(findings, Vec::new(), "the data after the restart");
    println!(
        "pg_restart: {} acknowledged orders all there; the test took {:.1} s",
        acknowledged.len(),
        test_started.elapsed().as_secs_f64()
    );

    let _ = shutdown.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    db.close().await.ok();
    drop(cluster);
}
