//! Several backend instances on one PostgreSQL database: live updates cross
//! instances through LISTEN/NOTIFY. (SQLite is one instance per database file; there
//! these tests have nothing to check and say so.)

mod common;

use std::time::Duration;

use common::ws::Subscription;
use common::{TestApp, assert_no_errors, is_postgres};
use serde_json::json;

#[tokio::test]
async fn a_stock_change_on_one_instance_reaches_a_subscriber_of_another() {
    let first = TestApp::spawn().await;
    if !is_postgres() {
        eprintln!("scale-out needs PostgreSQL (TEST_DATABASE_URL); skipped on SQLite");
        return;
    }
    let second = first.second_instance().await;
    let buyer = second.login("buyer@demo.test").await;
    let staff = first.login("staff@demo.test").await;
    let mut subscription = Subscription::start(
        &second.base_url,
        &buyer,
        "subscription { stockChanged(skus: [\"SCR-101\"]) { sku available } }",
        json!({}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut latencies = Vec::new();
    for delta in [3, -1, 5] {
        let started = std::time::Instant::now();
        let changed = first
            .graphql(
                Some(&staff),
                "mutation($delta: Int!) { adjustStock(input: { sku: \"SCR-101\", onHandDelta: $delta, reason: COUNT }) { available } }",
                json!({ "delta": delta }),
            )
            .await;
        assert_no_errors(&changed);
        let update = subscription
            .next(Duration::from_secs(2))
            .await
            .unwrap_or_default();
        latencies.push(started.elapsed());
        assert_eq!(
            update["data"]["stockChanged"]["available"],
            changed["data"]["adjustStock"]["available"],
            "{update}"
        );
    }
    assert!(
        latencies
            .iter()
            .all(|latency| *latency < Duration::from_secs(1)),
        "{latencies:?}"
    );
}

#[tokio::test]
async fn an_order_approved_on_one_instance_updates_the_buyers_page_on_another() {
    let first = TestApp::spawn().await;
    if !is_postgres() {
        eprintln!("scale-out needs PostgreSQL (TEST_DATABASE_URL); skipped on SQLite");
        return;
    }
    let second = first.second_instance().await;
    let buyer = second.login("buyer@demo.test").await;
    let mut subscription = Subscription::start(
        &second.base_url,
        &buyer,
        "subscription { orderUpdated { number status } }",
        json!({}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let placed = first
        .graphql(
            Some(&first.login("buyer@demo.test").await),
            "mutation { placeOrder(input: { lines: [{ sku: \"SCR-101\", quantity: 1 }] }) { number status } }",
            json!({}),
        )
        .await;
    assert_no_errors(&placed);
    let update = subscription
        .next(Duration::from_secs(2))
        .await
        .unwrap_or_default();
    assert_eq!(
        update["data"]["orderUpdated"]["number"], placed["data"]["placeOrder"]["number"],
        "{update}"
    );
}
