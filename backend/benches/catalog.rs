//! Catalog and portal benchmark (a command, not a test): `cargo xtask bench`.
//!
//! Loads the demo data plus generated products up to each requested size, starts the
//! real server in this process, and drives it over loopback with 32 concurrent
//! clients for a fixed time per scenario, each with the token of the role that uses it:
//!
//! | scenario | role | request |
//! |---|---|---|
//! | `ceiling` | none | `{ __typename }`: routing, GraphQL, no database |
//! | `page` | buyer | the catalog page: 50 products with personal prices, tiers, stock |
//! | `search` | buyer | a search of the catalog |
//! | `product` | buyer | one product by SKU, spread over the whole catalog |
//! | `place` | 32 buyers | a 10-line order (priced, reserving stock, one transaction) |
//! | `approve` | approver | approving a pending order (prepared before the run) |
//! | `invoices` | viewer | the first 20 invoices of Galil (the demo has a year of them) |
//! | `ledger` | viewer | the account statement: balance, entries, open items |
//!
//! `page` and `search` ask the same page again and again, so after the first request
//! they measure the listing cache warm (`domain/catalog/listing_cache.rs`): the
//! products come from memory, the stock and prices as always. A page not cached yet
//! costs one statement more (the products), as every page did before the cache.
//!
//! Prints one table (requests, errors, req/s, p50, p99, peak RSS) and writes it as
//! JSON to `target/bench/catalog-<database>.json`. The peak RSS is `VmHWM` of this
//! process, reset before each scenario: it is the server's plus the load generator's.
//!
//! Options (after `--`): `--products 10k,100k,1m`, `--seconds 10`, `--clients 32`,
//! `--scenarios page,search` (default: all); `BENCH_DATABASE_URL=postgres://...`
//! benchmarks PostgreSQL instead of SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backend::domain::catalog::search_text;
use backend::entities::{category, price_list, price_list_item, product, stock};
use chrono::Utc;
use common::orders::{
    Item, LINES_PER_ORDER, add_buyers, galil_id, lift_credit_limit, login_buyers, order_body,
    order_items, outcome_of, set_available,
};
use common::{Outcome, Run, Server};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

const CEILING: &str = "{ __typename }";
const PAGE: &str = "{ products(first: 50) { edges { node { sku name unitPrice available priceTiers { minQuantity unitPrice } } } pageInfo { hasNextPage } } }";
const SEARCH: &str = "{ products(first: 50, search: \"screw 4x\") { edges { node { sku name unitPrice available } } } }";
const PRODUCT: &str = "query($sku: String!) { product(sku: $sku) { sku name unitPrice available packSize minOrderQuantity priceTiers { minQuantity unitPrice } } }";
const APPROVE: &str = "mutation($id: ID!) { approveOrder(id: $id) { id status } }";
const INVOICES: &str = "{ invoices(first: 20) { edges { node { id number issueDate dueDate total pdfUrl } } pageInfo { hasNextPage } } }";
const LEDGER: &str = "{ ledger { balance openingBalance closingBalance creditLimit openOrders availableCredit overdue paymentTerms entries { date kind reference debit credit balance dueDate } openItems { number dueDate total open } } }";

const SCENARIOS: [&str; 8] = [
    "ceiling", "page", "search", "product", "place", "approve", "invoices", "ledger",
];

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

fn scenarios() -> Vec<String> {
    let chosen: Vec<String> = common::option("--scenarios")
        .map(|list| list.split(',').map(|name| name.trim().to_owned()).collect())
        .unwrap_or_else(|| SCENARIOS.iter().map(|name| (*name).to_owned()).collect());
    for name in &chosen {
        assert!(
            SCENARIOS.contains(&name.as_str()),
            "unknown scenario {name}: one of {SCENARIOS:?}"
        );
    }
    chosen
}

fn sizes() -> Vec<usize> {
    common::option("--products")
        .unwrap_or_else(|| "10k".to_owned())
        .split(',')
        .map(parse_size)
        .collect()
}

