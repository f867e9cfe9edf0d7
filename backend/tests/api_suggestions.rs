//! Suggestions for buyers: "frequently bought together" for the cart and "time to
//! reorder" from a company's rhythm, over counts kept by every order.
#![expect(
    clippy::expect_used,
    reason = "fixture helpers that write the database fail the test loudly"
)]

mod common;

use std::collections::HashSet;

use backend::domain::catalog::{CatalogViewer, listing};
use backend::domain::suggestions::counts;
use backend::entities::{cart_line, company, order, order_line, product, user};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use shared::CompanyId;

const CART_SUGGESTIONS: &str = "{ cartSuggestions(first: 10) { product { sku unitPrice available } becauseOfSku becauseOfName ordersTogether confidencePercent } }";
const REORDER_SUGGESTIONS: &str = "{ reorderSuggestions(first: 20) { product { sku unitPrice available } intervalDays lastOrderedOn daysSinceLastOrder dueOn dueInDays orderCount } }";

/// SKU prefixes the demo history orders from (`seed/history.rs`): fixtures use other
/// products, so every count they check is the fixture's own.
const HISTORY_PREFIXES: [&str; 10] = [
    "ADH", "BRU", "FAU", "FIT", "GLV", "LGT", "MS", "NUT", "PPE", "SWT",
];

fn outside_history(sku: &str) -> bool {
    !HISTORY_PREFIXES.contains(&sku.split('-').next().unwrap_or_default())
}

async fn company_id(app: &TestApp, name: &str) -> i64 {
    company::Entity::find()
        .filter(company::Column::Name.eq(name))
        .one(&app.db)
        .await
        .expect("read company")
        .expect("demo company")
        .id
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .expect("read user")
        .expect("demo user")
        .id
}

/// The products of `company`'s catalog outside the demo history, by SKU.
async fn visible(app: &TestApp, company: i64) -> Vec<(i64, String)> {
    let mut ids = listing::visible_ids(&app.db, CatalogViewer::Customer(CompanyId(company)), None)
        .await
        .expect("visible products");
    ids.retain(|(_, sku)| outside_history(sku));
    ids.sort_by(|a, b| a.1.cmp(&b.1));
    ids
}

