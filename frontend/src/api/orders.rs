//! Orders: the list, one order, approve and reject, reorder, and what the approval page
//! needs besides the order (the caller's approval limit, the cost centres' names).
//!
//! One [`Order`] type serves every screen: the list asks for fewer fields (lines and
//! events then stay empty), the order pages and the `orderUpdated` subscription for all.

use serde::Deserialize;
use serde_json::json;
use shared::{Money, OrderStatus};

use super::cart::RejectedLine;
use super::fulfilment::{DocumentRef, OrderAction, OrderRequest};
use super::{ApiError, Connection, Page, graphql};

/// The fields the list rows, the inbox and the live updates of a list need (the
/// supplier's queue also shows the company, the channel and an open request).
pub const SUMMARY_FIELDS: &str = "id number status channel subtotal vat total createdAt \
    approvalsRequired approvals canDecide placedBy { id name } \
    approvalReasons { kind message limit overBy costCenter } \
    company { id name } availableActions requests { id kind status message requestedAt }";

/// Everything an order page shows.
pub const ORDER_FIELDS: &str = "id number status channel subtotal vat total createdAt note \
    costCenterId approvalsRequired approvals canDecide \
    approvalReasons { kind message limit overBy costCenter } \
    lines { sku nameHe nameEn quantity unitPrice lineTotal } \
    events { at kind status comment actor { id name } } \
    shipment { carrier trackingNumber trackingUrl shippedAt deliveredAt deliveryNote } \
    placedBy { id name company { id name } } company { id name } availableActions \
    requests { id kind status message reason lines { sku quantity } requestedAt decidedAt \
      decisionComment requestedBy { id name } decidedBy { id name } } \
    invoice { id number pdfUrl } creditNotes { id number pdfUrl }";

/// Orders per request of the list.
pub const PAGE_SIZE: u32 = 20;

/// The ways an order reaches the supplier (`OrderChannel`).
pub const CHANNELS: [&str; 5] = ["PORTAL", "PHONE", "EMAIL", "WHATSAPP", "API"];

/// A user as an order names them (who placed it, who took a step).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub company: Option<super::auth::CompanyRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalReason {
    /// `ABOVE_AUTO_APPROVAL`, `ABOVE_DUAL_APPROVAL`, `ABOVE_BUYER_LIMIT`, `OVER_BUDGET`.
    pub kind: String,
    /// The server's English sentence, shown for a kind this build does not know.
    pub message: String,
    #[serde(default)]
    pub limit: Option<Money>,
    #[serde(default)]
    pub over_by: Option<Money>,
    #[serde(default)]
    pub cost_center: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub line_total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OrderEvent {
    /// RFC 3339.
    pub at: String,
    /// `PLACED`, `APPROVED`, `REJECTED`, ...
    pub kind: String,
    pub status: OrderStatus,
    pub comment: String,
    #[serde(default)]
    pub actor: Option<Person>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
    #[serde(default)]
    pub tracking_url: Option<String>,
    /// RFC 3339; absent in older answers.
    #[serde(default)]
    pub shipped_at: Option<String>,
    #[serde(default)]
    pub delivered_at: Option<String>,
    #[serde(default)]
    pub delivery_note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    #[serde(default)]
    pub channel: String,
    /// Net, before VAT.
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    /// RFC 3339.
    pub created_at: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub cost_center_id: Option<String>,
    pub approvals_required: u32,
    pub approvals: u32,
    #[serde(default)]
    pub approval_reasons: Vec<ApprovalReason>,
    #[serde(default)]
    pub lines: Vec<OrderLine>,
    #[serde(default)]
    pub events: Vec<OrderEvent>,
    #[serde(default)]
    pub shipment: Option<Shipment>,
    #[serde(default)]
    pub placed_by: Option<Person>,
    /// The ordering company (the order pages ask for it).
    #[serde(default)]
    pub company: Option<super::auth::CompanyRef>,
    pub can_decide: bool,
    /// The workflow steps the caller may take now (the order pages ask for them).
    #[serde(default)]
    pub available_actions: Vec<OrderAction>,
    /// The customer's requests, oldest first.
    #[serde(default)]
    pub requests: Vec<OrderRequest>,
    #[serde(default)]
    pub invoice: Option<DocumentRef>,
    #[serde(default)]
    pub credit_notes: Vec<DocumentRef>,
}

