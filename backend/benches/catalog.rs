//! Catalog page benchmark (a command, not a test): `cargo xtask bench`.
//!
//! Loads the demo data plus generated products up to each requested size, starts the
//! real server in this process, and drives it over loopback with 32 concurrent
//! clients for a fixed time: the catalog page of a buyer (50 products with personal
//! prices, tiers and stock) and a search. Prints p50/p99 latency and throughput, and
//! writes the table as JSON to `target/bench/catalog-<database>.json`.
//!
//! Options (after `--`): `--products 10k,100k,1m`, `--seconds 10`, `--clients 32`;
//! `BENCH_DATABASE_URL=postgres://...` benchmarks PostgreSQL instead of SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::app::App;
use backend::config::Config;
use backend::domain::catalog::search_text;
use backend::entities::{category, price_list, price_list_item, product, stock};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
    QueryFilter,
};
use secrecy::SecretString;
use serde_json::{Value, json};

const PAGE: &str = "{ products(first: 50) { edges { node { sku name unitPrice available priceTiers { minQuantity unitPrice } } } pageInfo { hasNextPage } } }";
const SEARCH: &str = "{ products(first: 50, search: \"screw 4x\") { edges { node { sku name unitPrice available } } } }";

fn parse_size(text: &str) -> usize {
    let text = text.trim().to_lowercase();
    let (number, factor) = match text.strip_suffix('m') {
        Some(number) => (number, 1_000_000),
        None => match text.strip_suffix('k') {
            Some(number) => (number, 1_000),
            None => (text.as_str(), 1),
        },
    };
    number
        .parse::<usize>()
        .expect("a size like 10k, 100k or 1m")
        * factor
}

struct Options {
    sizes: Vec<usize>,
    seconds: u64,
    clients: usize,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|arg| arg == name)
            .and_then(|index| args.get(index + 1))
            .cloned()
    };
    Options {
        sizes: value("--products")
            .unwrap_or_else(|| "10k".to_owned())
            .split(',')
            .map(parse_size)
            .collect(),
        seconds: value("--seconds")
            .and_then(|s| s.parse().ok())
            .unwrap_or(10),
        clients: value("--clients")
            .and_then(|s| s.parse().ok())
            .unwrap_or(32),
    }
}