/// Writes an order directly (as the seed does), `days_ago` days before now.
async fn insert_order(
    app: &TestApp,
    company: i64,
    placed_by: i64,
    status: &str,
    at: DateTime<Utc>,
    products: &[i64],
) {
    let row = order::ActiveModel {
        number: Set(format!("FX-{}", ulid_like(at, products))),
        company_id: Set(company),
        placed_by: Set(placed_by),
        status: Set(status.to_owned()),
        channel: Set("PORTAL".to_owned()),
        cost_center_id: Set(None),
        note: Set(String::new()),
        subtotal: Set(0),
        vat: Set(0),
        total: Set(0),
        approvals_required: Set(0),
        approval_reasons: Set("[]".to_owned()),
        idempotency_key: Set(None),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        submitted_at: Set(Some(at)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("insert order");
    for product_id in products {
        let item = product::Entity::find_by_id(*product_id)
            .one(&app.db)
            .await
            .expect("read product")
            .expect("product");
        order_line::ActiveModel {
            order_id: Set(row.id),
            product_id: Set(item.id),
            sku: Set(item.sku),
            name_he: Set(item.name_he),
            name_en: Set(item.name_en),
            quantity: Set(1),
            unit_price: Set(0),
            line_total: Set(0),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("insert line");
    }
}

fn ulid_like(at: DateTime<Utc>, products: &[i64]) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{}-{next}", at.timestamp(), products.len())
}

fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("noon").and_utc()
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

async fn put_in_cart(app: &TestApp, user: i64, products: &[i64]) {
    for product_id in products {
        cart_line::ActiveModel {
            user_id: Set(user),
            product_id: Set(*product_id),
            quantity: Set(1),
            updated_at: Set(Utc::now()),
        }
        .insert(&app.db)
        .await
        .expect("cart line");
    }
}

fn suggested(response: &Value) -> Vec<(String, String, i64, i64)> {
    assert_no_errors(response);
    response["data"]["cartSuggestions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            (
                item["product"]["sku"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                item["becauseOfSku"].as_str().unwrap_or_default().to_owned(),
                item["ordersTogether"].as_i64().unwrap_or(-1),
                item["confidencePercent"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

/// The hand-made history: products A, B, C, D seen by both companies, X only by
/// Negev; ten counted Negev orders with A and three cancelled ones.
struct Fixture {
    a: (i64, String),
    b: (i64, String),
    c: (i64, String),
    x: (i64, String),
}

async fn bought_together_fixture(app: &TestApp) -> Fixture {
    let galil = company_id(app, "Galil Hardware Ltd").await;
    let negev = company_id(app, "Negev Builders Ltd").await;
    let galil_sees = visible(app, galil).await;
    let negev_sees = visible(app, negev).await;
    let galil_ids: HashSet<i64> = galil_sees.iter().map(|(id, _)| *id).collect();
    let shared: Vec<(i64, String)> = negev_sees
        .iter()
        .filter(|(id, _)| galil_ids.contains(id))
        .cloned()
        .collect();
    let x = negev_sees
        .iter()
        .find(|(id, _)| !galil_ids.contains(id))
        .cloned()
        .expect("a product only Negev sees");
    let [a, b, c, d] = [0, 1, 2, 3].map(|index| shared[index].clone());
    let buyer = user_id(app, "buyer@other.test").await;
    let (a_id, b_id, c_id, d_id, x_id) = (a.0, b.0, c.0, d.0, x.0);
    let orders: [&[i64]; 10] = [
        &[a_id, b_id, c_id, x_id],
        &[a_id, b_id, c_id, x_id],
        &[a_id, b_id, x_id],
        &[a_id, b_id, x_id],
        &[a_id, b_id, x_id, d_id],
        &[a_id, b_id, x_id, d_id],
        &[a_id, c_id, x_id],
        &[a_id, c_id, x_id],
        &[a_id],
        &[a_id],
    ];
    let start = noon(today() - Duration::days(60));
    for (index, products) in orders.iter().enumerate() {
        let at = start + Duration::days(index as i64 * 3);
        insert_order(app, negev, buyer, "DELIVERED", at, products).await;
    }
    // Cancelled and rejected orders are no evidence: counted, they would put C first.
    for (index, status) in ["CANCELLED", "CANCELLED", "REJECTED", "CANCELLED"]
        .iter()
        .enumerate()
    {
        let at = start + Duration::days(index as i64);
        insert_order(app, negev, buyer, status, at, &[a_id, c_id]).await;
    }
    counts::rebuild(&app.db).await.expect("rebuild");
    Fixture { a, b, c, x }
}

#[tokio::test]
async fn the_cart_gets_what_was_bought_with_it_ranked_by_confidence_with_the_reason() {
    let app = TestApp::spawn().await;
    let fixture = bought_together_fixture(&app).await;
    let buyer = app.login("buyer@demo.test").await;
    let galil_buyer = user_id(&app, "buyer@demo.test").await;

    let empty = app.graphql(Some(&buyer), CART_SUGGESTIONS, json!({})).await;
    assert_eq!(
        suggested(&empty),
        vec![],
        "an empty cart has no suggestions"
    );

    put_in_cart(&app, galil_buyer, &[fixture.a.0]).await;
    let response = app.graphql(Some(&buyer), CART_SUGGESTIONS, json!({})).await;
    // A is in 10 counted orders: B in 6 of them (60%), C in 4 (40%), D in 2 (below the
    // minimum support of 3), X in 8 but Galil cannot see X.
    assert_eq!(
        suggested(&response),
        vec![
            (fixture.b.1.clone(), fixture.a.1.clone(), 6, 60),
            (fixture.c.1.clone(), fixture.a.1.clone(), 4, 40),
        ]
    );
    let first = &response["data"]["cartSuggestions"][0];
    assert!(
        first["product"]["unitPrice"].is_string(),
        "the product comes with the caller's price: {first}"
    );
    assert!(
        !first["becauseOfName"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );

    // B in the cart: no longer suggested; C stays (B and C share only 2 orders).
    put_in_cart(&app, galil_buyer, &[fixture.b.0]).await;
    let response = app.graphql(Some(&buyer), CART_SUGGESTIONS, json!({})).await;
    assert_eq!(
        suggested(&response),
        vec![(fixture.c.1.clone(), fixture.a.1.clone(), 4, 40)]
    );
}

#[tokio::test]
async fn a_product_the_company_cannot_see_is_never_suggested_nor_given_as_a_reason() {
    let app = TestApp::spawn().await;
    let fixture = bought_together_fixture(&app).await;
    let galil_buyer = user_id(&app, "buyer@demo.test").await;
    // X, outside Galil's catalog, in the cart anyway (it left the assortment): X -> B
    // is 6 of 8 (75%), stronger than A -> B, yet X may not explain anything.
    put_in_cart(&app, galil_buyer, &[fixture.a.0, fixture.x.0]).await;
    let buyer = app.login("buyer@demo.test").await;
    let response = app.graphql(Some(&buyer), CART_SUGGESTIONS, json!({})).await;
    let items = suggested(&response);
    assert_eq!(
        items,
        vec![
            (fixture.b.1.clone(), fixture.a.1.clone(), 6, 60),
            (fixture.c.1.clone(), fixture.a.1.clone(), 4, 40),
        ]
    );
    assert!(!response.to_string().contains(&fixture.x.1));

    // Negev sees X: with B in its approver's cart, X is suggested (6 of B's 6 orders).
    let negev_approver = user_id(&app, "approver@other.test").await;
    put_in_cart(&app, negev_approver, &[fixture.b.0]).await;
    let approver = app.login("approver@other.test").await;
    let response = app
        .graphql(Some(&approver), CART_SUGGESTIONS, json!({}))
        .await;
    let items = suggested(&response);
    assert!(
        items.contains(&(fixture.x.1.clone(), fixture.b.1.clone(), 6, 100)),
        "{items:?}"
    );
}

#[tokio::test]
async fn placing_rejecting_and_cancelling_orders_keeps_the_counts_equal_to_a_rebuild() {
    let app = TestApp::spawn().await;
    let galil = company_id(&app, "Galil Hardware Ltd").await;
    let before = counts::stored(&app.db).await.expect("stored");
    assert_eq!(
        before,
        counts::from_history(&app.db).await.expect("history"),
        "the demo seed's history is counted"
    );
    assert!(!before.pairs.is_empty() && !before.purchases.is_empty());

    let buyer = app.login("buyer@demo.test").await;
    let place = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }";
    let placed = app
        .graphql(
            Some(&buyer),
            place,
            json!({ "input": { "lines": [{ "sku": "SCR-101", "quantity": 5 }, { "sku": "SCR-102", "quantity": 2 }] } }),
        )
        .await;
    assert_no_errors(&placed);
    let after = counts::stored(&app.db).await.expect("stored");
    let id_of = |sku: &str| {
        let sku = sku.to_owned();
        let db = app.db.clone();
        async move {
            product::Entity::find()
                .filter(product::Column::Sku.eq(sku))
                .one(&db)
                .await
                .expect("read")
                .expect("product")
                .id
        }
    };
    let (scr101, scr102) = (id_of("SCR-101").await, id_of("SCR-102").await);
    let count =
        |counts: &counts::Counts, id: i64| counts.product_orders.get(&id).copied().unwrap_or(0);
    assert_eq!(count(&after, scr101), count(&before, scr101) + 1);
    assert_eq!(
        after.pairs.get(&(scr101, scr102)).copied().unwrap_or(0),
        before.pairs.get(&(scr101, scr102)).copied().unwrap_or(0) + 1
    );
    assert_eq!(
        after
            .purchases
            .get(&(galil, scr102))
            .map(|days| days.last()),
        Some(Some(today()))
    );
    assert_eq!(after, counts::from_history(&app.db).await.expect("history"));

    // Cancelled by the supplier: taken back.
    let staff = app.login("staff@demo.test").await;
    let id = placed["data"]["placeOrder"]["id"].clone();
    let cancelled = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { moveOrder(id: $id, action: CANCEL, comment: \"test\") { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&cancelled);
    let after_cancel = counts::stored(&app.db).await.expect("stored");
    assert_eq!(after_cancel, before);

    // A large order waits for approval (counted), then is rejected (taken back).
    common::shop::set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = common::shop::quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let pending = app
        .graphql(
            Some(&buyer),
            place,
            json!({ "input": { "lines": [{ "sku": "PT-101", "quantity": quantity }, { "sku": "SCR-102", "quantity": 2 }] } }),
        )
        .await;
    assert_no_errors(&pending);
    assert_eq!(pending["data"]["placeOrder"]["status"], "PENDING_APPROVAL");
    let pending_counts = counts::stored(&app.db).await.expect("stored");
    assert_ne!(pending_counts, before, "a pending order counts");
    assert_eq!(
        pending_counts,
        counts::from_history(&app.db).await.expect("history")
    );
    let approver = app.login("approver@demo.test").await;
    let rejected = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { rejectOrder(id: $id, reason: \"no\") { status } }",
            json!({ "id": pending["data"]["placeOrder"]["id"] }),
        )
        .await;
    assert_no_errors(&rejected);
    let after_reject = counts::stored(&app.db).await.expect("stored");
    assert_eq!(after_reject, before);
    assert_eq!(
        after_reject,
        counts::from_history(&app.db).await.expect("history")
    );
}

#[tokio::test]
async fn a_regular_rhythm_is_due_soon_or_overdue_and_a_lapsed_or_short_one_is_not() {
    let app = TestApp::spawn().await;
    let galil = company_id(&app, "Galil Hardware Ltd").await;
    let buyer_id = user_id(&app, "buyer@demo.test").await;
    let products = visible(&app, galil).await;
    let [r, s, t, u, w] = [0, 1, 2, 3, 4].map(|index| products[index].clone());
    let day = |ago: i64| today() - Duration::days(ago);
    // R: 41, 27 and 13 days ago: every 14 days, due tomorrow.
    // S: 70, 50, 30 days ago (and twice on one day): every 20 days, 10 days overdue.
    // T: 100, 90, 80 days ago: every 10 days, lapsed (three intervals have passed).
    // U: two order days only: no rhythm yet.
    // W: 45, 30, 15 days ago, like R, but already in the buyer's cart.
    let plan: [(&(i64, String), &[i64]); 5] = [
        (&r, &[41, 27, 13]),
        (&s, &[70, 50, 50, 30]),
        (&t, &[100, 90, 80]),
        (&u, &[20, 10]),
        (&w, &[45, 30, 15]),
    ];
    for (item, days) in plan {
        for ago in days {
            insert_order(
                &app,
                galil,
                buyer_id,
                "DELIVERED",
                noon(day(*ago)),
                &[item.0],
            )
            .await;
        }
    }
    counts::rebuild(&app.db).await.expect("rebuild");
    put_in_cart(&app, buyer_id, &[w.0]).await;

    let buyer = app.login("buyer@demo.test").await;
    let response = app
        .graphql(Some(&buyer), REORDER_SUGGESTIONS, json!({}))
        .await;
    assert_no_errors(&response);
    let items: Vec<Value> = response["data"]["reorderSuggestions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mine: Vec<&Value> = items
        .iter()
        .filter(|item| outside_history(item["product"]["sku"].as_str().unwrap_or_default()))
        .collect();
    let summary: Vec<(String, i64, i64, i64, i64)> = mine
        .iter()
        .map(|item| {
            (
                item["product"]["sku"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                item["intervalDays"].as_i64().unwrap_or(-1),
                item["daysSinceLastOrder"].as_i64().unwrap_or(-1),
                item["dueInDays"].as_i64().unwrap_or(-99),
                item["orderCount"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![(s.1.clone(), 20, 30, -10, 4), (r.1.clone(), 14, 13, 1, 3)],
        "soonest due first"
    );
    assert_eq!(mine[1]["dueOn"], json!(day(-1).to_string()));
    assert_eq!(mine[1]["lastOrderedOn"], json!(day(13).to_string()));
    assert!(mine[1]["product"]["unitPrice"].is_string());
    // Every listed product is due within the week or overdue.
    for item in &items {
        assert!(item["dueInDays"].as_i64().unwrap_or(99) <= 7, "{item}");
    }
}

#[tokio::test]
async fn the_demo_history_has_products_due_for_reorder_and_bundles_for_the_cart() {
    let app = TestApp::spawn().await;
    for email in ["buyer@demo.test", "buyer@other.test"] {
        let token = app.login(email).await;
        let response = app
            .graphql(Some(&token), REORDER_SUGGESTIONS, json!({}))
            .await;
        assert_no_errors(&response);
        let due = response["data"]["reorderSuggestions"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(due >= 2, "{email}: {response}");
    }
}

#[tokio::test]
async fn viewers_admins_and_staff_get_no_suggestions_and_first_is_bounded() {
    let app = TestApp::spawn().await;
    for email in ["viewer@demo.test", "admin@demo.test", "staff@demo.test"] {
        let token = app.login(email).await;
        for query in [CART_SUGGESTIONS, REORDER_SUGGESTIONS] {
            let response = app.graphql(Some(&token), query, json!({})).await;
            assert_eq!(
                error_code(&response),
                Some("FORBIDDEN"),
                "{email}: {response}"
            );
        }
    }
    let anonymous = app.graphql(None, CART_SUGGESTIONS, json!({})).await;
    assert_eq!(error_code(&anonymous), Some("UNAUTHENTICATED"));
    let buyer = app.login("buyer@demo.test").await;
    for first in [0, 21, -1] {
        let response = app
            .graphql(
                Some(&buyer),
                "query($first: Int) { reorderSuggestions(first: $first) { intervalDays } }",
                json!({ "first": first }),
            )
            .await;
        assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{first}");
    }
}
