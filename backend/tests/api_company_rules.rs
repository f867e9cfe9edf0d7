//! A company admin's budget rules decide what needs approval.

mod common;

use common::shop::{quantity_above, set_available};
use common::{TestApp, assert_no_errors, error_code};
use serde_json::json;

const PLACE: &str = "mutation($qty: Int!) { placeOrder(input: { lines: [{ sku: \"PT-101\", quantity: $qty }] }) { id status subtotal } }";

async fn user_id(app: &TestApp, email: &str) -> serde_json::Value {
    let token = app.login(email).await;
    app.graphql(Some(&token), "{ me { id } }", json!({})).await["data"]["me"]["id"].clone()
}

#[tokio::test]
async fn raising_the_thresholds_lets_larger_orders_through_and_bad_thresholds_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let approver = app.login("approver@demo.test").await; // no per-order limit
    let rules = app
        .graphql(
            Some(&admin),
            "{ approvalRules { autoApprovalLimit dualApprovalLimit } }",
            json!({}),
        )
        .await;
    assert_eq!(
        rules["data"]["approvalRules"]["autoApprovalLimit"],
        "5000.00"
    );
    let inverted = app
        .graphql(Some(&admin), "mutation { setApprovalRules(autoApprovalLimit: \"30000\", dualApprovalLimit: \"20000\") { autoApprovalLimit } }", json!({}))
        .await;
    assert_eq!(error_code(&inverted), Some("BAD_USER_INPUT"));
    let raised = app
        .graphql(Some(&admin), "mutation { setApprovalRules(autoApprovalLimit: \"30000\", dualApprovalLimit: \"60000\") { autoApprovalLimit dualApprovalLimit } }", json!({}))
        .await;
    assert_no_errors(&raised);
    let placed = app
        .graphql(Some(&approver), PLACE, json!({ "qty": 20 }))
        .await; // about 7,000 before VAT
    assert_eq!(
        placed["data"]["placeOrder"]["status"], "SUBMITTED",
        "{placed}"
    );
}

#[tokio::test]
async fn an_approver_cannot_approve_above_the_limit_the_admin_set() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let approver_id = user_id(&app, "approver@demo.test").await;
    let limited = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { setUserLimits(userId: $id, approvalLimit: \"6000\") { approvalLimit } }",
            json!({ "id": approver_id }),
        )
        .await;
    assert_eq!(limited["data"]["setUserLimits"]["approvalLimit"], "6000.00");
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let placed = app.graphql(Some(&buyer), PLACE, json!({ "qty": 20 })).await; // ~7,000 > 6,000
    let id = placed["data"]["placeOrder"]["id"].clone();
    assert_eq!(placed["data"]["placeOrder"]["status"], "PENDING_APPROVAL");
    let refused = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { approveOrder(id: $id) { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&refused), Some("FORBIDDEN"));
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("approval limit"))
    );
}

#[tokio::test]
async fn limits_and_cost_centres_stay_inside_the_admins_company() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let foreign = user_id(&app, "buyer@other.test").await;
    let refused = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { setUserLimits(userId: $id, orderLimit: \"1\") { orderLimit } }",
            json!({ "id": foreign }),
        )
        .await;
    assert_eq!(error_code(&refused), Some("NOT_FOUND"));
    let created = app
        .graphql(Some(&admin), "mutation { saveCostCenter(name: \"Nazareth depot\", monthlyBudget: \"12000\") { id name monthlyBudget } }", json!({}))
        .await;
    assert_eq!(
        created["data"]["saveCostCenter"]["monthlyBudget"],
        "12000.00"
    );
    let duplicate = app
        .graphql(
            Some(&admin),
            "mutation { saveCostCenter(name: \"Nazareth depot\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&duplicate), Some("CONFLICT"));
    let negative = app
        .graphql(
            Some(&admin),
            "mutation { saveCostCenter(name: \"Bad\", monthlyBudget: \"-5\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&negative), Some("BAD_USER_INPUT"));
    let other_admin_view = app.login("buyer@other.test").await;
    let centers = app
        .graphql(
            Some(&other_admin_view),
            "{ costCenters { name } }",
            json!({}),
        )
        .await;
    assert!(
        !centers.to_string().contains("Nazareth"),
        "another company sees the cost centre"
    );
}

#[tokio::test]
async fn cost_centres_show_this_months_spending_without_rejected_orders() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    const CENTRES: &str = "{ costCenters { id name monthlyBudget spentThisMonth leftThisMonth } }";
    let centres = app.graphql(Some(&admin), CENTRES, json!({})).await;
    assert_no_errors(&centres);
    let haifa = centres["data"]["costCenters"]
        .as_array()
        .and_then(|list| list.iter().find(|c| c["name"] == "Haifa branch"))
        .cloned()
        .expect("the Haifa branch");
    assert_eq!(haifa["monthlyBudget"], "40000.00");
    let spent_before: f64 = haifa["spentThisMonth"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("spentThisMonth");

    let placed = app
        .graphql(
            Some(&approver),
            "mutation($cc: ID) { placeOrder(input: { lines: [{ sku: \"SCR-101\", quantity: 3 }], costCenterId: $cc }) { id status subtotal } }",
            json!({ "cc": haifa["id"] }),
        )
        .await;
    assert_no_errors(&placed);
    let kept = placed["data"]["placeOrder"].clone();
    let spent_of = |value: &serde_json::Value, field: &str| -> f64 {
        value[field]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect(field)
    };
    let after = app.graphql(Some(&admin), CENTRES, json!({})).await;
    let haifa_after = after["data"]["costCenters"]
        .as_array()
        .and_then(|list| list.iter().find(|c| c["id"] == haifa["id"]))
        .cloned()
        .expect("the Haifa branch");
    let subtotal = spent_of(&kept, "subtotal");
    assert!(
        (spent_of(&haifa_after, "spentThisMonth") - spent_before - subtotal).abs() < 0.005,
        "{haifa_after} after an order of {subtotal}"
    );
    assert!(
        (spent_of(&haifa_after, "leftThisMonth") - (40_000.0 - spent_before - subtotal)).abs()
            < 0.005,
        "{haifa_after}"
    );
    // The approver's own order needs someone else's approval only above the rules; a
    // rejected order stops counting.
    let buyer = app.login("buyer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1_000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let big = app
        .graphql(
            Some(&buyer),
            "mutation($qty: Int!, $cc: ID) { placeOrder(input: { lines: [{ sku: \"PT-101\", quantity: $qty }], costCenterId: $cc }) { id status } }",
            json!({ "qty": quantity, "cc": haifa["id"] }),
        )
        .await;
    assert_no_errors(&big);
    assert_eq!(big["data"]["placeOrder"]["status"], "PENDING_APPROVAL");
    let rejected = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { rejectOrder(id: $id, reason: \"not now\") { status } }",
            json!({ "id": big["data"]["placeOrder"]["id"] }),
        )
        .await;
    assert_no_errors(&rejected);
    let last = app.graphql(Some(&admin), CENTRES, json!({})).await;
    let haifa_last = last["data"]["costCenters"]
        .as_array()
        .and_then(|list| list.iter().find(|c| c["id"] == haifa["id"]))
        .cloned()
        .expect("the Haifa branch");
    assert_eq!(haifa_last["spentThisMonth"], haifa_after["spentThisMonth"]);
}
