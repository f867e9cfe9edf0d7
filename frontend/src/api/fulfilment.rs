//! The order workflow after approval: the steps staff take (confirm, pick, pack, ship,
//! deliver, cancel, return), the requests customers make (cancel, change, return) and
//! the supplier's answer to them. Every call answers with the whole order, so the page
//! shows its new state at once.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::orders::ORDER_FIELDS;
use super::{ApiError, graphql};
use crate::api::orders::Order;

/// A step of the workflow the server offers in `Order.availableActions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderAction {
    Confirm,
    StartPicking,
    Pack,
    Invoice,
    Ship,
    Deliver,
    Cancel,
    Return,
    RequestCancellation,
    RequestChange,
    RequestReturn,
    /// A step this build does not know yet: not offered.
    #[serde(other)]
    Unknown,
}

impl OrderAction {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderAction::Confirm => "CONFIRM",
            OrderAction::StartPicking => "START_PICKING",
            OrderAction::Pack => "PACK",
            OrderAction::Invoice => "INVOICE",
            OrderAction::Ship => "SHIP",
            OrderAction::Deliver => "DELIVER",
            OrderAction::Cancel => "CANCEL",
            OrderAction::Return => "RETURN",
            OrderAction::RequestCancellation => "REQUEST_CANCELLATION",
            OrderAction::RequestChange => "REQUEST_CHANGE",
            OrderAction::RequestReturn => "REQUEST_RETURN",
            OrderAction::Unknown => "UNKNOWN",
        }
    }

    /// Whether the step is taken with one click; the others ask for details first
    /// (carrier and tracking, a reason, the returned lines) or, like cancelling, for
    /// a confirmation.
    pub fn is_one_click(self) -> bool {
        matches!(
            self,
            OrderAction::Confirm
                | OrderAction::StartPicking
                | OrderAction::Pack
                | OrderAction::Invoice
        )
    }
}

/// Why goods come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReturnReason {
    WrongItem,
    Damaged,
    Other,
}

impl ReturnReason {
    pub const ALL: [ReturnReason; 3] = [
        ReturnReason::WrongItem,
        ReturnReason::Damaged,
        ReturnReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnReason::WrongItem => "WRONG_ITEM",
            ReturnReason::Damaged => "DAMAGED",
            ReturnReason::Other => "OTHER",
        }
    }

    pub fn parse(text: &str) -> Option<ReturnReason> {
        ReturnReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == text)
    }
}

/// A returned quantity of one SKU.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ReturnLine {
    pub sku: String,
    pub quantity: i64,
}

/// A customer's request on an order and the supplier's answer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    pub id: String,
    /// `CANCEL`, `CHANGE` or `RETURN`.
    pub kind: String,
    /// `OPEN`, `ACCEPTED` or `DECLINED`.
    pub status: String,
    pub message: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub lines: Vec<ReturnLine>,
    pub requested_at: String,
    #[serde(default)]
    pub decided_at: Option<String>,
    #[serde(default)]
    pub decision_comment: String,
    #[serde(default)]
    pub requested_by: Option<super::orders::Person>,
    #[serde(default)]
    pub decided_by: Option<super::orders::Person>,
}

/// An invoice or credit note of an order, with a signed link to its PDF.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRef {
    pub id: String,
    pub number: String,
    pub pdf_url: String,
}

/// The carrier and tracking given when an order is shipped.
pub struct ShipmentInput {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
}

/// Runs one mutation that answers with the order, under its field name.
async fn mutate(
    field: &str,
    signature: &str,
    arguments: &str,
    variables: Value,
) -> Result<Order, ApiError> {
    let query =
        format!("mutation Step({signature}) {{ {field}({arguments}) {{ {ORDER_FIELDS} }} }}");
    let mut data: serde_json::Map<String, Value> = graphql(&query, variables).await?;
    let order = data.remove(field).unwrap_or(Value::Null);
    decode(order)
}

fn decode<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|_| ApiError::InvalidResponse)
}

