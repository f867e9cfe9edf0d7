//! The server-side cart, quick order paste, reorder and saved lists.

mod common;

use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

const CART: &str =
    "{ cart { lines { sku quantity unitPrice lineTotal available problems } subtotal vat total } }";
const ADD: &str = "mutation($lines: [CartLineInput!]!) { addToCart(lines: $lines) { cart { lines { sku quantity problems } subtotal } rejected { sku code reason } } }";

fn pasted(text: &str) -> Value {
    Value::Array(
        text.lines()
            .filter_map(|line| line.split_once(','))
            .map(|(sku, quantity)| json!({ "sku": sku.trim(), "quantity": quantity.trim().parse::<i32>().unwrap_or(0) }))
            .collect(),
    )
}

#[tokio::test]
async fn a_pasted_list_fills_the_cart_and_reports_what_it_could_not_add() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let added = app
        .graphql(Some(&buyer), ADD, json!({ "lines": pasted("SCR-101,5\nscr-102,2\nNOPE-1,3\nCBL-310,1\nSCR-101,1\nPIP-101,3\nSCR-103,0\n???,1") }))
        .await;
    assert_no_errors(&added);
    let result = &added["data"]["addToCart"];
    let mut rejected: Vec<(&str, &str)> = result["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|line| Some((line["sku"].as_str()?, line["code"].as_str()?)))
        .collect();
    rejected.sort();
    // CBL-310 is outside Galil's catalog: unknown to it, like a made-up SKU.
    assert_eq!(
        rejected,
        vec![
            ("???", "INVALID_SKU"),
            ("CBL-310", "UNKNOWN_SKU"),
            ("NOPE-1", "UNKNOWN_SKU"),
            ("SCR-103", "BAD_QUANTITY"),
        ]
    );
    let lines = result["cart"]["lines"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let scr101 = lines
        .iter()
        .find(|line| line["sku"] == "SCR-101")
        .cloned()
        .unwrap_or_default();
    assert_eq!(scr101["quantity"], 6, "repeated SKUs add up");
    let pipe = lines
        .iter()
        .find(|line| line["sku"] == "PIP-101")
        .cloned()
        .unwrap_or_default();
    assert!(
        pipe["problems"].to_string().contains("NOT_WHOLE_PACKS"),
        "{pipe}"
    );
    // The cart lives on the server: a new session sees it.
    let again = app.login("buyer@demo.test").await;
    let cart = app.graphql(Some(&again), CART, json!({})).await;
    assert_eq!(
        cart["data"]["cart"]["lines"].as_array().map(Vec::len),
        Some(3)
    );
    let subtotal: f64 = cart["data"]["cart"]["subtotal"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let sum: f64 = cart["data"]["cart"]["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|line| line["lineTotal"].as_str()?.parse::<f64>().ok())
        .sum();
    assert!((subtotal - sum).abs() < 0.001);
}

#[tokio::test]
async fn setting_a_quantity_to_zero_removes_the_line_and_bad_quantities_are_refused() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let set = "mutation($sku: String!, $quantity: Int!) { setCartLine(sku: $sku, quantity: $quantity) { lines { sku quantity } } }";
    let one = app
        .graphql(
            Some(&buyer),
            set,
            json!({ "sku": "SCR-101", "quantity": 4 }),
        )
        .await;
    assert_eq!(one["data"]["setCartLine"]["lines"][0]["quantity"], 4);
    let negative = app
        .graphql(
            Some(&buyer),
            set,
            json!({ "sku": "SCR-101", "quantity": -4 }),
        )
        .await;
    assert_eq!(error_code(&negative), Some("BAD_USER_INPUT"));
    let hidden = app
        .graphql(
            Some(&buyer),
            set,
            json!({ "sku": "CBL-310", "quantity": 1 }),
        )
        .await;
    assert_eq!(error_code(&hidden), Some("BAD_USER_INPUT"));
    let removed = app
        .graphql(
            Some(&buyer),
            set,
            json!({ "sku": "SCR-101", "quantity": 0 }),
        )
        .await;
    assert_eq!(
        removed["data"]["setCartLine"]["lines"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn reorder_and_saved_lists_refill_the_cart_and_stay_private() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let placed = app
        .graphql(Some(&buyer), "mutation { placeOrder(input: { lines: [{ sku: \"SCR-101\", quantity: 2 }, { sku: \"HT-101\", quantity: 1 }] }) { id } }", json!({}))
        .await;
    assert_no_errors(&placed);
    let order_id = placed["data"]["placeOrder"]["id"].clone();
    let reordered = app
        .graphql(Some(&approver), "mutation($id: ID!) { reorder(orderId: $id) { cart { lines { sku quantity } } rejected { sku } } }", json!({ "id": order_id }))
        .await;
    assert_no_errors(&reordered);
    assert_eq!(
        reordered["data"]["reorder"]["cart"]["lines"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let saved = app
        .graphql(
            Some(&approver),
            "mutation { saveCartAsList(name: \"Weekly\") { id name lineCount } }",
            json!({}),
        )
        .await;
    assert_eq!(saved["data"]["saveCartAsList"]["lineCount"], 2);
    let list_id = saved["data"]["saveCartAsList"]["id"].clone();
    app.graphql(Some(&approver), "mutation { clearCart }", json!({}))
        .await;
    let refilled = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { addSavedListToCart(id: $id) { cart { lines { sku } } } }",
            json!({ "id": list_id }),
        )
        .await;
    assert_eq!(
        refilled["data"]["addSavedListToCart"]["cart"]["lines"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let other = app.login("buyer@other.test").await;
    let foreign_list = app
        .graphql(
            Some(&other),
            "mutation($id: ID!) { addSavedListToCart(id: $id) { cart { lines { sku } } } }",
            json!({ "id": list_id }),
        )
        .await;
    assert_eq!(error_code(&foreign_list), Some("NOT_FOUND"));
    let foreign_order = app
        .graphql(
            Some(&other),
            "mutation($id: ID!) { reorder(orderId: $id) { rejected { sku } } }",
            json!({ "id": order_id }),
        )
        .await;
    assert_eq!(error_code(&foreign_order), Some("NOT_FOUND"));
    let lists = app
        .graphql(Some(&buyer), "{ savedLists { name } }", json!({}))
        .await;
    assert_eq!(
        lists["data"]["savedLists"].as_array().map(Vec::len),
        Some(0),
        "lists are per user"
    );
}