impl Order {
    /// The number the list sorts by: newest first is highest id first.
    pub fn sort_key(&self) -> i64 {
        self.id.parse().unwrap_or(0)
    }

    pub fn buyer_name(&self) -> String {
        self.placed_by
            .as_ref()
            .map(|person| person.name.clone())
            .unwrap_or_default()
    }

    /// The request waiting for the supplier's answer, if any.
    pub fn open_request(&self) -> Option<&OrderRequest> {
        self.requests
            .iter()
            .rev()
            .find(|request| request.status == "OPEN")
    }

    /// Whether a search for an order number (`SO-000123`, `123`) or the start of a SKU
    /// may find this order, as the server's search does. An order read without its
    /// lines (a list row, a bulk move's answer) is not judged by SKU: it may be found.
    pub fn may_be_found_by(&self, search: &str) -> bool {
        let search = search.trim().to_uppercase();
        let digits = search.strip_prefix("SO-").unwrap_or(&search);
        let by_number = digits
            .parse::<u64>()
            .is_ok_and(|number| number > 0 && self.number == format!("SO-{number:06}"));
        by_number
            || self.lines.is_empty()
            || self.lines.iter().any(|line| line.sku.starts_with(&search))
    }

    /// Whether `user_id` already gave one of the approvals of this pending order.
    pub fn approved_by(&self, user_id: &str) -> bool {
        self.events.iter().any(|event| {
            event.kind == "APPROVED"
                && event
                    .actor
                    .as_ref()
                    .is_some_and(|actor| actor.id == user_id)
        })
    }
}

/// What a list of orders is narrowed to. Customers filter by status; the supplier's
/// queue uses every field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub company_id: Option<String>,
    /// Placed on or after this day, `YYYY-MM-DD` (a UTC day, as the server counts).
    pub from: Option<String>,
    /// Placed on or before this day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// `PORTAL`, `PHONE`, `EMAIL`, `WHATSAPP`, `API`.
    pub channel: Option<String>,
    /// An order number or the start of a SKU; empty for none.
    pub search: String,
    /// Only orders with (or without) an open customer request.
    pub has_open_request: Option<bool>,
}

impl OrderFilter {
    pub fn of_status(status: Option<OrderStatus>) -> OrderFilter {
        OrderFilter {
            status,
            ..OrderFilter::default()
        }
    }

    /// Whether a live change of `order` belongs in a list of this filter. The server
    /// filters the pages; this only decides where a pushed order goes.
    pub fn admits(&self, order: &Order) -> bool {
        let day = order.created_at.get(..10).unwrap_or_default();
        self.status.is_none_or(|status| status == order.status)
            && self.company_id.as_ref().is_none_or(|id| {
                order
                    .company
                    .as_ref()
                    .is_some_and(|company| &company.id == id)
            })
            && self
                .channel
                .as_ref()
                .is_none_or(|channel| channel == &order.channel)
            && self
                .has_open_request
                .is_none_or(|open| open == order.open_request().is_some())
            && self.from.as_deref().is_none_or(|from| day >= from)
            && self.to.as_deref().is_none_or(|to| day <= to)
            && (self.search.is_empty() || order.may_be_found_by(&self.search))
    }
}

