//! Ordering and the approval chain.

mod common;

use common::shop::{available, company_id, money, quantity_above, set_available};
use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

const PLACE: &str = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number status subtotal vat total approvalsRequired approvals approvalReasons { kind message } lines { sku quantity unitPrice lineTotal } events { status kind actor { email } comment } placedBy { email } } }";
const APPROVE: &str = "mutation($id: ID!) { approveOrder(id: $id, comment: \"ok\") { id status approvals events { kind actor { email } } } }";
const REJECT: &str =
    "mutation($id: ID!, $reason: String!) { rejectOrder(id: $id, reason: $reason) { id status } }";
const ORDER: &str = "query($id: ID!) { order(id: $id) { id status } }";

fn lines(pairs: &[(&str, i64)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(sku, quantity)| json!({ "sku": sku, "quantity": quantity }))
            .collect(),
    )
}

async fn place(app: &TestApp, token: &str, pairs: &[(&str, i64)], key: Option<&str>) -> Value {
    app.graphql(
        Some(token),
        PLACE,
        json!({ "input": { "lines": lines(pairs), "idempotencyKey": key } }),
    )
    .await
}

/// A second approver for Galil, so two-level orders can complete.
async fn second_approver(app: &TestApp) -> String {
    let admin = app.login("admin@demo.test").await;
    let created = app
        .graphql(
            Some(&admin),
            "mutation { createCompanyUser(input: { email: \"manager@demo.test\", name: \"Dina Manager\", role: APPROVER, password: \"manager-password\" }) { id } }",
            json!({}),
        )
        .await;
    assert_no_errors(&created);
    app.login_with("manager@demo.test", "manager-password")
        .await
}