/// Adds generated products (in a category Galil sees) until the catalog has `size`;
/// returns the numbers of the generated SKUs (`GEN-<n>`).
async fn grow_catalog(db: &DatabaseConnection, size: usize) -> std::ops::Range<usize> {
    let existing = usize::try_from(product::Entity::find().count(db).await.expect("products"))
        .expect("a count");
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
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        // Keep the row counts (`sqlite_stat1`) but not the samples: with samples, a
        // SQLite built with STAT4 (as libsqlite3-sys builds it) re-prepares every
        // statement with a parameter on an indexed column at each run, a cost the
        // portal, which never runs ANALYZE, does not have.
        db.execute_unprepared("DELETE FROM sqlite_stat4")
            .await
            .expect("drop the samples");
    }
    existing..size.max(existing)
}

/// Whether a GraphQL answer is a success: JSON without `errors`, and `check` holds.
fn answered(response: Option<Value>, check: impl Fn(&Value) -> bool) -> Outcome {
    match response {
        Some(response) if response.get("errors").is_none() && check(&response["data"]) => {
            Outcome::Ok
        }
        Some(response) => {
            report_first_error(&response);
            Outcome::Error
        }
        None => Outcome::Error,
    }
}

/// Prints the first failed answer of a run (more would flood the table).
fn report_first_error(response: &Value) {
    static REPORTED: AtomicUsize = AtomicUsize::new(0);
    if REPORTED.fetch_add(1, Ordering::Relaxed) < 3 {
        eprintln!("unexpected answer: {response}");
    }
}

/// What every scenario of one catalog size needs.
struct Setup {
    server: Server,
    buyer: Arc<str>,
    viewer: Arc<str>,
    approver: Arc<str>,
    buyers: Arc<Vec<String>>,
    pending_buyers: Arc<Vec<String>>,
    items: Arc<Vec<Item>>,
    /// SKUs the `product` scenario asks for: the generated ones (`GEN-<n>` for these
    /// numbers), or the demo's items when nothing was generated.
    generated: std::ops::Range<usize>,
}

/// Runs `request` with `body` for every client: the same query, the same token.
async fn drive_query(
    setup: &Setup,
    token: &Arc<str>,
    body: Value,
    check: fn(&Value) -> bool,
) -> Run {
    let (base_url, token, body) = (setup.server.base_url.clone(), token.clone(), Arc::new(body));
    let (clients, seconds) = (common::clients(), common::seconds());
    common::drive(clients, Duration::from_secs(seconds), move |_, http| {
        let (base_url, token, body) = (base_url.clone(), token.clone(), body.clone());
        async move { answered(common::post(&http, &base_url, &token, &body).await, check) }
    })
    .await
}

/// Places orders from `tokens` (one per client) for the benchmark's duration; returns
/// the run and the ids of the orders placed.
async fn place_orders(setup: &Setup, tokens: &Arc<Vec<String>>) -> (Run, Vec<String>) {
    let (base_url, tokens, items) = (
        setup.server.base_url.clone(),
        tokens.clone(),
        setup.items.clone(),
    );
    let placed: Arc<Mutex<Vec<String>>> = Arc::default();
    let counter = Arc::new(AtomicUsize::new(0));
    let (clients, seconds) = (common::clients(), common::seconds());
    let run = {
        let placed = placed.clone();
        common::drive(clients, Duration::from_secs(seconds), move |index, http| {
            let (base_url, tokens, items, placed) = (
                base_url.clone(),
                tokens.clone(),
                items.clone(),
                placed.clone(),
            );
            let n = counter.fetch_add(1, Ordering::Relaxed);
            async move {
                let body = order_body(&items, index, n);
                let response = common::post(&http, &base_url, &tokens[index], &body).await;
                if let Some(id) = response
                    .as_ref()
                    .and_then(|response| response["data"]["placeOrder"]["id"].as_str())
                {
                    placed.lock().expect("placed").push(id.to_owned());
                }
                outcome_of(response)
            }
        })
        .await
    };
    let placed = placed.lock().expect("placed").clone();
    (run, placed)
}

