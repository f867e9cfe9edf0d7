//! The fulfilment workflow: staff move orders through rule 7's statuses, documents are
//! issued on the way, customers follow live and ask for cancellations and returns.
#![expect(
    clippy::expect_used,
    reason = "test set-up reads the database directly and fails loudly"
)]

mod common;

use std::time::Duration;

use common::shop::{available, company_id, money, set_available};
use common::ws::Subscription;
use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

const ORDER_FIELDS: &str = "id number status channel total events { kind status actor { email } comment } shipment { carrier trackingNumber trackingUrl deliveredAt } invoice { id number total dueDate pdfUrl } creditNotes { number total reason } openRequest { id kind status message } availableActions";

fn place_query() -> String {
    format!(
        "mutation($input: PlaceOrderInput!) {{ placeOrder(input: $input) {{ {ORDER_FIELDS} }} }}"
    )
}

fn move_query() -> String {
    format!(
        "mutation($id: ID!, $action: OrderAction!, $comment: String) {{ moveOrder(id: $id, action: $action, comment: $comment) {{ {ORDER_FIELDS} }} }}"
    )
}

fn ship_query() -> String {
    format!(
        "mutation($id: ID!) {{ shipOrder(id: $id, shipment: {{ carrier: \"Israel Post\", trackingNumber: \"RR123456789IL\", trackingUrl: \"https://israelpost.example/track/RR123456789IL\" }}) {{ {ORDER_FIELDS} }} }}"
    )
}

fn order_query() -> String {
    format!("query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}")
}

async fn on_hand_and_reserved(app: &TestApp, sku: &str) -> (i64, i64) {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    let sql = if common::is_postgres() {
        "SELECT s.on_hand, s.reserved FROM stock s JOIN products p ON p.id = s.product_id WHERE p.sku = $1"
    } else {
        "SELECT s.on_hand, s.reserved FROM stock s JOIN products p ON p.id = s.product_id WHERE p.sku = ?"
    };
    let row = app
        .db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [sku.into()]))
        .await
        .expect("query")
        .expect("a stock row");
    (
        row.try_get::<i64>("", "on_hand").expect("on_hand"),
        row.try_get::<i64>("", "reserved").expect("reserved"),
    )
}

/// A small order by the Galil buyer: straight to the supplier (SUBMITTED).
async fn placed(app: &TestApp, buyer: &str, sku: &str, quantity: i64) -> Value {
    let response = app
        .graphql(
            Some(buyer),
            &place_query(),
            json!({ "input": { "lines": [{ "sku": sku, "quantity": quantity }] } }),
        )
        .await;
    assert_no_errors(&response);
    let order = response["data"]["placeOrder"].clone();
    assert_eq!(order["status"], "SUBMITTED", "{order}");
    order
}

async fn move_order(app: &TestApp, token: &str, id: &Value, action: &str) -> Value {
    app.graphql(
        Some(token),
        &move_query(),
        json!({ "id": id, "action": action }),
    )
    .await
}

/// Moves the order with each action in turn, failing on any error.
async fn moved(app: &TestApp, staff: &str, id: &Value, actions: &[&str]) -> Value {
    let mut order = Value::Null;
    for action in actions {
        let response = move_order(app, staff, id, action).await;
        assert_no_errors(&response);
        order = response["data"]["moveOrder"].clone();
    }
    order
}

/// Waits for the push of order `id` in status `wanted`. A push carries the order as it
/// is when it is sent, so each step is awaited before the next move is made.
async fn pushed(live: &mut Subscription, id: &Value, wanted: &str) -> Value {
    while let Some(payload) = live.next(Duration::from_secs(5)).await {
        let update = &payload["data"]["orderUpdated"];
        if update["id"] == *id && update["status"] == wanted {
            return update.clone();
        }
    }
    panic!("the buyer's page never saw order {id} become {wanted}");
}

