//! The catalog's price cache (`domain/catalog/price_cache.rs`) never shows a price
//! that changed: every change that decides a buyer's price, made through the API, by
//! another instance, or by SQL outside the portal, is seen by the next request.

mod common;

use common::shop::{company_id, price_list_id};
use common::{TestApp, assert_no_errors};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const PRODUCT: &str =
    "{ product(sku: \"SCR-101\") { unitPrice priceTiers { minQuantity unitPrice } } }";
const PAGE: &str =
    "{ products(first: 50, search: \"SCR-1\") { edges { node { sku unitPrice } } } }";
const SET_PRICE: &str = "mutation($list: ID!, $price: Decimal!, $tier: Decimal!) { setPrice(input: { priceListId: $list, sku: \"SCR-101\", unitPrice: $price, tiers: [{ minQuantity: 10, unitPrice: $tier }] }) }";
const SET_PRICING: &str = "mutation($company: ID!, $list: ID, $discount: Decimal!) { setCompanyPricing(companyId: $company, priceListId: $list, discountPercent: $discount) }";

/// SCR-101 as `token` sees it on the product page and in the catalog page.
async fn seen(app: &TestApp, token: &str) -> (Value, Value) {
    let product = app.graphql(Some(token), PRODUCT, json!({})).await;
    assert_no_errors(&product);
    let page = app.graphql(Some(token), PAGE, json!({})).await;
    assert_no_errors(&page);
    let in_page = page["data"]["products"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|edge| edge["node"]["sku"] == "SCR-101")
        .map(|edge| edge["node"]["unitPrice"].clone())
        .unwrap_or_default();
    (product["data"]["product"].clone(), in_page)
}

async fn set_price(app: &TestApp, staff: &str, list: &str, price: &str, tier: &str) {
    let set = app
        .graphql(
            Some(staff),
            SET_PRICE,
            json!({ "list": list, "price": price, "tier": tier }),
        )
        .await;
    assert_no_errors(&set);
}

#[tokio::test]
async fn a_cached_price_follows_every_change_that_decides_it() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let list = price_list_id(&app, &staff, "Galil Hardware prices").await;
    let pricing = |list: Option<&str>, discount: &str| json!({ "company": galil, "list": list, "discount": discount });
    assert_no_errors(
        &app.graphql(Some(&staff), SET_PRICING, pricing(Some(&list), "0"))
            .await,
    );
    set_price(&app, &staff, &list, "20.00", "18.00").await;
    let (product, in_page) = seen(&app, &buyer).await; // now cached
    assert_eq!(product["unitPrice"], "20.00");
    assert_eq!(in_page, "20.00");

    // A list price and its tier.
    set_price(&app, &staff, &list, "22.00", "19.00").await;
    let (product, in_page) = seen(&app, &buyer).await;
    assert_eq!(product["unitPrice"], "22.00");
    assert_eq!(product["priceTiers"][0]["unitPrice"], "19.00");
    assert_eq!(in_page, "22.00");

    // The company's discount.
    assert_no_errors(
        &app.graphql(Some(&staff), SET_PRICING, pricing(Some(&list), "10"))
            .await,
    );
    let (product, in_page) = seen(&app, &buyer).await;
    assert_eq!(product["unitPrice"], "19.80");
    assert_eq!(in_page, "19.80");

    // Written by SQL outside the portal: the database's triggers tell the cache.
    app.db
        .execute_unprepared(&format!(
            "UPDATE price_list_items SET unit_price = 300000 \
             WHERE price_list_id = {list} AND product_id = (SELECT id FROM products WHERE sku = 'SCR-101')"
        ))
        .await
        .expect("update a price by SQL");
    let (product, in_page) = seen(&app, &buyer).await;
    assert_eq!(product["unitPrice"], "27.00", "30.00 less 10%");
    assert_eq!(in_page, "27.00");

    // The company's price list taken away: the base list's price, undiscounted.
    assert_no_errors(
        &app.graphql(Some(&staff), SET_PRICING, pricing(None, "0"))
            .await,
    );
    let base = app.graphql(Some(&staff), PRODUCT, json!({})).await;
    let (product, _) = seen(&app, &buyer).await;
    assert_eq!(product["unitPrice"], base["data"]["product"]["unitPrice"]);
    assert_ne!(product["unitPrice"], "27.00");
}

#[tokio::test]
async fn a_price_changed_through_another_instance_is_seen_at_once() {
    let first = TestApp::spawn().await;
    let second = first.second_instance().await;
    let staff = second.login("staff@demo.test").await;
    let buyer = first.login("buyer@demo.test").await;
    let list = price_list_id(&second, &staff, "Galil Hardware prices").await;
    set_price(&second, &staff, &list, "20.00", "18.00").await;
    assert_eq!(seen(&first, &buyer).await.0["unitPrice"], "20.00"); // cached on the first
    set_price(&second, &staff, &list, "23.50", "21.00").await;
    let (product, in_page) = seen(&first, &buyer).await;
    assert_eq!(product["unitPrice"], "23.50");
    assert_eq!(product["priceTiers"][0]["unitPrice"], "21.00");
    assert_eq!(in_page, "23.50");
}