/// Products of the buyer's catalog that sell by the unit, with a price.
async fn unit_products(app: &TestApp, buyer: &str, count: usize) -> Vec<String> {
    let catalog = app
        .graphql(
            Some(buyer),
            "{ products(first: 100) { edges { node { sku unitPrice packSize minOrderQuantity } } } }",
            json!({}),
        )
        .await;
    let skus: Vec<String> = catalog["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| &edge["node"])
        .filter(|node| {
            node["packSize"] == 1
                && node["minOrderQuantity"] == 1
                && money(&node["unitPrice"]) > 0.0
        })
        .filter_map(|node| node["sku"].as_str().map(str::to_owned))
        .take(count)
        .collect();
    assert_eq!(skus.len(), count, "{catalog}");
    skus
}

#[tokio::test]
async fn a_small_order_goes_straight_to_the_supplier_and_reserves_stock() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let placed = place(&app, &buyer, &[("SCR-101", 3), ("scr-101", 2)], None).await;
    assert_no_errors(&placed);
    let order = &placed["data"]["placeOrder"];
    assert_eq!(order["status"], "SUBMITTED");
    assert_eq!(
        order["lines"].as_array().map(Vec::len),
        Some(1),
        "repeated SKUs are merged"
    );
    assert_eq!(order["lines"][0]["quantity"], 5);
    assert_eq!(order["placedBy"]["email"], "buyer@demo.test");
    assert_eq!(order["events"][0]["kind"], "PLACED");
    let subtotal: f64 = order["subtotal"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let vat: f64 = order["vat"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    assert!(
        (vat - subtotal * 0.18).abs() < 0.01,
        "VAT is 18% of the subtotal"
    );
    assert_eq!(available(&app, &staff, "SCR-101").await, 95);
    let seen = app
        .graphql(Some(&staff), ORDER, json!({ "id": order["id"] }))
        .await;
    assert_eq!(seen["data"]["order"]["status"], "SUBMITTED");
}

#[tokio::test]
async fn an_order_above_5000_waits_for_approval_invisible_to_the_supplier_until_approved() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let placed = place(&app, &buyer, &[("PT-101", quantity)], None).await;
    assert_no_errors(&placed);
    let order = &placed["data"]["placeOrder"];
    assert_eq!(order["status"], "PENDING_APPROVAL");
    assert_eq!(order["approvalsRequired"], 1);
    assert_eq!(order["approvalReasons"][0]["kind"], "ABOVE_AUTO_APPROVAL");
    let id = order["id"].clone();

    let hidden = app.graphql(Some(&staff), ORDER, json!({ "id": id })).await;
    assert!(
        hidden["data"]["order"].is_null(),
        "the supplier saw a pending order"
    );
    let queue = app
        .graphql(
            Some(&staff),
            "{ orders(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(
        !queue.to_string().contains(&format!("\"id\":{id}")),
        "the supplier's queue has a pending order"
    );

    let approved = app
        .graphql(Some(&approver), APPROVE, json!({ "id": id }))
        .await;
    assert_no_errors(&approved);
    assert_eq!(approved["data"]["approveOrder"]["status"], "SUBMITTED");
    assert_eq!(
        approved["data"]["approveOrder"]["events"][1]["actor"]["email"],
        "approver@demo.test"
    );
    let visible = app.graphql(Some(&staff), ORDER, json!({ "id": id })).await;
    assert_eq!(visible["data"]["order"]["status"], "SUBMITTED");
}

#[tokio::test]
async fn an_order_above_20000_needs_two_different_approvers() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let manager = second_approver(&app).await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-310", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-310", 25_000.0).await;
    let placed = place(&app, &buyer, &[("PT-310", quantity)], None).await;
    assert_no_errors(&placed);
    assert_eq!(placed["data"]["placeOrder"]["approvalsRequired"], 2);
    let id = placed["data"]["placeOrder"]["id"].clone();
    let first = app
        .graphql(Some(&approver), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(first["data"]["approveOrder"]["status"], "PENDING_APPROVAL");
    assert_eq!(first["data"]["approveOrder"]["approvals"], 1);
    let again = app
        .graphql(Some(&approver), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(
        error_code(&again),
        Some("CONFLICT"),
        "the same approver twice"
    );
    let second = app
        .graphql(Some(&manager), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(second["data"]["approveOrder"]["status"], "SUBMITTED");
}

#[tokio::test]
async fn nobody_approves_their_own_order_and_buyers_and_viewers_cannot_decide() {
    let app = TestApp::spawn().await;
    let approver = app.login("approver@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &approver, "PT-101", 5_000.0).await;
    let placed = place(&app, &approver, &[("PT-101", quantity)], None).await;
    let id = placed["data"]["placeOrder"]["id"].clone();
    let own = app
        .graphql(Some(&approver), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(error_code(&own), Some("FORBIDDEN"), "{own}");
    for token in [&buyer, &viewer, &staff] {
        let refused = app.graphql(Some(token), APPROVE, json!({ "id": id })).await;
        assert_eq!(error_code(&refused), Some("FORBIDDEN"));
    }
    let viewer_order = place(&app, &viewer, &[("SCR-101", 1)], None).await;
    assert_eq!(
        error_code(&viewer_order),
        Some("FORBIDDEN"),
        "a viewer cannot order"
    );
    let staff_order = place(&app, &staff, &[("SCR-101", 1)], None).await;
    assert_eq!(error_code(&staff_order), Some("FORBIDDEN"));
}

#[tokio::test]
async fn another_companys_order_does_not_exist_for_the_caller() {
    let app = TestApp::spawn().await;
    let galil_buyer = app.login("buyer@demo.test").await;
    let negev_approver = app.login("approver@other.test").await;
    let negev_buyer = app.login("buyer@other.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &galil_buyer, "PT-101", 5_000.0).await;
    let placed = place(&app, &galil_buyer, &[("PT-101", quantity)], None).await;
    let id = placed["data"]["placeOrder"]["id"].clone();
    let seen = app
        .graphql(Some(&negev_buyer), ORDER, json!({ "id": id }))
        .await;
    assert!(seen["data"]["order"].is_null());
    let approve = app
        .graphql(Some(&negev_approver), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(error_code(&approve), Some("NOT_FOUND"));
    let reject = app
        .graphql(
            Some(&negev_approver),
            REJECT,
            json!({ "id": id, "reason": "no" }),
        )
        .await;
    assert_eq!(error_code(&reject), Some("NOT_FOUND"));
    let list = app
        .graphql(
            Some(&negev_buyer),
            // The demo's history is older than today: only orders of this test count.
            "query($today: Date) { orders(from: $today) { edges { node { id } } } }",
            json!({ "today": chrono::Utc::now().date_naive().to_string() }),
        )
        .await;
    assert_eq!(
        list["data"]["orders"]["edges"].as_array().map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_releases_the_stock_at_once() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let placed = place(&app, &buyer, &[("PT-101", quantity)], None).await;
    let id = placed["data"]["placeOrder"]["id"].clone();
    assert_eq!(available(&app, &staff, "PT-101").await, 1000 - quantity);
    let no_reason = app
        .graphql(Some(&approver), REJECT, json!({ "id": id, "reason": "  " }))
        .await;
    assert_eq!(error_code(&no_reason), Some("BAD_USER_INPUT"));
    let rejected = app
        .graphql(
            Some(&approver),
            REJECT,
            json!({ "id": id, "reason": "Over the project budget" }),
        )
        .await;
    assert_eq!(rejected["data"]["rejectOrder"]["status"], "REJECTED");
    assert_eq!(available(&app, &staff, "PT-101").await, 1000);
    let approve_after = app
        .graphql(Some(&approver), APPROVE, json!({ "id": id }))
        .await;
    assert_eq!(error_code(&approve_after), Some("CONFLICT"));
}

#[tokio::test]
async fn bad_orders_are_refused_with_a_clear_error_and_reserve_nothing() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 10).await;
    set_available(&app, &staff, "SCR-102", 3).await;
    let hidden = "CBL-310"; // Electrical beyond the first five: not in Galil's assortment.
    let cases: Vec<(Vec<(&str, i64)>, &str)> = vec![
        (vec![], "BAD_USER_INPUT"),
        (vec![("SCR-101", 0)], "BAD_USER_INPUT"),
        (vec![("SCR-101", -5)], "BAD_USER_INPUT"),
        (vec![("SCR-101", 2_000_000_000)], "BAD_USER_INPUT"),
        (vec![("NOPE-1", 1)], "BAD_USER_INPUT"),
        (vec![(hidden, 1)], "BAD_USER_INPUT"),
        (vec![("bad sku!", 1)], "BAD_USER_INPUT"),
        (vec![("PIP-101", 3)], "BAD_USER_INPUT"), // packs of 4
        (vec![("SCR-101", 1), ("SCR-102", 4)], "OUT_OF_STOCK"),
    ];
    for (pairs, code) in cases {
        let response = place(&app, &buyer, &pairs, None).await;
        assert_eq!(error_code(&response), Some(code), "{pairs:?}: {response}");
        assert!(
            response["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.len() > 5)
        );
    }
    assert_eq!(
        available(&app, &staff, "SCR-101").await,
        10,
        "a refused order reserved stock"
    );
    let orders = app
        .graphql(
            Some(&buyer),
            // The demo's history is older than today: only orders of this test count.
            "query($today: Date) { orders(from: $today) { edges { node { id } } } }",
            json!({ "today": chrono::Utc::now().date_naive().to_string() }),
        )
        .await;
    assert_eq!(
        orders["data"]["orders"]["edges"].as_array().map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn an_order_over_the_credit_limit_is_held_with_a_clear_reason() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@other.test").await; // Negev: credit limit 80,000.
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "CBL-310", 100_000).await;
    let quantity = quantity_above(&app, &buyer, "CBL-310", 80_000.0).await;
    let response = place(&app, &buyer, &[("CBL-310", quantity)], None).await;
    assert_eq!(error_code(&response), Some("CREDIT_LIMIT"), "{response}");
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("credit limit of ₪ 80,000.00"), "{message}");
}

#[tokio::test]
async fn a_retried_submit_with_the_same_key_returns_the_first_order() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let (first, second) = tokio::join!(
        place(&app, &buyer, &[("SCR-101", 2)], Some("cart-42")),
        place(&app, &buyer, &[("SCR-101", 2)], Some("cart-42")),
    );
    assert_no_errors(&first);
    assert_no_errors(&second);
    assert_eq!(
        first["data"]["placeOrder"]["id"],
        second["data"]["placeOrder"]["id"]
    );
    let third = place(&app, &buyer, &[("SCR-101", 2)], Some("cart-42")).await;
    assert_eq!(
        first["data"]["placeOrder"]["id"],
        third["data"]["placeOrder"]["id"]
    );
    assert_eq!(
        available(&app, &staff, "SCR-101").await,
        98,
        "reserved once"
    );
}

#[tokio::test]
async fn a_race_for_the_last_units_never_oversells() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyers = [
        app.login("buyer@demo.test").await,
        app.login("approver@demo.test").await,
    ];
    set_available(&app, &staff, "SCR-105", 5).await;
    let attempts = (0..12).map(|index| place(&app, &buyers[index % 2], &[("SCR-105", 1)], None));
    let results = futures_util::future::join_all(attempts).await;
    let placed = results
        .iter()
        .filter(|response| response.get("errors").is_none())
        .count();
    let out_of_stock = results
        .iter()
        .filter(|response| error_code(response) == Some("OUT_OF_STOCK"))
        .count();
    assert_eq!((placed, out_of_stock), (5, 7), "{results:?}");
    assert_eq!(available(&app, &staff, "SCR-105").await, 0);
}

/// Rule 6 under concurrency: orders racing for the last of the credit must not all
/// pass the check, each having read the exposure before the others committed. Each
/// order is for a different product, so that no stock row lines them up first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_race_for_the_last_credit_never_exceeds_the_limit() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@other.test").await; // Negev: credit limit 80,000.
    let staff = app.login("staff@demo.test").await;
    let negev = company_id(&app, &staff, "Negev Builders Ltd").await;
    let ledger = "query($company: ID) { ledger(companyId: $company) { availableCredit } }";
    let available_credit = |response: &Value| money(&response["data"]["ledger"]["availableCredit"]);
    let before = app
        .graphql(Some(&staff), ledger, json!({ "company": negev }))
        .await;
    let credit = available_credit(&before);
    assert!(credit > 10_000.0, "{before}");
    let skus = unit_products(&app, &buyer, 8).await;
    // Each order (with VAT) takes about a third of the credit: two or three fit.
    let mut orders = Vec::new();
    for sku in &skus {
        set_available(&app, &staff, sku, 10_000_000).await;
        let quantity = quantity_above(&app, &buyer, sku, credit / 3.0 / 1.18).await;
        orders.push((sku.clone(), quantity));
    }
    let attempts = orders.iter().map(|(sku, quantity)| {
        let (app, buyer) = (&app, &buyer);
        async move { place(app, buyer, &[(sku.as_str(), *quantity)], None).await }
    });
    let results = futures_util::future::join_all(attempts).await;
    let placed = results
        .iter()
        .filter(|response| response.get("errors").is_none())
        .count();
    for response in results.iter().filter(|r| r.get("errors").is_some()) {
        assert_eq!(error_code(response), Some("CREDIT_LIMIT"), "{response}");
    }
    let totals: Vec<f64> = results
        .iter()
        .filter(|response| response.get("errors").is_none())
        .map(|response| money(&response["data"]["placeOrder"]["total"]))
        .collect();
    assert!(placed >= 2, "some orders fit {credit}: {results:?}");
    assert!(placed < 8, "not every order fits {credit}: {totals:?}");
    assert!(
        totals.iter().sum::<f64>() <= credit,
        "the placed orders {totals:?} exceed the available credit {credit}"
    );
    let after = app
        .graphql(Some(&staff), ledger, json!({ "company": negev }))
        .await;
    assert!(available_credit(&after) >= 0.0, "{after}");
}

#[tokio::test]
async fn concurrent_approve_and_reject_land_exactly_once() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let manager = second_approver(&app).await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let placed = place(&app, &buyer, &[("PT-101", quantity)], None).await;
    let id = placed["data"]["placeOrder"]["id"].clone();
    let (approved, rejected) = tokio::join!(
        app.graphql(Some(&approver), APPROVE, json!({ "id": id })),
        app.graphql(
            Some(&manager),
            REJECT,
            json!({ "id": id, "reason": "not now" })
        ),
    );
    let outcomes = [error_code(&approved), error_code(&rejected)];
    assert_eq!(
        outcomes.iter().filter(|code| code.is_none()).count(),
        1,
        "{approved} {rejected}"
    );
    assert!(
        outcomes.contains(&Some("CONFLICT")),
        "the loser gets CONFLICT: {outcomes:?}"
    );
}

#[tokio::test]
async fn the_checkout_preview_shows_the_reasons_and_the_budget_impact_without_writing() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let centers = app
        .graphql(
            Some(&buyer),
            "{ costCenters { id name monthlyBudget } }",
            json!({}),
        )
        .await;
    let karmiel = centers["data"]["costCenters"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|center| center["name"] == "Karmiel project")
        .map(|center| center["id"].clone())
        .unwrap_or_default();
    let quantity = quantity_above(&app, &buyer, "PT-310", 26_000.0).await;
    let quote = app
        .graphql(
            Some(&buyer),
            "query($input: PlaceOrderInput!) { orderQuote(input: $input) { subtotal approvalsRequired approvalReasons { kind message overBy } budgetLeftAfter } }",
            json!({ "input": { "lines": lines(&[("PT-310", quantity)]), "costCenterId": karmiel } }),
        )
        .await;
    assert_no_errors(&quote);
    let quote = &quote["data"]["orderQuote"];
    assert_eq!(quote["approvalsRequired"], 2);
    let kinds: Vec<&str> = quote["approvalReasons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        vec!["ABOVE_DUAL_APPROVAL", "ABOVE_BUYER_LIMIT", "OVER_BUDGET"]
    );
    assert!(
        quote["budgetLeftAfter"]
            .as_str()
            .is_some_and(|left| left.starts_with('-'))
    );
    let orders = app
        .graphql(
            Some(&buyer),
            // The demo's history is older than today: only orders of this test count.
            "query($today: Date) { orders(from: $today) { edges { node { id } } } }",
            json!({ "today": chrono::Utc::now().date_naive().to_string() }),
        )
        .await;
    assert_eq!(
        orders["data"]["orders"]["edges"].as_array().map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn can_decide_is_true_only_for_an_approver_who_may_approve_now() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let finance = app.login("finance@demo.test").await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let placed = place(&app, &buyer, &[("PT-101", quantity)], None).await;
    assert_no_errors(&placed);
    let id = placed["data"]["placeOrder"]["id"].clone();
    let can_decide = |token: String| {
        let (app, id) = (&app, id.clone());
        async move {
            app.graphql(
                Some(&token),
                "query($id: ID!) { order(id: $id) { canDecide } }",
                json!({ "id": id }),
            )
            .await["data"]["order"]["canDecide"]
                .clone()
        }
    };
    assert_eq!(can_decide(approver.clone()).await, true);
    assert_eq!(can_decide(finance.clone()).await, true);
    assert_eq!(can_decide(buyer.clone()).await, false, "its own order");
    assert_eq!(can_decide(admin.clone()).await, false, "not an approver");

    // Below the order's subtotal, the approver's limit takes the decision away.
    let approver_id = app
        .graphql(Some(&approver), "{ me { id } }", json!({}))
        .await["data"]["me"]["id"]
        .clone();
    let limited = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { setUserLimits(userId: $id, approvalLimit: \"1000\") { userId } }",
            json!({ "id": approver_id }),
        )
        .await;
    assert_no_errors(&limited);
    assert_eq!(can_decide(approver.clone()).await, false, "above its limit");

    let approved = app
        .graphql(Some(&finance), APPROVE, json!({ "id": id }))
        .await;
    assert_no_errors(&approved);
    assert_eq!(can_decide(finance).await, false, "no longer pending");
}

/// Orders that share products, racing for their last units on a multi-threaded
/// server: each product's reservation is one conditional statement for all the
/// lines, and the rows are locked in product order, so the orders neither deadlock
/// (an error other than OUT_OF_STOCK) nor oversell.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn orders_sharing_products_never_deadlock_nor_oversell() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyers = [
        app.login("buyer@demo.test").await,
        app.login("approver@demo.test").await,
    ];
    let skus = unit_products(&app, &buyers[0], 4).await;
    for sku in &skus {
        set_available(&app, &staff, sku, 6).await;
    }
    // Every order takes one unit of three of the four products, written in a
    // different order each time: each product is in 9 of the 12 orders, so at most 6
    // of them fit.
    let baskets: Vec<Vec<(&str, i64)>> = (0..12)
        .map(|index| {
            let mut basket: Vec<(&str, i64)> = (0..4)
                .filter(|product| product != &(index % 4))
                .map(|product| (skus[product].as_str(), 1))
                .collect();
            if index % 2 == 1 {
                basket.reverse();
            }
            basket
        })
        .collect();
    let attempts = baskets.iter().enumerate().map(|(index, basket)| {
        let (app, buyer) = (&app, &buyers[index % 2]);
        async move { place(app, buyer, basket, None).await }
    });
    let results = futures_util::future::join_all(attempts).await;
    let mut sold = [0_i64; 4];
    for (basket, response) in baskets.iter().zip(&results) {
        if response.get("errors").is_none() {
            for (sku, quantity) in basket {
                let product = skus.iter().position(|known| known == sku).unwrap_or(0);
                sold[product] += quantity;
            }
        } else {
            assert_eq!(error_code(response), Some("OUT_OF_STOCK"), "{response}");
            let message = response["errors"][0]["message"].as_str().unwrap_or("");
            assert!(
                skus.iter().any(|sku| message.starts_with(sku.as_str()))
                    && message.contains("available"),
                "the refusal names the product and what is left: {message}"
            );
        }
    }
    assert!(sold.iter().all(|units| *units <= 6), "oversold: {sold:?}");
    for (product, sku) in skus.iter().enumerate() {
        assert_eq!(
            available(&app, &staff, sku).await,
            6 - sold[product],
            "{sku}: what is available is what the placed orders left"
        );
    }
    assert!(sold.iter().sum::<i64>() > 0, "some orders were placed");
}