#[tokio::test]
async fn staff_move_an_order_from_submitted_to_delivered_and_the_buyer_sees_each_step_live() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let (on_hand_before, _) = on_hand_and_reserved(&app, "SCR-101").await;
    let order = placed(&app, &buyer, "SCR-101", 10).await;
    let id = order["id"].clone();
    let mut live = Subscription::start(
        &app.base_url,
        &buyer,
        "subscription { orderUpdated { id status shipment { trackingUrl } } }",
        json!({}),
    )
    .await;
    // Let the subscription register before the first move.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let confirmed = moved(&app, &staff, &id, &["CONFIRM"]).await;
    assert_eq!(confirmed["status"], "CONFIRMED");
    pushed(&mut live, &id, "CONFIRMED").await;
    let picking = moved(&app, &staff, &id, &["START_PICKING"]).await;
    assert_eq!(picking["status"], "PICKING");
    pushed(&mut live, &id, "PICKING").await;
    let packed = moved(&app, &staff, &id, &["PACK"]).await;
    assert_eq!(
        packed["status"], "INVOICED",
        "packing issues the invoice at once"
    );
    let invoice = &packed["invoice"];
    assert!(
        invoice["number"]
            .as_str()
            .unwrap_or_default()
            .starts_with("INV-")
    );
    assert_eq!(invoice["total"], order["total"]);
    pushed(&mut live, &id, "INVOICED").await;
    // Still in the warehouse: reserved, not yet consumed.
    let (on_hand, reserved) = on_hand_and_reserved(&app, "SCR-101").await;
    assert_eq!(on_hand, on_hand_before);
    assert!(reserved >= 10);

    let shipped = app
        .graphql(Some(&staff), &ship_query(), json!({ "id": id }))
        .await;
    assert_no_errors(&shipped);
    let shipped = &shipped["data"]["shipOrder"];
    assert_eq!(shipped["status"], "SHIPPED");
    assert_eq!(shipped["shipment"]["carrier"], "Israel Post");
    assert_eq!(
        shipped["shipment"]["trackingUrl"],
        "https://israelpost.example/track/RR123456789IL"
    );
    // Live, with the tracking link at SHIPPED.
    let update = pushed(&mut live, &id, "SHIPPED").await;
    assert_eq!(
        update["shipment"]["trackingUrl"],
        "https://israelpost.example/track/RR123456789IL"
    );
    // The goods left: on hand and reserved both down, available unchanged.
    let (on_hand_after, reserved_after) = on_hand_and_reserved(&app, "SCR-101").await;
    assert_eq!(on_hand_after, on_hand_before - 10);
    assert_eq!(reserved_after, reserved - 10);
    assert_eq!(available(&app, &staff, "SCR-101").await, 90);

    let delivered = app
        .graphql(
            Some(&buyer),
            &format!("mutation($id: ID!) {{ confirmDelivery(id: $id, deliveryNote: \"Signed by Yossi\") {{ {ORDER_FIELDS} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&delivered);
    let delivered = &delivered["data"]["confirmDelivery"];
    assert_eq!(delivered["status"], "DELIVERED");
    assert!(delivered["shipment"]["deliveredAt"].is_string());

    // The timeline: every step with its actor.
    let kinds: Vec<&str> = delivered["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|event| event["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "PLACED",
            "CONFIRMED",
            "PICKING",
            "PACKED",
            "INVOICED",
            "SHIPPED",
            "DELIVERED"
        ]
    );
    let actors: Vec<&str> = delivered["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|event| event["actor"]["email"].as_str())
        .collect();
    assert_eq!(actors[1], "staff@demo.test");
    assert_eq!(actors[6], "buyer@demo.test");

    pushed(&mut live, &id, "DELIVERED").await;

    // The buyer was told at each customer-facing step (in-app notifications).
    let inbox = app
        .graphql(
            Some(&buyer),
            "{ notifications(first: 20) { edges { node { kind title link } } } }",
            json!({}),
        )
        .await;
    let titles: Vec<String> = inbox["data"]["notifications"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|edge| edge["node"]["kind"] == "ORDER_STATUS_CHANGED")
        .filter_map(|edge| edge["node"]["title"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(titles.len(), 3, "confirmed, invoiced, shipped: {titles:?}");
}

#[tokio::test]
async fn an_illegal_move_is_an_invalid_transition_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = placed(&app, &buyer, "SCR-101", 5).await;
    let id = order["id"].clone();
    for action in ["START_PICKING", "PACK", "INVOICE", "DELIVER"] {
        let response = move_order(&app, &staff, &id, action).await;
        assert_eq!(
            error_code(&response),
            Some("INVALID_TRANSITION"),
            "{action}: {response}"
        );
        assert!(response["data"].is_null());
    }
    let response = move_order(&app, &staff, &id, "SHIP").await;
    assert_eq!(
        error_code(&response),
        Some("INVALID_TRANSITION"),
        "shipping a submitted order: {response}"
    );
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("SUBMITTED") && message.contains("INVOICED"),
        "{message}"
    );
    let unchanged = app
        .graphql(Some(&buyer), &order_query(), json!({ "id": id }))
        .await;
    assert_eq!(unchanged["data"]["order"]["status"], "SUBMITTED");
    assert_eq!(
        unchanged["data"]["order"]["events"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // A customer cannot move the order at all; a viewer cannot even ask.
    let by_buyer = move_order(&app, &buyer, &id, "CONFIRM").await;
    assert_eq!(error_code(&by_buyer), Some("FORBIDDEN"));
    let viewer = app.login("viewer@demo.test").await;
    let asked = app
        .graphql(
            Some(&viewer),
            "mutation($id: ID!) { requestOrderCancellation(id: $id, reason: \"no\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&asked), Some("FORBIDDEN"));
    // A step without its details is bad input, not a half-made move.
    moved(&app, &staff, &id, &["CONFIRM", "START_PICKING", "PACK"]).await;
    let no_tracking = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { shipOrder(id: $id, shipment: { carrier: \"UPS\", trackingNumber: \"  \" }) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&no_tracking), Some("BAD_USER_INPUT"));
    let bad_link = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { shipOrder(id: $id, shipment: { carrier: \"UPS\", trackingNumber: \"1Z\", trackingUrl: \"javascript:alert(1)\" }) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&bad_link), Some("BAD_USER_INPUT"));
    let still = app
        .graphql(Some(&staff), &order_query(), json!({ "id": id }))
        .await;
    assert_eq!(still["data"]["order"]["status"], "INVOICED");
}

#[tokio::test]
async fn concurrent_moves_of_one_order_land_exactly_once() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = placed(&app, &buyer, "SCR-101", 5).await;
    let id = order["id"].clone();
    moved(&app, &staff, &id, &["CONFIRM", "START_PICKING"]).await;
    let query = move_query();
    let attempts =
        (0..6).map(|_| app.graphql(Some(&staff), &query, json!({ "id": id, "action": "PACK" })));
    let results = futures_util::future::join_all(attempts).await;
    let succeeded = results
        .iter()
        .filter(|response| response.get("errors").is_none())
        .count();
    assert_eq!(succeeded, 1, "{results:?}");
    for response in results
        .iter()
        .filter(|response| response.get("errors").is_some())
    {
        let code = error_code(response);
        assert!(
            matches!(code, Some("CONFLICT") | Some("INVALID_TRANSITION")),
            "{response}"
        );
    }
    let invoices = app
        .graphql(
            Some(&staff),
            "query($number: String) { invoices(first: 10, orderNumber: $number) { edges { node { number } } } }",
            json!({ "number": order["number"] }),
        )
        .await;
    assert_eq!(
        invoices["data"]["invoices"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "one invoice per order: {invoices}"
    );
}

/// Every invoice number of `year` in the database, as sequence numbers.
async fn invoice_sequences(app: &TestApp, year: i32) -> Vec<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    let sql = if common::is_postgres() {
        "SELECT sequence, number FROM invoices WHERE year = $1 ORDER BY sequence"
    } else {
        "SELECT sequence, number FROM invoices WHERE year = ? ORDER BY sequence"
    };
    let rows = app
        .db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [year.into()]))
        .await
        .expect("invoices");
    rows.iter()
        .map(|row| {
            let sequence: i64 = row.try_get("", "sequence").expect("sequence");
            let number: String = row.try_get("", "number").expect("number");
            assert_eq!(number, format!("INV-{year}-{sequence:06}"));
            sequence
        })
        .collect()
}

#[tokio::test]
async fn concurrent_packing_numbers_invoices_without_gaps_or_duplicates() {
    const ORDERS: usize = 24;
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 1000).await;
    let mut ids = Vec::new();
    for _ in 0..ORDERS {
        let order = placed(&app, &buyer, "SCR-101", 5).await;
        moved(&app, &staff, &order["id"], &["CONFIRM", "START_PICKING"]).await;
        ids.push(order["id"].clone());
    }
    let year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2026);
    let before = invoice_sequences(&app, year).await.len();
    // Several packers at once, each packing its orders one by one.
    let query = move_query();
    let started = std::time::Instant::now();
    let packers = ids.chunks(ORDERS / 6).map(|chunk| {
        let chunk = chunk.to_vec();
        let app = &app;
        let staff = &staff;
        let query = &query;
        async move {
            for id in chunk {
                let response = app
                    .graphql(Some(staff), query, json!({ "id": id, "action": "PACK" }))
                    .await;
                assert_no_errors(&response);
            }
        }
    });
    futures_util::future::join_all(packers).await;
    let elapsed = started.elapsed();
    let sequences = invoice_sequences(&app, year).await;
    assert_eq!(sequences.len(), before + ORDERS);
    let expected: Vec<i64> = (1..=sequences.len() as i64).collect();
    assert_eq!(
        sequences, expected,
        "invoice numbers 1..N without gaps or duplicates"
    );
    // And in parallel with one packer that fails (a lost race) the numbers stay gapless.
    let order = placed(&app, &buyer, "SCR-101", 5).await;
    moved(&app, &staff, &order["id"], &["CONFIRM", "START_PICKING"]).await;
    let racing = (0..4).map(|_| {
        app.graphql(
            Some(&staff),
            &query,
            json!({ "id": order["id"], "action": "PACK" }),
        )
    });
    futures_util::future::join_all(racing).await;
    let sequences = invoice_sequences(&app, year).await;
    let expected: Vec<i64> = (1..=sequences.len() as i64).collect();
    assert_eq!(sequences, expected);
    println!(
        "packed {ORDERS} orders with 6 concurrent packers in {elapsed:?} ({} database)",
        if common::is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
}

#[tokio::test]
async fn a_cancellation_request_goes_on_top_of_the_queue_and_accepting_it_releases_the_stock_at_once()
 {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = placed(&app, &buyer, "SCR-101", 20).await;
    let id = order["id"].clone();
    moved(&app, &staff, &id, &["CONFIRM"]).await;
    assert_eq!(available(&app, &staff, "SCR-101").await, 80);

    let asked = app
        .graphql(
            Some(&buyer),
            &format!("mutation($id: ID!) {{ requestOrderCancellation(id: $id, reason: \"Ordered twice by mistake\") {{ {ORDER_FIELDS} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&asked);
    let asked = &asked["data"]["requestOrderCancellation"];
    assert_eq!(asked["status"], "CONFIRMED", "a request changes no status");
    assert_eq!(asked["openRequest"]["kind"], "CANCEL");
    // A second request while one is open is a conflict.
    let again = app
        .graphql(
            Some(&buyer),
            "mutation($id: ID!) { requestOrderChange(id: $id, message: \"Add 5 more\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&again), Some("CONFLICT"));

    // Staff: the request is tagged on top of the queue, and they were alerted.
    let queue = app
        .graphql(
            Some(&staff),
            "{ orders(first: 10, hasOpenRequest: true) { edges { node { id openRequest { id kind message requestedBy { email } } } } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&queue);
    let edges = queue["data"]["orders"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let tagged = edges
        .iter()
        .find(|edge| edge["node"]["id"] == id)
        .expect("the order is in the request queue");
    assert_eq!(
        tagged["node"]["openRequest"]["message"],
        "Ordered twice by mistake"
    );
    assert_eq!(
        tagged["node"]["openRequest"]["requestedBy"]["email"],
        "buyer@demo.test"
    );
    let alerts = app
        .graphql(
            Some(&staff),
            "{ notifications(first: 5) { edges { node { kind link } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        alerts["data"]["notifications"]["edges"][0]["node"]["kind"],
        "ORDER_REQUEST_OPENED"
    );

    let count = app
        .graphql(Some(&staff), "{ openOrderRequestCount }", json!({}))
        .await;
    assert!(count["data"]["openOrderRequestCount"].as_i64().unwrap_or(0) >= 1);
    let request_id = tagged["node"]["openRequest"]["id"].clone();
    let accepted = app
        .graphql(
            Some(&staff),
            &format!("mutation($id: ID!) {{ acceptOrderRequest(id: $id, comment: \"Done\") {{ {ORDER_FIELDS} requests {{ status }} }} }}"),
            json!({ "id": request_id }),
        )
        .await;
    assert_no_errors(&accepted);
    let cancelled = &accepted["data"]["acceptOrderRequest"];
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["openRequest"].is_null());
    assert_eq!(cancelled["requests"][0]["status"], "ACCEPTED");
    assert!(
        cancelled["creditNotes"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    assert_eq!(
        available(&app, &staff, "SCR-101").await,
        100,
        "the reserved stock is released at once"
    );
    // The buyer heard the answer.
    let inbox = app
        .graphql(
            Some(&buyer),
            "{ notifications(first: 5) { edges { node { kind title } } } }",
            json!({}),
        )
        .await;
    let kinds: Vec<&str> = inbox["data"]["notifications"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|edge| edge["node"]["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"ORDER_REQUEST_DECIDED"), "{kinds:?}");
    // Accepting twice is a conflict.
    let twice = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { acceptOrderRequest(id: $id) { id } }",
            json!({ "id": request_id }),
        )
        .await;
    assert_eq!(error_code(&twice), Some("CONFLICT"));
}

#[tokio::test]
async fn a_change_request_can_be_declined_with_a_reason() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = placed(&app, &buyer, "SCR-101", 5).await;
    let id = order["id"].clone();
    let asked = app
        .graphql(
            Some(&buyer),
            "mutation($id: ID!) { requestOrderChange(id: $id, message: \"Deliver to the Karmiel site\") { openRequest { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&asked);
    let request_id = asked["data"]["requestOrderChange"]["openRequest"]["id"].clone();
    let no_reason = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { declineOrderRequest(id: $id, reason: \" \") { id } }",
            json!({ "id": request_id }),
        )
        .await;
    assert_eq!(error_code(&no_reason), Some("BAD_USER_INPUT"));
    let declined = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { declineOrderRequest(id: $id, reason: \"Already on the truck to Haifa\") { status openRequest { id } requests { status decisionComment } events { kind } } }",
            json!({ "id": request_id }),
        )
        .await;
    assert_no_errors(&declined);
    let order = &declined["data"]["declineOrderRequest"];
    assert_eq!(order["status"], "SUBMITTED");
    assert!(order["openRequest"].is_null());
    assert_eq!(order["requests"][0]["status"], "DECLINED");
    assert_eq!(
        order["requests"][0]["decisionComment"],
        "Already on the truck to Haifa"
    );
    // Another company's staff-facing request id is not found for a customer.
    let other = app.login("buyer@other.test").await;
    let foreign = app
        .graphql(
            Some(&other),
            "mutation($id: ID!) { requestOrderCancellation(id: $id, reason: \"x\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&foreign), Some("NOT_FOUND"));
}

#[tokio::test]
async fn cancelling_after_invoicing_issues_a_credit_note_that_zeroes_the_ledger() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let ledger_query = "{ ledger { balance entries { kind reference debit credit balance } } }";
    let before = app.graphql(Some(&buyer), ledger_query, json!({})).await;
    assert_no_errors(&before);
    let balance_before = money(&before["data"]["ledger"]["balance"]);
    let order = placed(&app, &buyer, "SCR-101", 10).await;
    let id = order["id"].clone();
    let invoiced = moved(&app, &staff, &id, &["CONFIRM", "START_PICKING", "PACK"]).await;
    let total = money(&invoiced["invoice"]["total"]);
    let after_invoice = app.graphql(Some(&buyer), ledger_query, json!({})).await;
    assert!(
        (money(&after_invoice["data"]["ledger"]["balance"]) - (balance_before + total)).abs()
            < 0.001
    );
    let cancelled = moved(&app, &staff, &id, &["CANCEL"]).await;
    assert_eq!(cancelled["status"], "CANCELLED");
    let note = &cancelled["creditNotes"][0];
    assert!(
        note["number"]
            .as_str()
            .unwrap_or_default()
            .starts_with("CN-")
    );
    assert_eq!(note["reason"], "CANCELLED");
    assert_eq!(note["total"], invoiced["invoice"]["total"]);
    assert_eq!(available(&app, &staff, "SCR-101").await, 100);
    let after = app.graphql(Some(&buyer), ledger_query, json!({})).await;
    let ledger = &after["data"]["ledger"];
    assert!(
        (money(&ledger["balance"]) - balance_before).abs() < 0.001,
        "{ledger}"
    );
    let entries = ledger["entries"].as_array().cloned().unwrap_or_default();
    let last = entries.last().cloned().unwrap_or_default();
    assert_eq!(last["kind"], "CREDIT_NOTE");
    assert_eq!(last["reference"], note["number"]);
}

#[tokio::test]
async fn a_return_restocks_the_returned_lines_and_credits_them() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    set_available(&app, &staff, "PT-101", 50).await;
    let response = app
        .graphql(
            Some(&buyer),
            &place_query(),
            json!({ "input": { "lines": [{ "sku": "SCR-101", "quantity": 10 }, { "sku": "PT-101", "quantity": 1 }] } }),
        )
        .await;
    assert_no_errors(&response);
    let order = response["data"]["placeOrder"].clone();
    let id = order["id"].clone();
    moved(&app, &staff, &id, &["CONFIRM", "START_PICKING", "PACK"]).await;
    let shipped = app
        .graphql(Some(&staff), &ship_query(), json!({ "id": id }))
        .await;
    assert_no_errors(&shipped);
    assert_eq!(available(&app, &staff, "SCR-101").await, 90);

    // A request for more than was ordered, or another product, is refused at once.
    for lines in [
        "[{ sku: \"PT-101\", quantity: 2 }]",
        "[{ sku: \"PIP-101\", quantity: 1 }]",
    ] {
        let greedy = app
            .graphql(
                Some(&buyer),
                &format!("mutation($id: ID!) {{ requestReturn(id: $id, reason: OTHER, lines: {lines}) {{ id }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert_eq!(error_code(&greedy), Some("BAD_USER_INPUT"), "{greedy}");
    }
    // The customer asks to return 3 damaged screws packs: an RMA request.
    let asked = app
        .graphql(
            Some(&buyer),
            "mutation($id: ID!) { requestReturn(id: $id, reason: DAMAGED, lines: [{ sku: \"scr-101\", quantity: 3 }], message: \"Crushed boxes\") { openRequest { id kind } } }",
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&asked);
    let request_id = asked["data"]["requestReturn"]["openRequest"]["id"].clone();

    let too_many = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { returnOrder(id: $id, reason: DAMAGED, lines: [{ sku: \"SCR-101\", quantity: 11 }]) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&too_many), Some("BAD_USER_INPUT"), "{too_many}");
    let accepted = app
        .graphql(
            Some(&staff),
            &format!("mutation($id: ID!) {{ acceptOrderRequest(id: $id) {{ {ORDER_FIELDS} }} }}"),
            json!({ "id": request_id }),
        )
        .await;
    assert_no_errors(&accepted);
    let returned = &accepted["data"]["acceptOrderRequest"];
    assert_eq!(returned["status"], "RETURNED");
    let note = &returned["creditNotes"][0];
    assert_eq!(note["reason"], "DAMAGED");
    // Three of ten units of one line, plus VAT.
    let lines = app
        .graphql(
            Some(&buyer),
            "query($id: ID!) { order(id: $id) { lines { sku quantity lineTotal } creditNotes { subtotal vat total lines { sku quantity lineTotal } } } }",
            json!({ "id": id }),
        )
        .await;
    let order_lines = lines["data"]["order"]["lines"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let screws = order_lines
        .iter()
        .find(|line| line["sku"] == "SCR-101")
        .cloned()
        .unwrap_or_default();
    let credit = &lines["data"]["order"]["creditNotes"][0];
    assert_eq!(credit["lines"].as_array().map(Vec::len), Some(1));
    assert_eq!(credit["lines"][0]["quantity"], 3);
    let expected_subtotal = (money(&screws["lineTotal"]) * 0.3 * 100.0).round() / 100.0;
    assert!(
        (money(&credit["subtotal"]) - expected_subtotal).abs() < 0.011,
        "{credit}"
    );
    assert!((money(&credit["vat"]) - (money(&credit["subtotal"]) * 0.18)).abs() < 0.011);
    // Back on the shelf.
    assert_eq!(available(&app, &staff, "SCR-101").await, 93);
    assert_eq!(available(&app, &staff, "PT-101").await, 49);
    // RETURNED is final.
    let again = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { returnOrder(id: $id, reason: OTHER) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&again), Some("INVALID_TRANSITION"));
}

#[tokio::test]
async fn bulk_moves_report_each_order_and_one_bad_order_does_not_stop_the_rest() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 1000).await;
    let mut ids = Vec::new();
    for index in 0..30 {
        let order = placed(&app, &buyer, "SCR-101", 5).await;
        // One of them stays SUBMITTED: it cannot be packed.
        if index != 7 {
            moved(&app, &staff, &order["id"], &["CONFIRM", "START_PICKING"]).await;
        }
        ids.push(order["id"].clone());
    }
    ids.push(json!("999999"));
    let response = app
        .graphql(
            Some(&staff),
            "mutation($ids: [ID!]!) { moveOrders(ids: $ids, action: PACK) { id order { status invoice { number } } error { code message } } }",
            json!({ "ids": ids }),
        )
        .await;
    assert_no_errors(&response);
    let results = response["data"]["moveOrders"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 31);
    let ok = results
        .iter()
        .filter(|result| result["error"].is_null())
        .count();
    assert_eq!(ok, 29);
    let stuck = results
        .iter()
        .find(|result| result["id"] == ids[7])
        .cloned()
        .unwrap_or_default();
    assert_eq!(stuck["error"]["code"], "INVALID_TRANSITION");
    let missing = results
        .iter()
        .find(|result| result["id"] == "999999")
        .cloned()
        .unwrap_or_default();
    assert_eq!(missing["error"]["code"], "NOT_FOUND");
    for result in results.iter().filter(|result| result["error"].is_null()) {
        assert_eq!(result["order"]["status"], "INVOICED");
    }
    // Requests belong to customers: a bulk request is refused as bad input.
    let refused = app
        .graphql(
            Some(&staff),
            "mutation($ids: [ID!]!) { moveOrders(ids: $ids, action: REQUEST_CANCELLATION) { id } }",
            json!({ "ids": [ids[0]] }),
        )
        .await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn staff_enter_a_phone_order_for_a_customer_marked_with_its_channel_without_approval() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    // Above Galil's 5,000 approval threshold: a phone order is the customer's decision.
    let price = app
        .graphql(
            Some(&buyer),
            "{ product(sku: \"PT-101\") { unitPrice } }",
            json!({}),
        )
        .await;
    let unit = money(&price["data"]["product"]["unitPrice"]);
    let quantity = (6_000.0 / unit).ceil() as i64;
    let response = app
        .graphql(
            Some(&staff),
            &format!("mutation($company: ID!, $input: PlaceOrderInput!) {{ placeOrderFor(companyId: $company, channel: PHONE, input: $input) {{ {ORDER_FIELDS} subtotal placedBy {{ email }} company {{ name }} lines {{ unitPrice }} }} }}"),
            json!({ "company": galil, "input": { "lines": [{ "sku": "PT-101", "quantity": quantity }], "note": "Phoned in by Noa" } }),
        )
        .await;
    assert_no_errors(&response);
    let order = &response["data"]["placeOrderFor"];
    assert_eq!(order["status"], "SUBMITTED");
    assert_eq!(order["channel"], "PHONE");
    assert_eq!(order["placedBy"]["email"], "staff@demo.test");
    assert_eq!(order["company"]["name"], "Galil Hardware Ltd");
    assert!(money(&order["subtotal"]) > 5_000.0);
    assert_eq!(
        order["lines"][0]["unitPrice"], price["data"]["product"]["unitPrice"],
        "the customer's own price"
    );
    // The customer sees it among its orders, and the same workflow applies.
    let seen = app
        .graphql(Some(&buyer), &order_query(), json!({ "id": order["id"] }))
        .await;
    assert_eq!(seen["data"]["order"]["channel"], "PHONE");
    moved(&app, &staff, &order["id"], &["CONFIRM"]).await;
    // The buyers of the company hear of its progress.
    let inbox = app
        .graphql(
            Some(&buyer),
            "{ notifications(first: 5) { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        inbox["data"]["notifications"]["edges"][0]["node"]["kind"],
        "ORDER_STATUS_CHANGED"
    );
    // The queue filters by channel.
    let phone = app
        .graphql(
            Some(&staff),
            "{ orders(first: 50, channel: PHONE) { edges { node { id channel } } } }",
            json!({}),
        )
        .await;
    let channels: Vec<&str> = phone["data"]["orders"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|edge| edge["node"]["channel"].as_str())
        .collect();
    assert!(!channels.is_empty());
    assert!(channels.iter().all(|channel| *channel == "PHONE"));
    // Bad input: an unknown company, the PORTAL channel, a SKU outside its catalog.
    let unknown = app
        .graphql(
            Some(&staff),
            "mutation { placeOrderFor(companyId: \"99999\", channel: EMAIL, input: { lines: [{ sku: \"PT-101\", quantity: 1 }] }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"));
    let portal = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!) { placeOrderFor(companyId: $company, channel: PORTAL, input: { lines: [{ sku: \"PT-101\", quantity: 1 }] }) { id } }",
            json!({ "company": galil }),
        )
        .await;
    assert_eq!(error_code(&portal), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn the_staff_queue_filters_by_status_company_date_and_finds_orders_by_number_or_sku() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let other = app.login("buyer@other.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 1000).await;
    let galil_order = placed(&app, &buyer, "SCR-101", 5).await;
    moved(&app, &staff, &galil_order["id"], &["CONFIRM"]).await;
    // A Negev order of another product.
    let negev_catalog = app
        .graphql(
            Some(&other),
            "{ products(first: 50) { edges { node { sku available packSize minOrderQuantity unitPrice } } } }",
            json!({}),
        )
        .await;
    let (negev_sku, negev_quantity) = negev_catalog["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| &edge["node"])
        .filter(|node| node["sku"] != "SCR-101" && node["unitPrice"].is_string())
        .find_map(|node| {
            let pack = node["packSize"].as_i64().unwrap_or(1);
            let minimum = node["minOrderQuantity"].as_i64().unwrap_or(1);
            let quantity = (minimum + pack - 1) / pack * pack;
            (node["available"].as_i64().unwrap_or(0) >= quantity).then(|| {
                (
                    node["sku"].as_str().unwrap_or_default().to_owned(),
                    quantity,
                )
            })
        })
        .expect("a Negev product in stock");
    let negev = app
        .graphql(
            Some(&other),
            "mutation($sku: String!, $quantity: Int!) { placeOrder(input: { lines: [{ sku: $sku, quantity: $quantity }] }) { id number status } }",
            json!({ "sku": negev_sku, "quantity": negev_quantity }),
        )
        .await;
    assert_no_errors(&negev);
    let negev_order = negev["data"]["placeOrder"].clone();
    let ids_of = |response: &Value| -> Vec<Value> {
        response["data"]["orders"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|edge| edge["node"]["id"].clone())
            .collect()
    };
    let query = "query($status: OrderStatus, $company: ID, $from: Date, $to: Date, $search: String) { orders(first: 100, status: $status, companyId: $company, from: $from, to: $to, search: $search) { edges { node { id number company { name } } } } }";
    let confirmed = app
        .graphql(Some(&staff), query, json!({ "status": "CONFIRMED" }))
        .await;
    assert_no_errors(&confirmed);
    assert!(ids_of(&confirmed).contains(&galil_order["id"]));
    assert!(!ids_of(&confirmed).contains(&negev_order["id"]));
    let negev_id = company_id(&app, &staff, "Negev Builders Ltd").await;
    let by_company = app
        .graphql(Some(&staff), query, json!({ "company": negev_id }))
        .await;
    let names: Vec<&str> = by_company["data"]["orders"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|edge| edge["node"]["company"]["name"].as_str())
        .collect();
    assert!(!names.is_empty());
    assert!(names.iter().all(|name| *name == "Negev Builders Ltd"));
    let number = galil_order["number"].as_str().unwrap_or_default();
    let by_number = app
        .graphql(Some(&staff), query, json!({ "search": number }))
        .await;
    assert_eq!(ids_of(&by_number), vec![galil_order["id"].clone()]);
    let digits = number.trim_start_matches("SO-").trim_start_matches('0');
    let by_digits = app
        .graphql(Some(&staff), query, json!({ "search": digits }))
        .await;
    assert!(ids_of(&by_digits).contains(&galil_order["id"]));
    let by_sku = app
        .graphql(
            Some(&staff),
            query,
            json!({ "search": negev_sku.to_lowercase() }),
        )
        .await;
    assert!(ids_of(&by_sku).contains(&negev_order["id"]));
    assert!(!ids_of(&by_sku).contains(&galil_order["id"]));
    let wildcard = app
        .graphql(Some(&staff), query, json!({ "search": "%" }))
        .await;
    assert!(ids_of(&wildcard).is_empty(), "LIKE wildcards are escaped");
    let today = chrono::Utc::now().date_naive();
    let future = app
        .graphql(
            Some(&staff),
            query,
            json!({ "from": (today + chrono::Days::new(1)).to_string() }),
        )
        .await;
    assert!(ids_of(&future).is_empty());
    let recent = app
        .graphql(
            Some(&staff),
            query,
            json!({ "from": today.to_string(), "to": today.to_string() }),
        )
        .await;
    assert!(ids_of(&recent).contains(&galil_order["id"]));
    let reversed = app
        .graphql(
            Some(&staff),
            query,
            json!({ "from": today.to_string(), "to": (today - chrono::Days::new(1)).to_string() }),
        )
        .await;
    assert_eq!(error_code(&reversed), Some("BAD_USER_INPUT"));
    // A customer passing another company's id sees nothing of it.
    let leaked = app
        .graphql(Some(&buyer), query, json!({ "company": negev_id }))
        .await;
    assert!(ids_of(&leaked).is_empty());
    // The pick list, by SKU.
    let pick = app
        .graphql(
            Some(&staff),
            "query($id: ID!) { pickList(orderId: $id) { order { number } lines { sku quantity packs unit onHand } } }",
            json!({ "id": galil_order["id"] }),
        )
        .await;
    assert_no_errors(&pick);
    assert_eq!(pick["data"]["pickList"]["lines"][0]["sku"], "SCR-101");
    assert_eq!(pick["data"]["pickList"]["lines"][0]["quantity"], 5);
}

#[tokio::test]
async fn the_order_queue_and_the_invoice_list_take_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 1000).await;
    for _ in 0..3 {
        let order = placed(&app, &buyer, "SCR-101", 5).await;
        moved(
            &app,
            &staff,
            &order["id"],
            &["CONFIRM", "START_PICKING", "PACK"],
        )
        .await;
    }
    let orders = "query($first: Int) { orders(first: $first) { edges { node { id company { name } placedBy { email } events { actor { email } } shipment { carrier } openRequest { id } invoice { number order { number } } creditNotes { number } lines { sku } } } } }";
    let invoices = "query($first: Int) { invoices(first: $first) { edges { node { number total dueDate pdfUrl order { number company { name } } lines { sku } } } } }";
    let mut counts = Vec::new();
    for query in [orders, invoices] {
        for first in [2, 3] {
            let before = app.statements.load(std::sync::atomic::Ordering::SeqCst);
            let response = app
                .graphql(Some(&staff), query, json!({ "first": first }))
                .await;
            assert_no_errors(&response);
            counts.push(app.statements.load(std::sync::atomic::Ordering::SeqCst) - before);
        }
    }
    assert_eq!(counts[0], counts[1], "orders: {counts:?}");
    assert_eq!(counts[2], counts[3], "invoices: {counts:?}");
}