/// An empty text is sent as no text.
fn optional(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

fn return_lines(lines: &[ReturnLine]) -> Option<Value> {
    (!lines.is_empty()).then(|| {
        lines
            .iter()
            .map(|line| json!({ "sku": line.sku, "quantity": line.quantity }))
            .collect()
    })
}

/// A step without details: confirm, start picking, pack (and invoice), invoice,
/// cancel, or confirm the delivery with an optional note.
pub async fn move_order(id: &str, action: OrderAction, comment: &str) -> Result<Order, ApiError> {
    mutate(
        "moveOrder",
        "$id: ID!, $action: OrderAction!, $comment: String",
        "id: $id, action: $action, comment: $comment",
        json!({ "id": id, "action": action.as_str(), "comment": optional(comment) }),
    )
    .await
}

pub async fn ship_order(id: &str, shipment: &ShipmentInput) -> Result<Order, ApiError> {
    mutate(
        "shipOrder",
        "$id: ID!, $shipment: ShipmentInputNode!",
        "id: $id, shipment: $shipment",
        json!({
            "id": id,
            "shipment": {
                "carrier": shipment.carrier.trim(),
                "trackingNumber": shipment.tracking_number.trim(),
                "trackingUrl": shipment.tracking_url.as_deref().and_then(optional),
            },
        }),
    )
    .await
}

pub async fn confirm_delivery(id: &str, note: &str) -> Result<Order, ApiError> {
    mutate(
        "confirmDelivery",
        "$id: ID!, $note: String",
        "id: $id, deliveryNote: $note",
        json!({ "id": id, "note": optional(note) }),
    )
    .await
}

/// Staff record goods coming back; no lines means the whole order.
pub async fn return_order(
    id: &str,
    reason: ReturnReason,
    lines: &[ReturnLine],
    comment: &str,
) -> Result<Order, ApiError> {
    mutate(
        "returnOrder",
        "$id: ID!, $reason: ReturnReason!, $lines: [ReturnLineInput!], $comment: String",
        "id: $id, reason: $reason, lines: $lines, comment: $comment",
        json!({
            "id": id,
            "reason": reason.as_str(),
            "lines": return_lines(lines),
            "comment": optional(comment),
        }),
    )
    .await
}

pub async fn request_cancellation(id: &str, reason: &str) -> Result<Order, ApiError> {
    mutate(
        "requestOrderCancellation",
        "$id: ID!, $reason: String!",
        "id: $id, reason: $reason",
        json!({ "id": id, "reason": reason.trim() }),
    )
    .await
}

pub async fn request_change(id: &str, message: &str) -> Result<Order, ApiError> {
    mutate(
        "requestOrderChange",
        "$id: ID!, $message: String!",
        "id: $id, message: $message",
        json!({ "id": id, "message": message.trim() }),
    )
    .await
}

/// A customer asks to send goods back; no lines means the whole order.
pub async fn request_return(
    id: &str,
    reason: ReturnReason,
    lines: &[ReturnLine],
    message: &str,
) -> Result<Order, ApiError> {
    mutate(
        "requestReturn",
        "$id: ID!, $reason: ReturnReason!, $lines: [ReturnLineInput!], $message: String",
        "id: $id, reason: $reason, lines: $lines, message: $message",
        json!({
            "id": id,
            "reason": reason.as_str(),
            "lines": return_lines(lines),
            "message": optional(message),
        }),
    )
    .await
}

/// Staff accept the open request of an order (by the request's id).
pub async fn accept_request(request_id: &str) -> Result<Order, ApiError> {
    mutate(
        "acceptOrderRequest",
        "$id: ID!",
        "id: $id",
        json!({ "id": request_id }),
    )
    .await
}

pub async fn decline_request(request_id: &str, reason: &str) -> Result<Order, ApiError> {
    mutate(
        "declineOrderRequest",
        "$id: ID!, $reason: String!",
        "id: $id, reason: $reason",
        json!({ "id": request_id, "reason": reason.trim() }),
    )
    .await
}
