//! The catalog: personal assortments, personal prices, search, stock and live updates.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::ws::Subscription;
use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

const PAGE: &str = "query($first: Int, $after: String, $search: String, $categoryId: ID) {
  products(first: $first, after: $after, search: $search, categoryId: $categoryId) {
    edges { cursor node { sku name unitPrice available priceTiers { minQuantity unitPrice } } }
    pageInfo { hasNextPage endCursor }
  }
}";

/// Every product of the caller's catalog, following the cursors.
async fn whole_catalog(app: &TestApp, token: &str, search: Option<&str>) -> HashMap<String, Value> {
    let mut products = HashMap::new();
    let mut after: Option<String> = None;
    loop {
        let response = app
            .graphql(
                Some(token),
                PAGE,
                json!({ "first": 100, "after": after, "search": search }),
            )
            .await;
        assert_no_errors(&response);
        let connection = &response["data"]["products"];
        for edge in connection["edges"].as_array().into_iter().flatten() {
            products.insert(
                edge["node"]["sku"].as_str().unwrap_or_default().to_owned(),
                edge["node"].clone(),
            );
        }
        if connection["pageInfo"]["hasNextPage"] != true {
            return products;
        }
        after = connection["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_owned);
    }
}

#[tokio::test]
async fn the_demo_catalog_has_500_products_and_each_company_sees_its_own_assortment() {
    let app = TestApp::spawn().await;
    let staff = whole_catalog(&app, &app.login("staff@demo.test").await, None).await;
    let galil = whole_catalog(&app, &app.login("buyer@demo.test").await, None).await;
    let negev = whole_catalog(&app, &app.login("buyer@other.test").await, None).await;
    assert!(staff.len() >= 500, "{} products", staff.len());
    let only_galil = galil.keys().filter(|sku| !negev.contains_key(*sku)).count();
    let only_negev = negev.keys().filter(|sku| !galil.contains_key(*sku)).count();
    assert!(
        only_galil >= 10 && only_negev >= 10,
        "{only_galil} / {only_negev}"
    );
    assert!(galil.keys().all(|sku| staff.contains_key(sku)));
    // Low and zero stock exist.
    assert!(staff.values().any(|p| p["available"] == 0));
    assert!(staff.values().any(|p| {
        p["available"]
            .as_i64()
            .is_some_and(|n| (1..=5).contains(&n))
    }));
    // Some products have quantity tiers.
    assert!(
        galil
            .values()
            .any(|p| p["priceTiers"].as_array().is_some_and(|t| !t.is_empty()))
    );
}

#[tokio::test]
async fn the_same_sku_shows_each_company_its_own_price() {
    let app = TestApp::spawn().await;
    let galil = whole_catalog(&app, &app.login("buyer@demo.test").await, None).await;
    let negev = whole_catalog(&app, &app.login("buyer@other.test").await, None).await;
    let differently_priced = galil
        .iter()
        .filter(|(sku, product)| {
            negev
                .get(*sku)
                .is_some_and(|other| other["unitPrice"] != product["unitPrice"])
        })
        .count();
    assert!(
        differently_priced >= 20,
        "only {differently_priced} shared SKUs differ in price"
    );
}

#[tokio::test]
async fn a_product_outside_the_assortment_does_not_exist_for_the_company() {
    let app = TestApp::spawn().await;
    let galil_token = app.login("buyer@demo.test").await;
    let negev_token = app.login("buyer@other.test").await;
    let galil = whole_catalog(&app, &galil_token, None).await;
    let negev = whole_catalog(&app, &negev_token, None).await;
    let hidden_from_negev = galil
        .keys()
        .find(|sku| !negev.contains_key(*sku))
        .cloned()
        .unwrap_or_default();
    let hidden_name = galil[&hidden_from_negev]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // Not by SKU.
    let by_sku = app
        .graphql(
            Some(&negev_token),
            "query($sku: String!) { product(sku: $sku) { sku } }",
            json!({ "sku": hidden_from_negev }),
        )
        .await;
    assert_no_errors(&by_sku);
    assert!(by_sku["data"]["product"].is_null(), "{by_sku}");
    // Not in search, by SKU or by name.
    for search in [hidden_from_negev.as_str(), hidden_name.as_str()] {
        let found = whole_catalog(&app, &negev_token, Some(search)).await;
        assert!(
            !found.contains_key(&hidden_from_negev),
            "search '{search}' found it"
        );
    }
    // But Galil finds it both ways.
    let found = whole_catalog(&app, &galil_token, Some(&hidden_from_negev)).await;
    assert!(found.contains_key(&hidden_from_negev));
    let by_sku = app
        .graphql(
            Some(&galil_token),
            "query($sku: String!) { product(sku: $sku) { sku } }",
            json!({ "sku": hidden_from_negev.to_lowercase() }),
        )
        .await;
    assert_eq!(by_sku["data"]["product"]["sku"], hidden_from_negev.as_str());
}

#[tokio::test]
async fn search_matches_sku_prefixes_and_hebrew_and_english_words() {
    let app = TestApp::spawn().await;
    let token = app.login("staff@demo.test").await;
    let by_sku = whole_catalog(&app, &token, Some("scr-1")).await;
    assert!(
        !by_sku.is_empty() && by_sku.keys().all(|sku| sku.starts_with("SCR-1")),
        "{:?}",
        by_sku.keys()
    );
    let english = whole_catalog(&app, &token, Some("wood screw")).await;
    assert_eq!(english.len(), 10);
    let hebrew = whole_catalog(&app, &token, Some("בורג עץ")).await;
    assert_eq!(hebrew.len(), 10);
    let wildcard = whole_catalog(&app, &token, Some("%")).await;
    assert!(wildcard.is_empty(), "a % must match itself, not everything");
    let too_long = app
        .graphql(Some(&token), PAGE, json!({ "search": "x".repeat(500) }))
        .await;
    assert_eq!(error_code(&too_long), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn categories_filter_by_subtree_and_only_show_what_the_company_can_see() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@other.test").await;
    let categories = app
        .graphql(
            Some(&token),
            "{ categories { id parentId nameEn } }",
            json!({}),
        )
        .await;
    assert_no_errors(&categories);
    let list = categories["data"]["categories"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<&str> = list.iter().filter_map(|c| c["nameEn"].as_str()).collect();
    assert!(
        names.contains(&"Safety") && !names.contains(&"Paint"),
        "{names:?}"
    );
    let fasteners = list
        .iter()
        .find(|c| c["nameEn"] == "Fasteners")
        .map(|c| c["id"].clone())
        .unwrap_or_default();
    let response = app
        .graphql(
            Some(&token),
            PAGE,
            json!({ "first": 100, "categoryId": fasteners }),
        )
        .await;
    let skus: Vec<&str> = response["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|edge| edge["node"]["sku"].as_str())
        .collect();
    assert_eq!(skus.len(), 90);
    assert!(skus.iter().all(|sku| {
        ["SCR", "NUT", "ANC"]
            .iter()
            .any(|prefix| sku.starts_with(prefix))
    }));
}

#[tokio::test]
async fn a_catalog_page_costs_the_same_number_of_queries_for_10_or_50_products() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let statements_of = |first: usize| {
        let (app, token) = (&app, &token);
        async move {
            let before = app.statements.load(std::sync::atomic::Ordering::SeqCst);
            let response = app
                .graphql(Some(token), PAGE, json!({ "first": first }))
                .await;
            assert_no_errors(&response);
            assert_eq!(
                response["data"]["products"]["edges"]
                    .as_array()
                    .map(Vec::len),
                Some(first)
            );
            app.statements.load(std::sync::atomic::Ordering::SeqCst) - before
        }
    };
    // The first page fills the price cache: the company's lists and discount, then
    // the list prices and tiers of its products.
    let cold = statements_of(50).await;
    assert!(cold > 0, "the statement counter saw nothing");
    assert!(cold <= 8, "a first catalog page ran {cold} statements");
    // A page not read before (10 products) reads the cache versions, its products and
    // their stock. From then on: the session with its user, then the version the page
    // was cached at checked together with its stock. The same for 10 or 50 products.
    let first_of_ten = statements_of(10).await;
    let warm = [statements_of(10).await, statements_of(50).await];
    assert_eq!(
        warm[0], warm[1],
        "statements for 10 and 50 products: {warm:?}"
    );
    assert!(warm[1] <= 2, "a catalog page ran {} statements", warm[1]);
    assert_eq!(
        first_of_ten,
        warm[0] + 2,
        "a page not cached yet reads its versions, products and stock in turn"
    );
}

const ADJUST: &str = "mutation($sku: String!, $delta: Int!) { adjustStock(input: { sku: $sku, onHandDelta: $delta, reason: RECEIPT, note: \"test\" }) { sku onHand reserved available } }";

#[tokio::test]
async fn staff_adjust_stock_through_recorded_movements_and_others_cannot() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let before = app
        .graphql(
            Some(&staff),
            "{ product(sku: \"SCR-101\") { available } }",
            json!({}),
        )
        .await;
    let available = before["data"]["product"]["available"]
        .as_i64()
        .unwrap_or_default();
    let adjusted = app
        .graphql(
            Some(&staff),
            ADJUST,
            json!({ "sku": "SCR-101", "delta": 7 }),
        )
        .await;
    assert_no_errors(&adjusted);
    assert_eq!(
        adjusted["data"]["adjustStock"]["available"].as_i64(),
        Some(available + 7)
    );
    use sea_orm::{ConnectionTrait, Statement};
    let movements = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM stock_movements WHERE reason = 'RECEIPT' AND on_hand_delta = 7".to_owned(),
        ))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get::<i64>("", "n").ok());
    assert_eq!(movements, Some(1));

    let below_zero = app
        .graphql(
            Some(&staff),
            ADJUST,
            json!({ "sku": "SCR-101", "delta": -(available + 8) }),
        )
        .await;
    assert_eq!(error_code(&below_zero), Some("BAD_USER_INPUT"));
    let unknown = app
        .graphql(Some(&staff), ADJUST, json!({ "sku": "NOPE-1", "delta": 1 }))
        .await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"));
    let absurd = app
        .graphql(
            Some(&staff),
            ADJUST,
            json!({ "sku": "SCR-101", "delta": 2_000_000_000 }),
        )
        .await;
    assert_eq!(error_code(&absurd), Some("BAD_USER_INPUT"));
    for customer in ["buyer@demo.test", "admin@demo.test", "viewer@demo.test"] {
        let token = app.login(customer).await;
        let refused = app
            .graphql(
                Some(&token),
                ADJUST,
                json!({ "sku": "SCR-101", "delta": 1 }),
            )
            .await;
        assert_eq!(error_code(&refused), Some("FORBIDDEN"), "{customer}");
    }
    let after = app
        .graphql(
            Some(&staff),
            "{ product(sku: \"SCR-101\") { available } }",
            json!({}),
        )
        .await;
    assert_eq!(
        after["data"]["product"]["available"].as_i64(),
        Some(available + 7),
        "refused changes wrote nothing"
    );
}

