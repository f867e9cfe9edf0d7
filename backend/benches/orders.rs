//! Ordering benchmark (a command, not a test): `cargo xtask bench --orders`.
//!
//! Seeds the demo data, gives Galil 32 buyers and a credit limit that never binds, starts
//! the real server in this process and drives it over loopback:
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
//! Options (after `--`): `--seconds 10`, `--clients 32`; `BENCH_DATABASE_URL` selects
//! PostgreSQL as in the catalog benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backend::entities::{company, user};
use chrono::Utc;
use common::{Outcome, Server};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

const PLACE: &str =
    "mutation($lines: [OrderLineInput!]!) { placeOrder(input: { lines: $lines }) { id status } }";
const LINES_PER_ORDER: usize = 10;
const RACE_PRODUCTS: usize = 5;
const RACE_UNITS: i64 = 100;

/// A product of Galil's catalog the benchmark orders: the smallest quantity its
/// minimum and pack size allow.
#[derive(Clone)]
struct Item {
    sku: String,
    quantity: i64,
}

/// Galil gets `clients` buyers (sharing the demo password's hash) and a credit limit no
/// run reaches, so every refusal the benchmark sees is about stock.
async fn prepare_company(db: &DatabaseConnection, clients: usize) {
    let buyer = user::Entity::find()
        .filter(user::Column::Email.eq("buyer@demo.test"))
        .one(db)
        .await
        .expect("users")
        .expect("the demo buyer");
    let company_id = buyer.company_id.expect("a company");
    company::Entity::update_many()
        .col_expr(
            company::Column::CreditLimit,
            sea_orm::sea_query::Expr::value(i64::MAX / 4),
        )
        .filter(company::Column::Id.eq(company_id))
        .exec(db)
        .await
        .expect("credit limit");
    let buyers = (0..clients).map(|index| user::ActiveModel {
        email: Set(format!("bench-buyer-{index}@demo.test")),
        name: Set(format!("Bench buyer {index}")),
        password_hash: Set(buyer.password_hash.clone()),
        role: Set(buyer.role.clone()),
        company_id: Set(Some(company_id)),
        active: Set(true),
        order_limit: Set(None),
        approval_limit: Set(None),
        language: Set("en".to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    });
    user::Entity::insert_many(buyers)
        .exec(db)
        .await
        .expect("bench buyers");
}

/// Products of Galil's catalog, priced and in stock, each line cheap enough that a
/// 10-line order stays below the 5,000 ILS approval threshold.
async fn order_items(server: &Server, token: &str) -> Vec<Item> {
    let mut nodes = Vec::new();
    let mut after = Value::Null;
    // Three pages of 100 (the largest page the API serves).
    for _ in 0..3 {
        let response = server
            .graphql(
                Some(token),
                "query($after: String) { products(first: 100, after: $after) { edges { node { sku unitPrice packSize minOrderQuantity available } } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let page = &response["data"]["products"];
        nodes.extend(
            page["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("products: {response}"))
                .iter()
                .map(|edge| edge["node"].clone()),
        );
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    nodes
        .iter()
        .filter_map(|node| {
            let price: f64 = node["unitPrice"].as_str()?.parse().ok()?;
            let pack = node["packSize"].as_i64()?.max(1);
            let minimum = node["minOrderQuantity"].as_i64()?.max(1);
            let quantity = (minimum + pack - 1) / pack * pack;
            let sku = node["sku"].as_str()?.to_owned();
            (node["available"].as_i64()? > 0 && price * (quantity as f64) < 300.0)
                .then_some(Item { sku, quantity })
        })
        .collect()
}

/// Sets what is available of `skus` to `available` (on hand = reserved + available).
async fn set_available(db: &DatabaseConnection, skus: &[String], available: i64) {
    let list = skus
        .iter()
        .map(|sku| format!("'{sku}'"))
        .collect::<Vec<_>>()
        .join(",");
    db.execute_unprepared(&format!(
        "UPDATE stock SET on_hand = reserved + {available} \
         WHERE product_id IN (SELECT id FROM products WHERE sku IN ({list}))"
    ))
    .await
    .expect("set stock");
}

fn outcome_of(response: Option<Value>) -> Outcome {
    let Some(response) = response else {
        return Outcome::Error;
    };
    if response["data"]["placeOrder"]["id"].is_string() {
        return Outcome::Ok;
    }
    if response["errors"][0]["extensions"]["code"] == "OUT_OF_STOCK" {
        return Outcome::Refused;
    }
    eprintln!("unexpected answer: {response}");
    Outcome::Error
}

/// The broken invariants of the consistency checker (`portal check`), by name.
async fn broken_invariants(db: &DatabaseConnection) -> Vec<String> {
    backend::domain::consistency::check(db)
        .await
        .expect("the consistency check runs")
        .into_iter()
        .map(|finding| format!("{} ({} rows)", finding.invariant, finding.count))
        .collect()
}

#[tokio::main]
async fn main() {
    let (seconds, clients) = (common::seconds(), common::clients());
    let database = common::database_kind();
    let (url, db, _dir) = common::fresh_database("orders").await;
    backend::db::migrate(&db).await.expect("migrate");
    backend::seed::seed_demo(&db).await.expect("seed");
    prepare_company(&db, clients).await;
    let server = Server::start(&db, url).await;
    let mut tokens = Vec::new();
    for index in 0..clients {
        tokens.push(
            server
                .login(&format!("bench-buyer-{index}@demo.test"))
                .await,
        );
    }
    let tokens = Arc::new(tokens);
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
        "ordering benchmark on {database}: {clients} clients, {seconds} s per run, {} products",
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

    // Each client walks the product list with its own stride, so orders overlap on
    // products the way a busy morning does.
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
                let start = (index * 7 + n * 13) % items.len();
                let lines: Vec<Value> = (0..LINES_PER_ORDER)
                    .map(|offset| {
                        let item = &items[(start + offset) % items.len()];
                        json!({ "sku": item.sku, "quantity": item.quantity })
                    })
                    .collect();
                let body = json!({ "query": PLACE, "variables": { "lines": lines } });
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
            "database": database, "clients": clients, "seconds": seconds,
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
