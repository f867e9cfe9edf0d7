//! "Frequently bought together" for the cart and "Time to reorder" for the home page:
//! each suggestion carries its product (the caller's price and availability) and the
//! facts of its reason, which the UI words in the user's language.

use serde::Deserialize;
use serde_json::json;

use super::catalog::{PRODUCT_FIELDS, Product};
use super::{ApiError, graphql};

/// How many suggestions a panel shows.
pub const SHOWN: u32 = 5;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartSuggestion {
    pub product: Product,
    pub because_of_sku: String,
    pub because_of_name: String,
    pub orders_together: i64,
    pub confidence_percent: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReorderSuggestion {
    pub product: Product,
    pub interval_days: i64,
    pub days_since_last_order: i64,
    /// Negative when overdue.
    pub due_in_days: i64,
}

pub async fn cart_suggestions() -> Result<Vec<CartSuggestion>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        cart_suggestions: Vec<CartSuggestion>,
    }
    let query = format!(
        "query CartSuggestions($first: Int) {{ cartSuggestions(first: $first) {{ \
           product {{ {PRODUCT_FIELDS} }} becauseOfSku becauseOfName ordersTogether \
           confidencePercent }} }}"
    );
    let data: Data = graphql(&query, json!({ "first": SHOWN })).await?;
    Ok(data.cart_suggestions)
}

pub async fn reorder_suggestions() -> Result<Vec<ReorderSuggestion>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        reorder_suggestions: Vec<ReorderSuggestion>,
    }
    let query = format!(
        "query ReorderSuggestions($first: Int) {{ reorderSuggestions(first: $first) {{ \
           product {{ {PRODUCT_FIELDS} }} intervalDays daysSinceLastOrder dueInDays }} }}"
    );
    let data: Data = graphql(&query, json!({ "first": SHOWN })).await?;
    Ok(data.reorder_suggestions)
}
