//! Stock and price helpers for tests that place orders.

use serde_json::{Value, json};

use super::{TestApp, assert_no_errors};

/// What `token`'s company may order of `sku` now (-1 when it cannot see it).
pub async fn available(app: &TestApp, token: &str, sku: &str) -> i64 {
    let response = app
        .graphql(
            Some(token),
            "query($sku: String!) { product(sku: $sku) { available } }",
            json!({ "sku": sku }),
        )
        .await;
    response["data"]["product"]["available"]
        .as_i64()
        .unwrap_or(-1)
}

/// Sets the stock of `sku` so that exactly `wanted` units are available.
pub async fn set_available(app: &TestApp, staff: &str, sku: &str, wanted: i64) {
    let now = available(app, staff, sku).await;
    if now != wanted {
        let response = app
            .graphql(
                Some(staff),
                "mutation($sku: String!, $delta: Int!) { adjustStock(input: { sku: $sku, onHandDelta: $delta, reason: COUNT }) { available } }",
                json!({ "sku": sku, "delta": wanted - now }),
            )
            .await;
        assert_no_errors(&response);
    }
}

/// The quantity of `sku` (pack size 1) whose net total at `token`'s price is just above
/// `amount` ILS.
pub async fn quantity_above(app: &TestApp, token: &str, sku: &str, amount: f64) -> i64 {
    let response = app
        .graphql(
            Some(token),
            "query($sku: String!) { product(sku: $sku) { unitPrice } }",
            json!({ "sku": sku }),
        )
        .await;
    let price: f64 = response["data"]["product"]["unitPrice"]
        .as_str()
        .and_then(|price| price.parse().ok())
        .unwrap_or(1.0);
    (amount / price).floor() as i64 + 1
}

/// A `Decimal` the API sent as a string, as a number to compare (NaN when absent).
pub fn money(value: &Value) -> f64 {
    value
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or(f64::NAN)
}

/// The id of the customer company called `name`, as supplier staff read it.
pub async fn company_id(app: &TestApp, staff: &str, name: &str) -> String {
    let companies = app
        .graphql(
            Some(staff),
            "{ companies { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&companies);
    let edges = companies["data"]["companies"]["edges"].as_array();
    id_where(
        edges.into_iter().flatten().map(|edge| &edge["node"]),
        "name",
        name,
    )
}

/// The id of the price list called `name`, as supplier staff read it.
pub async fn price_list_id(app: &TestApp, staff: &str, name: &str) -> String {
    let lists = app
        .graphql(Some(staff), "{ priceLists { id name } }", json!({}))
        .await;
    assert_no_errors(&lists);
    id_where(
        lists["data"]["priceLists"].as_array().into_iter().flatten(),
        "name",
        name,
    )
}

/// The id of the category whose English name is `name_en`.
pub async fn category_id(app: &TestApp, token: &str, name_en: &str) -> String {
    let categories = app
        .graphql(Some(token), "{ categories { id nameEn } }", json!({}))
        .await;
    assert_no_errors(&categories);
    id_where(
        categories["data"]["categories"]
            .as_array()
            .into_iter()
            .flatten(),
        "nameEn",
        name_en,
    )
}

/// The `id` of the item whose `field` is `value`; the test fails when there is none.
fn id_where<'a>(items: impl IntoIterator<Item = &'a Value>, field: &str, value: &str) -> String {
    items
        .into_iter()
        .find(|item| item[field] == value)
        .and_then(|item| item["id"].as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("nothing has {field} {value:?}"))
}
