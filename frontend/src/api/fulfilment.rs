//! The order workflow after approval: the steps staff take (confirm, pick, pack, ship,
//! deliver, cancel, return), the requests customers make (cancel, change, return) and
//! the supplier's answer to them.

use serde::Deserialize;

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
}

/// A customer's request on an order and the supplier's answer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    /// `CANCEL`, `CHANGE` or `RETURN`.
    pub kind: String,
    /// `OPEN`, `ACCEPTED` or `DECLINED`.
    pub status: String,
    pub message: String,
    /// RFC 3339.
    pub requested_at: String,
}
