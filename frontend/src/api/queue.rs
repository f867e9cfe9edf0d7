//! The supplier's order queue besides the list itself (`orders::orders` with an
//! [`OrderFilter`](super::orders::OrderFilter)): bulk moves, the count of open customer
//! requests, and an order's pick list.

use serde::Deserialize;
use serde_json::json;

use super::fulfilment::OrderAction;
use super::orders::{Order, SUMMARY_FIELDS};
use super::{ApiError, graphql};

/// The steps the queue takes for many orders at once. Shipping and returns need details
/// per order (carrier and tracking, lines and a reason): they are taken on the order page.
pub const BULK_ACTIONS: [OrderAction; 6] = [
    OrderAction::Confirm,
    OrderAction::StartPicking,
    OrderAction::Pack,
    OrderAction::Invoice,
    OrderAction::Deliver,
    OrderAction::Cancel,
];

/// Why one order of a bulk move did not move.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct MoveError {
    /// `INVALID_TRANSITION`, `CONFLICT`, `NOT_FOUND`, ...: the codes of GraphQL errors.
    pub code: String,
    /// The server's English text, shown as the detail of the code's sentence (`ApiError::detail`).
    pub message: String,
}

/// What became of one order of a bulk move: the order after the move, or the error.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MoveResult {
    pub id: String,
    #[serde(default)]
    pub order: Option<Order>,
    #[serde(default)]
    pub error: Option<MoveError>,
}

/// Takes `action` for every order of `ids`, each in its own transaction on the server.
pub async fn move_orders(ids: &[String], action: OrderAction) -> Result<Vec<MoveResult>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        move_orders: Vec<MoveResult>,
    }
    let query = format!(
        "mutation MoveOrders($ids: [ID!]!, $action: OrderAction!) {{ \
           moveOrders(ids: $ids, action: $action) {{ \
             id error {{ code message }} order {{ {SUMMARY_FIELDS} }} }} }}"
    );
    let data: Data = graphql(&query, json!({ "ids": ids, "action": action.as_str() })).await?;
    Ok(data.move_orders)
}

/// How many cancellation, change and return requests wait for the supplier's answer.
pub async fn open_order_request_count() -> Result<usize, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        open_order_request_count: usize,
    }
    let data: Data = graphql("query OpenRequests { openOrderRequestCount }", json!({})).await?;
    Ok(data.open_order_request_count)
}

/// One line of a pick list: what to take from the shelf.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PickLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    /// A unit code (`unit`, `box`, `m`, ...).
    pub unit: String,
    pub pack_size: i64,
    pub quantity: i64,
    /// Whole packs to take.
    pub packs: i64,
    pub on_hand: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PickList {
    pub order: Order,
    pub lines: Vec<PickLine>,
}

pub async fn pick_list(order_id: &str) -> Result<PickList, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        pick_list: PickList,
    }
    let query = format!(
        "query PickList($id: ID!) {{ pickList(orderId: $id) {{ \
           order {{ {SUMMARY_FIELDS} note }} \
           lines {{ sku nameHe nameEn unit packSize quantity packs onHand }} }} }}"
    );
    let data: Data = graphql(&query, json!({ "id": order_id })).await?;
    Ok(data.pick_list)
}