/// The caller's orders, newest first, narrowed by `filter`.
pub async fn orders(
    filter: &OrderFilter,
    first: u32,
    after: Option<&str>,
) -> Result<Page<Order>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        orders: Page<Order>,
    }
    let query = format!(
        "query Orders($first: Int, $after: String, $status: OrderStatus, $companyId: ID, \
           $from: Date, $to: Date, $channel: OrderChannel, $search: String, \
           $hasOpenRequest: Boolean) {{ \
           orders(first: $first, after: $after, status: $status, companyId: $companyId, \
             from: $from, to: $to, channel: $channel, search: $search, \
             hasOpenRequest: $hasOpenRequest) {{ \
             pageInfo {{ hasNextPage endCursor }} nodes {{ {SUMMARY_FIELDS} }} }} }}"
    );
    let search = filter.search.trim();
    let variables = json!({
        "first": first,
        "after": after,
        "status": filter.status.map(OrderStatus::as_str),
        "companyId": filter.company_id,
        "from": filter.from,
        "to": filter.to,
        "channel": filter.channel,
        "search": (!search.is_empty()).then_some(search),
        "hasOpenRequest": filter.has_open_request,
    });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.orders)
}

/// One order; `None` when the caller may not see it (or it does not exist).
pub async fn order(id: &str) -> Result<Option<Order>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        order: Option<Order>,
    }
    let query = format!("query Order($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({ "id": id })).await?;
    Ok(data.order)
}

pub async fn approve(id: &str, comment: &str) -> Result<Order, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        approve_order: Order,
    }
    let query = format!(
        "mutation Approve($id: ID!, $comment: String) {{ \
           approveOrder(id: $id, comment: $comment) {{ {ORDER_FIELDS} }} }}"
    );
    let comment = comment.trim();
    let variables = json!({ "id": id, "comment": (!comment.is_empty()).then_some(comment) });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.approve_order)
}

pub async fn reject(id: &str, reason: &str) -> Result<Order, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        reject_order: Order,
    }
    let query = format!(
        "mutation Reject($id: ID!, $reason: String!) {{ \
           rejectOrder(id: $id, reason: $reason) {{ {ORDER_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "id": id, "reason": reason.trim() })).await?;
    Ok(data.reject_order)
}

/// Puts the lines of an order into the cart; returns the lines that could not be added.
pub async fn reorder(order_id: &str) -> Result<Vec<RejectedLine>, ApiError> {
    #[derive(Deserialize)]
    struct Result {
        rejected: Vec<RejectedLine>,
    }
    #[derive(Deserialize)]
    struct Data {
        reorder: Result,
    }
    let data: Data = graphql(
        "mutation Reorder($id: ID!) { reorder(orderId: $id) { rejected { sku code } } }",
        json!({ "id": order_id }),
    )
    .await?;
    Ok(data.reorder.rejected)
}

/// The signed-in approver's limit: the largest order (before VAT) they may approve.
pub async fn my_approval_limit() -> Result<Option<Money>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Me {
        #[serde(default)]
        approval_limit: Option<Money>,
    }
    #[derive(Deserialize)]
    struct Data {
        me: Me,
    }
    let data: Data = graphql("query Limit { me { approvalLimit } }", json!({})).await?;
    Ok(data.me.approval_limit)
}

/// The name of one of the caller's company's cost centres.
pub async fn cost_center_name(id: &str) -> Result<Option<String>, ApiError> {
    #[derive(Deserialize)]
    struct CostCenter {
        id: String,
        name: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        cost_centers: Vec<CostCenter>,
    }
    let data: Data = graphql("query CostCenters { costCenters { id name } }", json!({})).await?;
    Ok(data
        .cost_centers
        .into_iter()
        .find(|center| center.id == id)
        .map(|center| center.name))
}

/// How many pending orders the caller may approve or reject now (the first 100
/// pending orders are counted: more than that shows as 100).
pub async fn pending_decisions_count() -> Result<usize, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Pending {
        can_decide: bool,
    }
    #[derive(Deserialize)]
    struct Data {
        orders: Connection<Pending>,
    }
    let query = "query PendingDecisions { orders(first: 100, status: PENDING_APPROVAL) \
                 { edges { node { canDecide } } } }";
    let data: Data = graphql(query, json!({})).await?;
    Ok(data
        .orders
        .into_nodes()
        .into_iter()
        .filter(|order| order.can_decide)
        .count())
}