#[tokio::test]
async fn stock_changes_reach_subscribed_buyers_live_but_only_for_their_catalog() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let negev_token = app.login("buyer@other.test").await;
    let negev = whole_catalog(&app, &negev_token, None).await;
    let everything = whole_catalog(&app, &staff, None).await;
    let hidden = everything
        .keys()
        .find(|sku| !negev.contains_key(*sku))
        .cloned()
        .unwrap_or_default();
    let visible = "SCR-101";

    let mut subscription = Subscription::start(
        &app.base_url,
        &negev_token,
        "subscription { stockChanged { sku available } }",
        json!({}),
    )
    .await;
    // Give the server a moment to register the subscriber before the changes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let hidden_change = app
        .graphql(Some(&staff), ADJUST, json!({ "sku": hidden, "delta": 3 }))
        .await;
    assert_no_errors(&hidden_change);
    let visible_change = app
        .graphql(Some(&staff), ADJUST, json!({ "sku": visible, "delta": 4 }))
        .await;
    assert_no_errors(&visible_change);
    let update = subscription
        .next(Duration::from_secs(3))
        .await
        .unwrap_or_default();
    assert_eq!(update["data"]["stockChanged"]["sku"], visible, "{update}");
    assert_eq!(
        update["data"]["stockChanged"]["available"],
        visible_change["data"]["adjustStock"]["available"]
    );
}

#[tokio::test]
async fn a_subscription_without_a_valid_token_is_refused() {
    let app = TestApp::spawn().await;
    let mut subscription = Subscription::start(
        &app.base_url,
        "forged.token.here",
        "subscription { stockChanged { sku } }",
        json!({}),
    )
    .await;
    let message = subscription
        .next(Duration::from_secs(3))
        .await
        .unwrap_or_default();
    let code = message["errors"][0]["extensions"]["code"]
        .as_str()
        .or(message["payload"][0]["extensions"]["code"].as_str());
    assert_eq!(code, Some("UNAUTHENTICATED"), "{message}");
}