/// Approves the pending orders `pending`, each once, until the time is up or none is
/// left; every approval must complete the order (SUBMITTED).
async fn approve_orders(setup: &Setup, pending: Vec<String>) -> Run {
    let (base_url, token) = (setup.server.base_url.clone(), setup.approver.clone());
    let pending = Arc::new(pending);
    let next = Arc::new(AtomicUsize::new(0));
    let (clients, seconds) = (common::clients(), common::seconds());
    common::drive(clients, Duration::from_secs(seconds), move |_, http| {
        let (base_url, token, pending) = (base_url.clone(), token.clone(), pending.clone());
        let id = pending.get(next.fetch_add(1, Ordering::Relaxed)).cloned();
        async move {
            let Some(id) = id else {
                return Outcome::Exhausted;
            };
            let body = json!({ "query": APPROVE, "variables": { "id": id } });
            answered(
                common::post(&http, &base_url, &token, &body).await,
                |data| data["approveOrder"]["status"] == "SUBMITTED",
            )
        }
    })
    .await
}

async fn run_scenario(setup: &Setup, name: &str) -> Run {
    match name {
        "ceiling" => {
            // No token: an anonymous request reads no user, so nothing touches the
            // database.
            let (base_url, body) = (
                setup.server.base_url.clone(),
                Arc::new(json!({ "query": CEILING })),
            );
            common::drive(
                common::clients(),
                Duration::from_secs(common::seconds()),
                move |_, http| {
                    let (base_url, body) = (base_url.clone(), body.clone());
                    async move {
                        let response = async {
                            http.post(format!("{base_url}/graphql"))
                                .json(&*body)
                                .send()
                                .await
                                .ok()?
                                .json::<Value>()
                                .await
                                .ok()
                        }
                        .await;
                        answered(response, |data| data["__typename"] == "Query")
                    }
                },
            )
            .await
        }
        "page" => {
            drive_query(setup, &setup.buyer, json!({ "query": PAGE }), |data| {
                data["products"]["edges"]
                    .as_array()
                    .is_some_and(|edges| edges.len() == 50)
            })
            .await
        }
        "search" => {
            drive_query(setup, &setup.buyer, json!({ "query": SEARCH }), |data| {
                data["products"]["edges"].is_array()
            })
            .await
        }
        "product" => {
            let (base_url, token, items, generated) = (
                setup.server.base_url.clone(),
                setup.buyer.clone(),
                setup.items.clone(),
                setup.generated.clone(),
            );
            let counter = Arc::new(AtomicUsize::new(0));
            common::drive(
                common::clients(),
                Duration::from_secs(common::seconds()),
                move |_, http| {
                    let (base_url, token) = (base_url.clone(), token.clone());
                    // A stride prime to any catalog size spreads the SKUs over it.
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let spread = n.wrapping_mul(7_919);
                    let sku = if generated.is_empty() {
                        items[spread % items.len()].sku.clone()
                    } else {
                        format!("GEN-{:07}", generated.start + spread % generated.len())
                    };
                    async move {
                        let body = json!({ "query": PRODUCT, "variables": { "sku": sku } });
                        answered(
                            common::post(&http, &base_url, &token, &body).await,
                            |data| data["product"]["sku"].is_string(),
                        )
                    }
                },
            )
            .await
        }
        "place" => place_orders(setup, &setup.buyers).await.0,
        "approve" => {
            // Orders of buyers whose personal limit is below any order: each waits
            // for one approval. Placed before the timed run, for as long as it lasts.
            let (placing, pending) = place_orders(setup, &setup.pending_buyers).await;
            eprintln!(
                "approve: {} pending orders prepared ({} errors while placing them)",
                pending.len(),
                placing.errors
            );
            let count = pending.len();
            let run = approve_orders(setup, pending).await;
            if run.requests >= count {
                eprintln!("approve: every prepared order was approved before the time was up");
            }
            run
        }
        "invoices" => {
            drive_query(setup, &setup.viewer, json!({ "query": INVOICES }), |data| {
                data["invoices"]["edges"]
                    .as_array()
                    .is_some_and(|edges| !edges.is_empty())
            })
            .await
        }
        "ledger" => {
            drive_query(setup, &setup.viewer, json!({ "query": LEDGER }), |data| {
                data["ledger"]["entries"]
                    .as_array()
                    .is_some_and(|entries| !entries.is_empty())
            })
            .await
        }
        other => panic!("unknown scenario {other}"),
    }
}

