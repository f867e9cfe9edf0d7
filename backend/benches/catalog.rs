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

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::domain::catalog::search_text;
use backend::entities::{category, price_list, price_list_item, product, stock};
use chrono::Utc;
use common::{Outcome, Server};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::json;

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

fn sizes() -> Vec<usize> {
    common::option("--products")
        .unwrap_or_else(|| "10k".to_owned())
        .split(',')
        .map(parse_size)
        .collect()
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

#[tokio::main]
async fn main() {
    let (seconds, clients) = (common::seconds(), common::clients());
    let database = common::database_kind();
    let mut results = Vec::new();
    println!("catalog benchmark on {database}: {clients} clients, {seconds} s per run");
    println!(
        "{:>9} {:<8} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "products", "query", "requests", "errors", "p50 ms", "p99 ms", "req/s"
    );
    for size in sizes() {
        let (url, db, _dir) = common::fresh_database(&size.to_string()).await;
        backend::db::migrate(&db).await.expect("migrate");
        backend::seed::seed_demo(&db).await.expect("seed");
        let loading = Instant::now();
        grow_catalog(&db, size).await;
        eprintln!(
            "loaded {size} products in {:.1} s",
            loading.elapsed().as_secs_f64()
        );
        let server = Server::start(&db, url).await;
        let token: Arc<str> = server.login("buyer@demo.test").await.into();
        for (query, name) in [(PAGE, "page"), (SEARCH, "search")] {
            let body = Arc::new(json!({ "query": query }));
            let (base_url, token) = (server.base_url.clone(), token.clone());
            let run = common::drive(clients, Duration::from_secs(seconds), move |_, http| {
                let (base_url, token, body) = (base_url.clone(), token.clone(), body.clone());
                async move {
                    match common::post(&http, &base_url, &token, &body).await {
                        Some(response) if response.get("errors").is_none() => Outcome::Ok,
                        _ => Outcome::Error,
                    }
                }
            })
            .await;
            println!(
                "{:>9} {:<8} {:>9} {:>7} {:>9.2} {:>9.2} {:>9.0}",
                size, name, run.requests, run.errors, run.p50_ms, run.p99_ms, run.per_second
            );
            let mut result = run.json();
            result["database"] = json!(database);
            result["products"] = json!(size);
            result["query"] = json!(name);
            result["clients"] = json!(clients);
            result["seconds"] = json!(seconds);
            results.push(result);
        }
        server.stop().await;
    }
    common::write_report("catalog", &results);
}