/// Placing an order runs a fixed number of statements, however many lines it has:
/// its lines, reservations and stock movements are written in one statement each.
/// (From two lines on: a one-line order has no pair of products for suggestions.)
#[tokio::test]
async fn placing_ten_lines_runs_as_many_statements_as_placing_two() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let skus = unit_products(&app, &buyer, 10).await;
    for sku in &skus {
        set_available(&app, &staff, sku, 1_000).await;
    }
    let statements_of = |count: usize| {
        let (app, buyer, skus) = (&app, &buyer, &skus);
        async move {
            let pairs: Vec<(&str, i64)> =
                skus[..count].iter().map(|sku| (sku.as_str(), 1)).collect();
            let before = app.statements.load(std::sync::atomic::Ordering::SeqCst);
            let placed = place(app, buyer, &pairs, None).await;
            assert_no_errors(&placed);
            assert_eq!(placed["data"]["placeOrder"]["status"], "SUBMITTED");
            assert_eq!(
                placed["data"]["placeOrder"]["lines"]
                    .as_array()
                    .map(Vec::len),
                Some(count)
            );
            app.statements.load(std::sync::atomic::Ordering::SeqCst) - before
        }
    };
    let two = statements_of(2).await;
    let ten = statements_of(10).await;
    assert!(two > 0, "the statement counter saw nothing");
    assert_eq!(two, ten, "statements for 2 and 10 lines");
}