async fn fresh_database(size: usize) -> (String, DatabaseConnection, Option<tempfile::TempDir>) {
    match std::env::var("BENCH_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    {
        Some(server) => {
            let admin = Database::connect(server.as_str())
                .await
                .expect("connect to BENCH_DATABASE_URL");
            let name = format!("portal_bench_{size}");
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

/// Adds generated products (in a category Galil sees) until the catalog has `size`.
async fn grow_catalog(db: &DatabaseConnection, size: usize) {
    let existing = product::Entity::find()
        .all(db)
        .await
        .expect("products")
        .len();
    let screws = category::Entity::find()
        .filter(category::Column::NameEn.eq("Screws"))
        .one(db)
        .await
        .expect("categories")
        .expect("the Screws category");
    let base = price_list::Entity::find()
        .filter(price_list::Column::IsBase.eq(true))
        .one(db)
        .await
        .expect("lists")
        .expect("a base list");
    let now = Utc::now();
    let mut next = existing;
    while next < size {
        let batch: Vec<usize> = (next..(next + 2_000).min(size)).collect();
        let products = batch.iter().map(|n| {
            let sku = format!("GEN-{n:07}");
            let name_he = format!("מוצר כללי {n}");
            let name_en = format!("Generic item {n}");
            product::ActiveModel {
                search_text: Set(search_text(&sku, &name_he, &name_en)),
                sku: Set(sku),
                name_he: Set(name_he),
                name_en: Set(name_en),
                description: Set(String::new()),
                category_id: Set(screws.id),
                unit: Set("unit".to_owned()),
                pack_size: Set(1),
                min_order_quantity: Set(1),
                image_url: Set(None),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
        });
        let txn = sea_orm::TransactionTrait::begin(db).await.expect("begin");
        for chunk in products.collect::<Vec<_>>().chunks(1_000) {
            product::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .expect("insert products");
        }
        let first_sku = format!("GEN-{:07}", batch[0]);
        let last_sku = format!("GEN-{:07}", batch[batch.len() - 1]);
        let ids: Vec<i64> = product::Entity::find()
            .filter(product::Column::Sku.between(first_sku, last_sku))
            .all(&txn)
            .await
            .expect("ids")
            .into_iter()
            .map(|row| row.id)
            .collect();
        for chunk in ids.chunks(1_000) {
            price_list_item::Entity::insert_many(chunk.iter().map(|id| {
                price_list_item::ActiveModel {
                    price_list_id: Set(base.id),
                    product_id: Set(*id),
                    unit_price: Set(100_000 + (id % 997) * 100),
                }
            }))
            .exec(&txn)
            .await
            .expect("prices");
            stock::Entity::insert_many(chunk.iter().map(|id| stock::ActiveModel {
                product_id: Set(*id),
                on_hand: Set(id % 300),
                reserved: Set(0),
                updated_at: Set(now),
            }))
            .exec(&txn)
            .await
            .expect("stock");
        }
        txn.commit().await.expect("commit");
        next += batch.len();
    }
    // Fresh statistics, so both planners see the grown tables.
    db.execute_unprepared("ANALYZE").await.expect("analyze");
}

struct Run {
    name: &'static str,
    requests: usize,
    errors: usize,
    p50_ms: f64,
    p99_ms: f64,
    per_second: f64,
}

async fn drive(
    base_url: &str,
    token: &str,
    query: &'static str,
    name: &'static str,
    options: &Options,
) -> Run {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(options.clients)
        .build()
        .expect("client");
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let url = format!("{base_url}/graphql");
    let body = Arc::new(json!({ "query": query }));
    let mut workers = Vec::new();
    for _ in 0..options.clients {
        let (client, url, body, token) =
            (client.clone(), url.clone(), body.clone(), token.to_owned());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            while Instant::now() < deadline {
                let started = Instant::now();
                let response = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&*body)
                    .send()
                    .await;
                let ok = match response {
                    Ok(response) => response
                        .json::<Value>()
                        .await
                        .is_ok_and(|value| value.get("errors").is_none()),
                    Err(_) => false,
                };
                latencies.push(started.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let started = Instant::now();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (worker_latencies, worker_errors) = worker.await.expect("worker");
        latencies.extend(worker_latencies);
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
        name,
        requests: latencies.len(),
        errors,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        per_second: latencies.len() as f64 / elapsed,
    }
}

#[tokio::main]
async fn main() {
    let options = options();
    let database = if std::env::var("BENCH_DATABASE_URL").is_ok() {
        "postgres"
    } else {
        "sqlite"
    };
    let mut results = Vec::new();
    println!(
        "catalog benchmark on {database}: {} clients, {} s per run",
        options.clients, options.seconds
    );
    println!(
        "{:>9} {:<8} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "products", "query", "requests", "errors", "p50 ms", "p99 ms", "req/s"
    );
    for size in options.sizes.clone() {
        let (url, db, _dir) = fresh_database(size).await;
        backend::db::migrate(&db).await.expect("migrate");
        backend::seed::seed_demo(&db).await.expect("seed");
        let loading = Instant::now();
        grow_catalog(&db, size).await;
        eprintln!(
            "loaded {size} products in {:.1} s",
            loading.elapsed().as_secs_f64()
        );
        let config = Config {
            database_url: url,
            listen_address: "127.0.0.1:0".parse().expect("address"),
            static_dir: None,
            jwt_secret: SecretString::from("bench-secret-0123456789abcdefghijklmnopqrstuvwxyz"),
            demo: false,
            access_token_minutes: 60,
            mail: backend::config::MailConfig::default(),
        };
        let app = App::from_database(db.clone(), &config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async move {
            let _ = stopped.await;
        }));
        let login: Value = reqwest::Client::new()
            .post(format!("{base_url}/graphql"))
            .json(&json!({ "query": "mutation { login(email: \"buyer@demo.test\", password: \"demo-password\") { token } }" }))
            .send()
            .await
            .expect("login")
            .json()
            .await
            .expect("login json");
        let token = login["data"]["login"]["token"]
            .as_str()
            .expect("a token")
            .to_owned();
        for (query, name) in [(PAGE, "page"), (SEARCH, "search")] {
            let run = drive(&base_url, &token, query, name, &options).await;
            println!(
                "{:>9} {:<8} {:>9} {:>7} {:>9.2} {:>9.2} {:>9.0}",
                size, run.name, run.requests, run.errors, run.p50_ms, run.p99_ms, run.per_second
            );
            results.push(json!({ "database": database, "products": size, "query": run.name, "clients": options.clients,
                "seconds": options.seconds, "requests": run.requests, "errors": run.errors,
                "p50_ms": run.p50_ms, "p99_ms": run.p99_ms, "requests_per_second": run.per_second }));
        }
        let _ = stop.send(());
        let _ = server.await;
        db.close().await.ok();
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join(format!("catalog-{database}.json"));
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&results).unwrap_or_default(),
    )
    .ok();
    println!("written to {}", path.display());
}