#[tokio::main]
async fn main() {
    let (seconds, clients) = (common::seconds(), common::clients());
    let database = common::database_kind();
    let scenarios = scenarios();
    let mut results = Vec::new();
    println!(
        "portal benchmark on {database}: {clients} clients, {seconds} s per scenario; \
         peak RSS is VmHWM of the bench process (server and load generator), reset per scenario"
    );
    println!(
        "{:>9} {:<9} {:>9} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "products", "scenario", "requests", "errors", "req/s", "p50 ms", "p99 ms", "RSS MiB"
    );
    for size in sizes() {
        let (url, db, _dir) = common::fresh_database(&size.to_string()).await;
        backend::db::migrate(&db).await.expect("migrate");
        backend::seed::seed_demo(&db).await.expect("seed");
        let loading = Instant::now();
        let generated = grow_catalog(&db, size).await;
        eprintln!(
            "loaded {size} products in {:.1} s",
            loading.elapsed().as_secs_f64()
        );
        lift_credit_limit(&db).await;
        let galil = [galil_id(&db).await];
        add_buyers(&db, "bench-buyer", clients, None, &galil).await;
        add_buyers(&db, "bench-pending", clients, Some(1), &galil).await;
        let server = Server::start(&db, url).await;
        let buyer: Arc<str> = server.login("buyer@demo.test").await.into();
        let viewer: Arc<str> = server.login("viewer@demo.test").await.into();
        let approver: Arc<str> = server.login("approver@demo.test").await.into();
        let ordering = scenarios
            .iter()
            .any(|name| name == "place" || name == "approve");
        let (buyers, pending_buyers) = if ordering {
            (
                login_buyers(&server, "bench-buyer", clients).await,
                login_buyers(&server, "bench-pending", clients).await,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let items = order_items(&server, &buyer).await;
        assert!(
            items.len() >= LINES_PER_ORDER,
            "too few cheap products in Galil's catalog: {}",
            items.len()
        );
        let item_skus: Vec<String> = items.iter().map(|item| item.sku.clone()).collect();
        set_available(&db, &item_skus, 100_000_000).await;
        let setup = Setup {
            server,
            buyer,
            viewer,
            approver,
            buyers: Arc::new(buyers),
            pending_buyers: Arc::new(pending_buyers),
            items: Arc::new(items),
            generated,
        };
        for name in &scenarios {
            common::reset_peak_rss();
            let run = run_scenario(&setup, name).await;
            let peak_rss_mib = common::peak_rss_mib();
            println!(
                "{:>9} {:<9} {:>9} {:>7} {:>9.0} {:>9.2} {:>9.2} {:>9.0}",
                size,
                name,
                run.requests,
                run.errors,
                run.per_second,
                run.p50_ms,
                run.p99_ms,
                peak_rss_mib
            );
            let mut result = run.json();
            result["database"] = json!(database);
            result["products"] = json!(size);
            result["scenario"] = json!(name);
            result["query"] = json!(name);
            result["clients"] = json!(clients);
            result["seconds"] = json!(seconds);
            result["peak_rss_mib"] = json!(peak_rss_mib);
            results.push(result);
        }
        setup.server.stop().await;
    }
    common::write_report("catalog", &results);
}
