//! Ordering benchmark (a command, not a test): `cargo xtask bench --orders`.
//!
//! Seeds the demo data, gives Galil a credit limit that never binds, copies it into
//! `--companies` companies (8 by default) and deals 32 buyers over them, starts the
//! real server in this process and drives it over loopback:
//!
//! - `place`: every client places 10-line orders (within the approval rules, so each
//!   goes straight to SUBMITTED and reserves stock) as fast as it can;
//! - `race`: every client tries to buy the last 100 units of 5 products, one pack per
//!   order, until they are gone. The units the server acknowledged are summed per
//!   product: anything above 100 is oversold (must be 0).
//!
//! Afterwards the database is checked: each product's reserved quantity equals the sum of
//! its open order lines, and never exceeds what is on hand. Prints a table and writes
//! `target/bench/orders-<database>.json`.
//!
//! Options (after `--`): `--seconds 10`, `--clients 32`, `--companies 8` (1 puts every
//! buyer in Galil, where the credit check of rule 6 makes them take turns);
//! `BENCH_DATABASE_URL` selects
//! PostgreSQL as in the catalog benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::orders::{
    LINES_PER_ORDER, PLACE, add_buyers, broken_invariants, companies_like_galil, lift_credit_limit,
    login_buyers, order_body, order_items, outcome_of, set_available,
};
use common::{Outcome, Server};
use serde_json::json;

const RACE_PRODUCTS: usize = 5;
const RACE_UNITS: i64 = 100;

/// `--companies N`: how many companies the buyers are dealt over.
fn company_count() -> usize {
    common::option("--companies")
        .and_then(|value| value.parse().ok())
        .filter(|count| *count > 0)
        .unwrap_or(8)
}

#[tokio::main]
async fn main() {
    let (seconds, clients) = (common::seconds(), common::clients());
    let database = common::database_kind();
    let (url, db, _dir) = common::fresh_database("orders").await;
    backend::db::migrate(&db).await.expect("migrate");
    backend::seed::seed_demo(&db).await.expect("seed");
    lift_credit_limit(&db).await;
    let companies = companies_like_galil(&db, company_count()).await;
    add_buyers(&db, "bench-buyer", clients, None, &companies).await;
    let server = Server::start(&db, url).await;
    let tokens = Arc::new(login_buyers(&server, "bench-buyer", clients).await);
    let items = order_items(&server, &tokens[0]).await;
    assert!(
        items.len() >= LINES_PER_ORDER + RACE_PRODUCTS,
        "too few cheap products in Galil's catalog: {}",
        items.len()
    );
    let (race_items, place_items) = items.split_at(RACE_PRODUCTS);
    let place_skus: Vec<String> = place_items.iter().map(|item| item.sku.clone()).collect();
    set_available(&db, &place_skus, 100_000_000).await;

    println!(
        "ordering benchmark on {database}: {clients} clients of {} companies, {seconds} s per run, {} products",
        companies.len(),
        place_items.len()
    );
    println!(
        "{:<6} {:>9} {:>8} {:>7} {:>9} {:>9} {:>9}",
        "run", "requests", "refused", "errors", "p50 ms", "p99 ms", "orders/s"
    );
    let print = |name: &str, run: &common::Run| {
        println!(
            "{:<6} {:>9} {:>8} {:>7} {:>9.2} {:>9.2} {:>9.0}",
            name,
            run.requests,
            run.refused,
            run.errors,
            run.p50_ms,
            run.p99_ms,
            (run.requests - run.refused - run.errors) as f64 * run.per_second
                / run.requests.max(1) as f64
        );
    };

    let place = {
        let (tokens, items, base_url) = (
            tokens.clone(),
            Arc::new(place_items.to_vec()),
            server.base_url.clone(),
        );
        let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        common::drive(clients, Duration::from_secs(seconds), move |index, http| {
            let (tokens, items, base_url) = (tokens.clone(), items.clone(), base_url.clone());
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            async move {
                let body = order_body(&items, index, n);
                outcome_of(common::post(&http, &base_url, &tokens[index], &body).await)
            }
        })
        .await
    };
    print("place", &place);

    let race_skus: Vec<String> = race_items.iter().map(|item| item.sku.clone()).collect();
    set_available(&db, &race_skus, RACE_UNITS).await;
    let sold: Arc<Mutex<HashMap<String, i64>>> = Arc::default();
    let race = {
        let (tokens, items, base_url, sold) = (
            tokens.clone(),
            Arc::new(race_items.to_vec()),
            server.base_url.clone(),
            sold.clone(),
        );
        common::drive(
            clients,
            Duration::from_secs(seconds.min(5)),
            move |index, http| {
                let (tokens, items, base_url, sold) = (
                    tokens.clone(),
                    items.clone(),
                    base_url.clone(),
                    sold.clone(),
                );
                async move {
                    let item = &items[index % items.len()];
                    let body = json!({ "query": PLACE, "variables": {
                        "lines": [{ "sku": item.sku, "quantity": item.quantity }] } });
                    let outcome =
                        outcome_of(common::post(&http, &base_url, &tokens[index], &body).await);
                    if matches!(outcome, Outcome::Ok) {
                        *sold
                            .lock()
                            .expect("sold")
                            .entry(item.sku.clone())
                            .or_default() += item.quantity;
                    }
                    outcome
                }
            },
        )
        .await
    };
    print("race", &race);
    let sold = sold.lock().expect("sold").clone();
    let oversold: i64 = sold.values().map(|units| (units - RACE_UNITS).max(0)).sum();
    let sold_units: i64 = sold.values().sum();
    let broken = broken_invariants(&db).await;
    println!(
        "race: {sold_units} of {} units acknowledged, oversold {oversold}; broken invariants: {broken:?}",
        RACE_UNITS * RACE_PRODUCTS as i64
    );
    server.stop().await;

    let orders_per_second = |run: &common::Run| {
        (run.requests - run.refused - run.errors) as f64 * run.per_second
            / run.requests.max(1) as f64
    };
    common::write_report(
        "orders",
        &[json!({
            "database": database, "clients": clients, "companies": companies.len(),
            "seconds": seconds,
            "lines_per_order": LINES_PER_ORDER,
            "place": place.json(), "place_orders_per_second": orders_per_second(&place),
            "race": race.json(), "race_units_sold": sold_units, "oversold": oversold,
            "broken_invariants": broken,
        })],
    );
    assert_eq!(oversold, 0, "stock was oversold");
    assert!(
        broken.is_empty(),
        "the consistency checker found {broken:?}"
    );
}
