//! The catalog's listing cache (`domain/catalog/listing_cache.rs`) never shows a page
//! that changed: a change of a product, a category or an assortment, made through the
//! API or by SQL outside the portal, is seen by the next request.

mod common;

use common::shop::company_id;
use common::{TestApp, assert_no_errors};
use sea_orm::ConnectionTrait;
use serde_json::json;

const PAGE: &str = "{ products(first: 50, search: \"SCR-1\") { edges { node { sku nameEn } } } }";
const UPSERT: &str =
    "mutation($input: ProductInput!) { upsertProduct(input: $input) { sku nameEn } }";

/// SCR-101's English name in the buyer's catalog page, or `None` when it is not there.
async fn listed(app: &TestApp, buyer: &str) -> Option<String> {
    let page = app.graphql(Some(buyer), PAGE, json!({})).await;
    assert_no_errors(&page);
    page["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|edge| edge["node"]["sku"] == "SCR-101")
        .map(|edge| {
            edge["node"]["nameEn"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
}

/// Renames SCR-101 in English through the API, as `staff`.
async fn rename(app: &TestApp, staff: &str, name_en: &str) {
    let category = scalar(
        app,
        "SELECT category_id FROM products WHERE sku = 'SCR-101'",
    )
    .await;
    let input = json!({ "sku": "SCR-101", "nameHe": "בורג", "nameEn": name_en,
        "description": "", "categoryId": category.to_string(), "unit": "unit", "packSize": 1,
        "minOrderQuantity": 1, "active": true });
    assert_no_errors(
        &app.graphql(Some(staff), UPSERT, json!({ "input": input }))
            .await,
    );
}

/// [`listed`] after running `statement`.
async fn listed_after(app: &TestApp, buyer: &str, statement: String) -> Option<String> {
    sql(app, &statement).await;
    listed(app, buyer).await
}

async fn sql(app: &TestApp, statement: &str) {
    app.db
        .execute_unprepared(statement)
        .await
        .unwrap_or_else(|error| panic!("{statement}: {error}"));
}

async fn scalar(app: &TestApp, query: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            query,
        ))
        .await
        .unwrap_or_else(|error| panic!("{query}: {error}"))
        .unwrap_or_else(|| panic!("{query}: no row"));
    row.try_get_by_index::<i64>(0)
        .unwrap_or_else(|error| panic!("{query}: {error}"))
}

#[tokio::test]
async fn a_cached_page_follows_every_change_that_decides_it() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let product = scalar(&app, "SELECT id FROM products WHERE sku = 'SCR-101'").await;
    let category = scalar(
        &app,
        "SELECT category_id FROM products WHERE sku = 'SCR-101'",
    )
    .await;
    let original = listed(&app, &buyer)
        .await
        .expect("SCR-101 in Galil's catalog");
    assert_eq!(
        listed(&app, &buyer).await.as_deref(),
        Some(original.as_str())
    ); // cached

    // A product changed through the API.
    rename(&app, &staff, "Renamed screw").await;
    assert_eq!(listed(&app, &buyer).await.as_deref(), Some("Renamed screw"));

    // Changes by SQL outside the portal, one table at a time, each followed by what
    // the buyer's page must show. A product renamed, withdrawn and back:
    let name = Some("Screw by SQL");
    let scr = "WHERE sku = 'SCR-101'";
    let after = |statement: String| listed_after(&app, &buyer, statement);
    assert_eq!(
        after(format!(
            "UPDATE products SET name_en = 'Screw by SQL' {scr}"
        ))
        .await
        .as_deref(),
        name
    );
    assert_eq!(
        after(format!("UPDATE products SET active = false {scr}")).await,
        None
    );
    assert_eq!(
        after(format!("UPDATE products SET active = true {scr}"))
            .await
            .as_deref(),
        name
    );
    // The company's assortment emptied, one explicit product, none:
    sql(
        &app,
        &format!("DELETE FROM assortment_categories WHERE company_id = {galil}"),
    )
    .await;
    let explicit = "assortment_products";
    assert_eq!(
        after(format!("DELETE FROM {explicit} WHERE company_id = {galil}")).await,
        None
    );
    let insert =
        format!("INSERT INTO {explicit} (company_id, product_id) VALUES ({galil}, {product})");
    assert_eq!(after(insert).await.as_deref(), name);
    assert_eq!(
        after(format!("DELETE FROM {explicit} WHERE company_id = {galil}")).await,
        None
    );
    // An assigned category that is empty until SCR-101's category moves under it:
    let shelf = "(SELECT id FROM categories WHERE name_en = 'New shelf')";
    let create = "INSERT INTO categories (parent_id, name_he, name_en, position) \
                  VALUES (NULL, 'חדש', 'New shelf', 99)";
    assert_eq!(after(create.to_owned()).await, None);
    let assign = format!(
        "INSERT INTO assortment_categories (company_id, category_id) SELECT {galil}, id \
         FROM categories WHERE name_en = 'New shelf'"
    );
    assert_eq!(after(assign).await, None);
    let moved = format!("UPDATE categories SET parent_id = {shelf} WHERE id = {category}");
    assert_eq!(after(moved).await.as_deref(), name);
    let unassign = format!("DELETE FROM assortment_categories WHERE company_id = {galil}");
    assert_eq!(after(unassign).await, None);
}

#[tokio::test]
async fn a_product_changed_through_another_instance_is_listed_at_once() {
    let first = TestApp::spawn().await;
    let second = first.second_instance().await;
    let staff = second.login("staff@demo.test").await;
    let buyer = first.login("buyer@demo.test").await;
    assert!(listed(&first, &buyer).await.is_some()); // cached on the first
    rename(&second, &staff, "Renamed elsewhere").await;
    assert_eq!(
        listed(&first, &buyer).await.as_deref(),
        Some("Renamed elsewhere")
    );
}

const STOCK_PAGE: &str =
    "{ products(first: 50, search: \"SCR-1\") { edges { node { sku available } } } }";

/// What the buyer's cached page shows available of each product.
async fn available(app: &TestApp, buyer: &str) -> Vec<(String, i64)> {
    let page = app.graphql(Some(buyer), STOCK_PAGE, json!({})).await;
    assert_no_errors(&page);
    page["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| {
            (
                edge["node"]["sku"].as_str().unwrap_or_default().to_owned(),
                edge["node"]["available"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_cached_page_shows_the_stock_of_the_moment() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let before = available(&app, &buyer).await; // the page is cached from here on
    let of = |page: &[(String, i64)], sku: &str| {
        page.iter()
            .find(|(listed, _)| listed == sku)
            .map(|(_, available)| *available)
    };
    let scr_101 = of(&before, "SCR-101").expect("SCR-101 is listed");
    // Stock is no part of what the cache keeps: no catalog version moves for it.
    sql(
        &app,
        "UPDATE stock SET on_hand = on_hand + 7 \
         WHERE product_id = (SELECT id FROM products WHERE sku = 'SCR-101')",
    )
    .await;
    let after = available(&app, &buyer).await;
    assert_eq!(of(&after, "SCR-101"), Some(scr_101 + 7));
    assert_eq!(after.len(), before.len());
    // A page none of whose products has a stock row shows nothing available.
    sql(
        &app,
        "DELETE FROM stock WHERE product_id IN \
         (SELECT id FROM products WHERE sku LIKE 'SCR-1%')",
    )
    .await;
    let emptied = available(&app, &buyer).await;
    assert_eq!(emptied.len(), before.len());
    assert!(
        emptied.iter().all(|(_, available)| *available == 0),
        "{emptied:?}"
    );
}
