//! The server binary killed with SIGKILL in the middle of a burst of orders, then
//! restarted on the same database: every order a client saw acknowledged is there with
//! all its lines, a retried submit finds it, and the consistency checker
//! (`domain::consistency`, also `portal check`) finds nothing broken.
//!
//! `CRASH_RUNS` sets how many kill-and-restart rounds one test makes (2 in the test
//! command; `cargo xtask bench crash` runs 20).
// The harness around the rounds may panic: a failed set-up is a failed test.
#![allow(clippy::expect_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backend::domain::consistency;
use common::{TEST_JWT_SECRET, fresh_database};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{Value, json};

const PLACE: &str = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }";
const CLIENTS: usize = 12;

fn runs() -> usize {
    std::env::var("CRASH_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(2)
}

/// The `portal` binary serving `database_url` on a free port.
struct Portal {
    child: Child,
    api: Arc<Api>,
    _outbox: tempfile::TempDir,
}

/// A client of one running portal.
struct Api {
    base_url: String,
    client: reqwest::Client,
}

impl Portal {
    async fn start(database_url: &str) -> Portal {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let outbox = tempfile::tempdir().expect("an outbox dir");
        let child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("JWT_SECRET", TEST_JWT_SECRET)
            .env("BIND", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("MAIL_OUTBOX_DIR", outbox.path())
            .env("RUST_LOG", "error")
            .env_remove("STATIC_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the portal binary starts");
        let portal = Portal {
            child,
            api: Arc::new(Api {
                base_url: format!("http://127.0.0.1:{port}"),
                client: reqwest::Client::new(),
            }),
            _outbox: outbox,
        };
        for _ in 0..300 {
            let health = portal
                .api
                .client
                .get(format!("{}/healthz", portal.api.base_url))
                .send()
                .await;
            if health.is_ok_and(|answer| answer.status().is_success()) {
                return portal;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the portal did not become healthy on port {port}");
    }

    /// SIGKILL: no shutdown, no flush, whatever was in flight is cut.
    fn kill(mut self) {
        self.child.kill().expect("kill the portal");
        self.child.wait().expect("reap the portal");
    }
}

impl Api {
    async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Option<Value> {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.base_url))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let answer = request.send().await.ok()?;
        answer.json().await.ok()
    }

    async fn login(&self, email: &str) -> String {
        let answer = self
            .graphql(
                None,
                "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
                json!({ "email": email, "password": backend::seed::DEMO_PASSWORD }),
            )
            .await
            .expect("login answers");
        answer["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {email}: {answer}"))
            .to_owned()
    }

    /// Three order lines a buyer may order: valid quantities of products in stock.
    async fn order_lines(&self, token: &str) -> Vec<Value> {
        let answer = self
            .graphql(
                Some(token),
                "{ products(first: 60) { edges { node { sku packSize minOrderQuantity available } } } }",
                json!({}),
            )
            .await
            .expect("products answer");
        answer["data"]["products"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|edge| &edge["node"])
            .filter_map(|node| {
                let pack = node["packSize"].as_i64()?.max(1);
                let minimum = node["minOrderQuantity"].as_i64()?.max(1);
                let quantity = (minimum + pack - 1) / pack * pack;
                (node["available"].as_i64()? >= quantity * 50)
                    .then(|| json!({ "sku": node["sku"], "quantity": quantity }))
            })
            .collect()
    }
}

/// One acknowledged order: the id the server answered and the key it was sent with.
#[derive(Clone, Debug)]
struct Acknowledged {
    id: i64,
    key: String,
    buyer: usize,
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
async fn a_server_killed_mid_burst_keeps_every_acknowledged_order_consistent() {
    let (database_url, _sqlite_dir) = fresh_database().await;
    let db = backend::db::connect(&database_url).await.expect("connect");
    assert_eq!(
        consistency::check(&db).await.expect("check"),
        Vec::new(),
        "the demo data"
    );
    let mut total_acknowledged = 0;
    for run in 0..runs() {
        let portal = Portal::start(&database_url).await;
        let mut buyers = Vec::new();
        for email in ["buyer@demo.test", "buyer@other.test"] {
            let token = portal.api.login(email).await;
            let lines = portal.api.order_lines(&token).await;
            assert!(lines.len() >= 3, "{email} has products to order");
            buyers.push((token, lines));
        }
        let buyers = Arc::new(buyers);
        let acknowledged = Arc::new(Mutex::new(Vec::<Acknowledged>::new()));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let (api, buyers, acknowledged) =
                    (portal.api.clone(), buyers.clone(), acknowledged.clone());
                tokio::spawn(async move {
                    let buyer = client % buyers.len();
                    let (token, lines) = &buyers[buyer];
                    for attempt in 0.. {
                        let key = format!("crash-{run}-{client}-{attempt}");
                        let start = (client * 3 + attempt) % (lines.len() - 2);
                        let input =
                            json!({ "lines": lines[start..start + 3], "idempotencyKey": key });
                        let Some(answer) = api
                            .graphql(Some(token), PLACE, json!({ "input": input }))
                            .await
                        else {
                            return;
                        };
                        if let Some(id) = answer["data"]["placeOrder"]["id"].as_str() {
                            let id = id.parse().expect("a numeric order id");
                            acknowledged.lock().expect("lock").push(Acknowledged {
                                id,
                                key,
                                buyer,
                            });
                        }
                    }
                })
            })
            .collect();
        // Kill at a different moment of the burst in every run, counted from its first
        // acknowledged order: on a busy machine the first one can take seconds.
        let burst_started = std::time::Instant::now();
        while acknowledged.lock().expect("lock").is_empty()
            && burst_started.elapsed() < Duration::from_secs(60)
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(100 + (run as u64 * 173) % 900)).await;
        portal.kill();
        for client in clients {
            client.await.ok();
        }
        let acknowledged = acknowledged.lock().expect("lock").clone();
        assert!(
            !acknowledged.is_empty(),
            "run {run}: the burst placed orders before the kill"
        );
        total_acknowledged += acknowledged.len();

        // Restarted on the same database: everything acknowledged is there, whole.
        let portal = Portal::start(&database_url).await;
        for order in &acknowledged {
            assert_eq!(
                lines_of(&db, order.id).await,
                3,
                "run {run}: order {} is whole",
                order.id
            );
        }
        // A client that retries an acknowledged submit gets the same order back.
        let retried = &acknowledged[acknowledged.len() / 2];
        let token = portal
            .api
            .login(["buyer@demo.test", "buyer@other.test"][retried.buyer])
            .await;
        let lines = portal.api.order_lines(&token).await;
        let answer = portal
            .api
            .graphql(
                Some(&token),
                PLACE,
                json!({ "input": { "lines": lines[..3], "idempotencyKey": retried.key } }),
            )
            .await
            .expect("the retry answers");
        assert_eq!(
            answer["data"]["placeOrder"]["id"].as_str(),
            Some(retried.id.to_string().as_str()),
            "run {run}: {answer}"
        );
        let findings = consistency::check(&db).await.expect("check");
        assert_eq!(findings, Vec::new(), "run {run}: the data after the kill");
        portal.kill();
    }
    println!(
        "crash runs: {}, orders acknowledged before the kills: {total_acknowledged}",
        runs()
    );
}

#[tokio::test]
async fn the_consistency_checker_finds_a_broken_invariant() {
    let (database_url, _sqlite_dir) = fresh_database().await;
    let db = backend::db::connect(&database_url).await.expect("connect");
    assert_eq!(consistency::check(&db).await.expect("check"), Vec::new());
    // A reservation nobody holds, as a half-written order would leave it.
    db.execute_unprepared("UPDATE stock SET reserved = reserved + 1, on_hand = on_hand + 1 WHERE product_id = (SELECT MIN(product_id) FROM stock)")
        .await
        .expect("corrupt a reservation");
    // An order whose total is not its lines plus VAT.
    db.execute_unprepared(
        "UPDATE orders SET total = total + 1 WHERE id = (SELECT MIN(id) FROM orders)",
    )
    .await
    .expect("corrupt an order");
    let findings = consistency::check(&db).await.expect("check");
    let broken: Vec<&str> = findings.iter().map(|finding| finding.invariant).collect();
    assert!(
        broken.contains(&"a product's reserved units are its open orders' lines"),
        "{broken:?}"
    );
    assert!(
        broken.contains(&"an order's subtotal is the sum of its lines and its total adds VAT"),
        "{broken:?}"
    );
}
