//! Orders (rules 1, 2, 5 and 6 of the domain): placing them with reserved stock,
//! the approval workflow inside the customer's portal, and reading them, scoped.

pub mod decide;
pub mod fulfil;
pub mod ingest;
pub mod place;
pub mod read;
pub mod workflow;

use chrono::{DateTime, Utc};
use shared::{CompanyId, Money, OrderStatus, UserId};

use super::approval::ApprovalReason;

/// Who may see which orders: a company its own, the supplier every order that has
/// left the customer's approval (never `PENDING_APPROVAL` or `REJECTED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderScope {
    Supplier,
    Customer(CompanyId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub quantity: i32,
    pub unit_price: Money,
    pub line_total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderEvent {
    pub at: DateTime<Utc>,
    /// `PLACED`, `APPROVED`, `REJECTED`, ...
    pub kind: String,
    /// The status after the event.
    pub status: OrderStatus,
    pub actor: Option<UserId>,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub id: i64,
    pub number: String,
    pub company_id: CompanyId,
    pub placed_by: UserId,
    pub status: OrderStatus,
    pub channel: String,
    pub cost_center_id: Option<i64>,
    pub note: String,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    pub approvals_required: u8,
    pub approvers: Vec<UserId>,
    pub reasons: Vec<ApprovalReason>,
    pub created_at: DateTime<Utc>,
    pub lines: Vec<OrderLine>,
    pub events: Vec<OrderEvent>,
    /// Filled in when the order ships.
    pub shipment: Option<Shipment>,
    /// The customer's requests on the order (cancel, change, return), oldest first.
    pub requests: Vec<fulfil::OrderRequest>,
}

/// How an order travels: recorded at `SHIPPED`, completed at `DELIVERED`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
    pub shipped_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub delivery_note: String,
}

/// The statuses whose totals count as open commitments for the credit check.
pub const OPEN_STATUSES: [OrderStatus; 5] = [
    OrderStatus::PendingApproval,
    OrderStatus::Submitted,
    OrderStatus::Confirmed,
    OrderStatus::Picking,
    OrderStatus::Packed,
];

/// A change of an order, for `orderUpdated`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderChange {
    pub order_id: i64,
    pub company_id: i64,
    pub status: String,
}
