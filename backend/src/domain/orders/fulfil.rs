//! Applying the workflow (`workflow::decide`) to the database: one transaction per
//! order with the status change, its effects (stock, documents, shipment), an event
//! per status passed, the notifications and the `orderUpdated` announcement.
//!
//! Concurrent moves of one order land once: the status is changed by a conditional
//! update on the status and version read at the start; the loser gets `CONFLICT`
//! before it has written anything. Locks are always taken in one order (the order
//! row, stock rows by product id, then the document counter), so concurrent moves of
//! different orders never deadlock on PostgreSQL.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use shared::OrderStatus;

use super::read;
use super::workflow::{self, Action, Effect, Refusal, RequestKind, Transition};
use super::{Order, OrderChange, OrderScope};
use crate::domain::catalog::offers::available;
use crate::domain::error::violated_unique_constraint;
use crate::domain::invoicing::issue::{self, CreditLine};
use crate::domain::invoicing::{CreditReason, SupplierDetails};
use crate::domain::{Actor, DomainError};
use crate::entities::{
    invoice, order, order_event, order_line, order_request, shipment, stock, stock_movement,
};
use crate::events::{EventBus, StockChange};

pub const MAX_COMMENT_LENGTH: usize = 1_000;
pub const MAX_CARRIER_LENGTH: usize = 100;
pub const MAX_TRACKING_NUMBER_LENGTH: usize = 100;
pub const MAX_TRACKING_URL_LENGTH: usize = 500;
/// The most orders one bulk move takes.
pub const MAX_BULK: usize = 200;

/// Carrier and tracking, recorded when an order ships.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShipmentInput {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
}

/// What comes back in a return: the lines (all of the order when empty) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnInput {
    pub lines: Vec<ReturnLine>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub sku: String,
    pub quantity: i32,
}

/// One step asked of the workflow, with what the step needs.
#[derive(Clone, Debug, Default)]
pub struct Move {
    pub action: Option<Action>,
    /// Why, or a note for the timeline (a request's message).
    pub comment: String,
    /// Required to ship.
    pub shipment: Option<ShipmentInput>,
    /// Who signed for the goods, at delivery.
    pub delivery_note: String,
    /// Required to return (and to request a return).
    pub return_input: Option<ReturnInput>,
}

impl Move {
    pub fn new(action: Action, comment: impl Into<String>) -> Move {
        Move {
            action: Some(action),
            comment: comment.into(),
            ..Default::default()
        }
    }
}

pub struct Moved {
    pub order: Order,
    pub stock_changes: Vec<StockChange>,
    pub order_change: OrderChange,
}

/// What a transaction did, for delivery after its commit.
struct Applied {
    order_id: i64,
    stock_changes: Vec<StockChange>,
    order_change: OrderChange,
}

pub fn scope_of(actor: &Actor) -> OrderScope {
    match actor.company_id {
        Some(company) => OrderScope::Customer(company),
        None => OrderScope::Supplier,
    }
}

fn lost_race(number: &str) -> DomainError {
    DomainError::Conflict(format!(
        "Order {number} was changed by someone else at the same time; reload it"
    ))
}

fn clean(text: &str, max: usize, what: &str) -> Result<String, DomainError> {
    let text = text.trim().to_owned();
    if text.chars().count() > max {
        return Err(DomainError::bad_input(format!(
            "The {what} may have at most {max} characters"
        )));
    }
    Ok(text)
}

fn valid_shipment(input: Option<&ShipmentInput>) -> Result<ShipmentInput, DomainError> {
    let input = input.ok_or_else(|| {
        DomainError::bad_input("Shipping needs the carrier and the tracking number")
    })?;
    let carrier = clean(&input.carrier, MAX_CARRIER_LENGTH, "carrier")?;
    if carrier.is_empty() {
        return Err(DomainError::bad_input("Name the carrier"));
    }
    let tracking_number = clean(
        &input.tracking_number,
        MAX_TRACKING_NUMBER_LENGTH,
        "tracking number",
    )?;
    if tracking_number.is_empty() {
        return Err(DomainError::bad_input("Give the tracking number"));
    }
    let tracking_url = match input.tracking_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) => {
            if url.chars().count() > MAX_TRACKING_URL_LENGTH {
                return Err(DomainError::bad_input(format!(
                    "The tracking link may have at most {MAX_TRACKING_URL_LENGTH} characters"
                )));
            }
            let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
            if !scheme_ok || url.contains(char::is_whitespace) {
                return Err(DomainError::bad_input(
                    "The tracking link must be a web address starting with https://",
                ));
            }
            Some(url.to_owned())
        }
    };
    Ok(ShipmentInput {
        carrier,
        tracking_number,
        tracking_url,
    })
}

fn valid_return(
    input: Option<&ReturnInput>,
) -> Result<(CreditReason, Vec<CreditLine>), DomainError> {
    let input = input.ok_or_else(|| {
        DomainError::bad_input("A return needs a reason: WRONG_ITEM, DAMAGED or OTHER")
    })?;
    let reason = CreditReason::parse(input.reason.trim())
        .filter(|reason| *reason != CreditReason::Cancelled)
        .ok_or_else(|| {
            DomainError::bad_input("A return's reason is WRONG_ITEM, DAMAGED or OTHER")
        })?;
    if input.lines.iter().any(|line| line.quantity <= 0) {
        return Err(DomainError::bad_input(
            "Each returned line needs a quantity of at least 1",
        ));
    }
    Ok((
        reason,
        input
            .lines
            .iter()
            .map(|line| CreditLine {
                sku: line.sku.trim().to_uppercase(),
                quantity: line.quantity,
            })
            .collect(),
    ))
}

/// A return names lines of the order, each at most the quantity ordered (checked when
/// the customer asks, so an accepted request never fails on its own lines).
async fn check_returned_lines(
    txn: &DatabaseTransaction,
    order_id: i64,
    wanted: &[CreditLine],
) -> Result<(), DomainError> {
    if wanted.is_empty() {
        return Ok(());
    }
    let ordered: HashMap<String, i64> = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(order_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|line| (line.sku.to_uppercase(), i64::from(line.quantity)))
        .collect();
    let mut asked: HashMap<&str, i64> = HashMap::new();
    for line in wanted {
        *asked.entry(line.sku.as_str()).or_insert(0) += i64::from(line.quantity);
    }
    for (sku, quantity) in asked {
        match ordered.get(sku) {
            None => {
                return Err(DomainError::bad_input(format!(
                    "{sku}: the order has no such line"
                )));
            }
            Some(limit) if quantity > *limit => {
                return Err(DomainError::bad_input(format!(
                    "{sku}: at most the {limit} ordered units can be returned"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn status_of(text: &str) -> Result<OrderStatus, DomainError> {
    OrderStatus::parse(text)
        .ok_or_else(|| DomainError::internal(anyhow::anyhow!("unknown order status {text}")))
}

/// The decision of the workflow for this order, as a domain error when refused.
fn transition_for(
    row: &order::Model,
    action: Action,
    actor: &Actor,
) -> Result<Transition, DomainError> {
    let status = status_of(&row.status)?;
    workflow::decide(status, action, actor.role).map_err(|refusal| match refusal {
        Refusal::RoleNotAllowed => DomainError::Forbidden,
        Refusal::IllegalFrom { message } => {
            DomainError::InvalidTransition(format!("Order {}: {message}", row.number))
        }
    })
}

/// The order's lines in product order (the lock order of stock rows).
async fn lines_by_product(
    txn: &DatabaseTransaction,
    order_id: i64,
) -> Result<Vec<order_line::Model>, DomainError> {
    Ok(order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(order_id))
        .order_by_asc(order_line::Column::ProductId)
        .order_by_asc(order_line::Column::Id)
        .all(txn)
        .await?)
}

/// A change of stock for the lines of an order: each (product, quantity) moves on
/// hand and reserved by the signs given.
struct StockMove<'a> {
    number: &'a str,
    changes: &'a [(i64, i64)],
    on_hand_sign: i64,
    reserved_sign: i64,
    /// The movement's reason: `ORDER_CANCELLED`, `ORDER_SHIPPED`, `RETURN`.
    reason: &'a str,
}

/// Applies `stock_move`, with a movement row per product.
async fn change_stock(
    txn: &DatabaseTransaction,
    actor: &Actor,
    stock_move: StockMove<'_>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let StockMove {
        number,
        changes,
        on_hand_sign,
        reserved_sign,
        reason,
    } = stock_move;
    for (product_id, quantity) in changes {
        let mut update = stock::Entity::update_many()
            .col_expr(stock::Column::UpdatedAt, Expr::value(now))
            .filter(stock::Column::ProductId.eq(*product_id));
        if on_hand_sign != 0 {
            update = update.col_expr(
                stock::Column::OnHand,
                Expr::col(stock::Column::OnHand).add(on_hand_sign * quantity),
            );
        }
        if reserved_sign != 0 {
            update = update.col_expr(
                stock::Column::Reserved,
                Expr::col(stock::Column::Reserved).add(reserved_sign * quantity),
            );
        }
        update.exec(txn).await?;
        stock_movement::ActiveModel {
            product_id: Set(*product_id),
            on_hand_delta: Set(on_hand_sign * quantity),
            reserved_delta: Set(reserved_sign * quantity),
            reason: Set(reason.to_owned()),
            note: Set(number.to_owned()),
            actor_id: Set(Some(actor.user_id.0)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The new available quantities of `products`, for `stockChanged`.
async fn stock_changes_of(
    txn: &DatabaseTransaction,
    products: &[(i64, String)],
) -> Result<Vec<StockChange>, DomainError> {
    let ids: Vec<i64> = products.iter().map(|(id, _)| *id).collect();
    let levels = available(txn, &ids).await?;
    Ok(products
        .iter()
        .map(|(id, sku)| StockChange {
            product_id: *id,
            sku: sku.clone(),
            available: levels.get(id).copied().unwrap_or(0),
        })
        .collect())
}

async fn invoice_of(
    txn: &DatabaseTransaction,
    row: &order::Model,
) -> Result<invoice::Model, DomainError> {
    invoice::Entity::find()
        .filter(invoice::Column::OrderId.eq(row.id))
        .one(txn)
        .await?
        .ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!("order {} has no invoice", row.number))
        })
}

fn event(
    order_id: i64,
    kind: &str,
    status: OrderStatus,
    actor: &Actor,
    comment: String,
    now: DateTime<Utc>,
) -> order_event::ActiveModel {
    order_event::ActiveModel {
        order_id: Set(order_id),
        at: Set(now),
        kind: Set(kind.to_owned()),
        status: Set(status.as_str().to_owned()),
        actor_id: Set(Some(actor.user_id.0)),
        comment: Set(comment.chars().take(MAX_COMMENT_LENGTH).collect()),
        ..Default::default()
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What happens to an open request when its order moves to `to`: it stays open while
/// its kind is still possible; otherwise it was granted (the order was cancelled or
/// returned as asked) or overtaken (declined).
pub fn request_outcome(kind: RequestKind, to: OrderStatus) -> Option<bool> {
    let action = match kind {
        RequestKind::Cancel => Action::RequestCancellation,
        RequestKind::Change => Action::RequestChange,
        RequestKind::Return => Action::RequestReturn,
    };
    if action.from_statuses().contains(&to) {
        return None;
    }
    Some(matches!(
        (kind, to),
        (RequestKind::Cancel, OrderStatus::Cancelled)
            | (RequestKind::Return, OrderStatus::Returned)
    ))
}

/// Closes the open requests of the order that its new status settles.
async fn close_requests(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &order::Model,
    to: OrderStatus,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let open = order_request::Entity::find()
        .filter(order_request::Column::OrderId.eq(row.id))
        .filter(order_request::Column::Status.eq("OPEN"))
        .all(txn)
        .await?;
    for request in open {
        let Some(kind) = RequestKind::parse(&request.kind) else {
            continue;
        };
        let Some(accepted) = request_outcome(kind, to) else {
            continue;
        };
        let decision_comment = if accepted {
            comment.to_owned()
        } else {
            format!("The order is {} now", to.as_str())
        };
        decide_request_row(txn, actor, &request, accepted, &decision_comment, now).await?;
    }
    Ok(())
}

async fn decide_request_row(
    txn: &DatabaseTransaction,
    actor: &Actor,
    request: &order_request::Model,
    accepted: bool,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let updated = order_request::Entity::update_many()
        .col_expr(
            order_request::Column::Status,
            Expr::value(if accepted { "ACCEPTED" } else { "DECLINED" }),
        )
        .col_expr(
            order_request::Column::DecidedBy,
            Expr::value(Some(actor.user_id.0)),
        )
        .col_expr(order_request::Column::DecidedAt, Expr::value(Some(now)))
        .col_expr(
            order_request::Column::DecisionComment,
            Expr::value(comment.chars().take(MAX_COMMENT_LENGTH).collect::<String>()),
        )
        .filter(order_request::Column::Id.eq(request.id))
        .filter(order_request::Column::Status.eq("OPEN"))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict(
            "The request was decided by someone else at the same time; reload it".to_owned(),
        ));
    }
    crate::notifications::on_request_decided(
        txn,
        request.order_id,
        request.requested_by,
        actor.user_id.0,
        &request.kind,
        accepted,
        comment,
    )
    .await
}

/// Loads the order if the caller's scope may see it.
async fn visible_order(
    txn: &DatabaseTransaction,
    actor: &Actor,
    order_id: i64,
) -> Result<order::Model, DomainError> {
    order::Entity::find_by_id(order_id)
        .filter(read::scope_condition(scope_of(actor)))
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("order"))
}

/// Bumps the order's version (and sets its status) if nobody changed it since `row`
/// was read.
async fn claim(
    txn: &DatabaseTransaction,
    row: &order::Model,
    to: OrderStatus,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let updated = order::Entity::update_many()
        .col_expr(order::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            order::Column::Version,
            Expr::col(order::Column::Version).add(1),
        )
        .col_expr(order::Column::UpdatedAt, Expr::value(now))
        .filter(order::Column::Id.eq(row.id))
        .filter(order::Column::Status.eq(row.status.as_str()))
        .filter(order::Column::Version.eq(row.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(lost_race(&row.number));
    }
    Ok(())
}

/// Applies `request` to the order inside `txn`.
async fn apply_in(
    txn: &DatabaseTransaction,
    events: &EventBus,
    supplier: &SupplierDetails,
    actor: &Actor,
    order_id: i64,
    request: &Move,
) -> Result<Applied, DomainError> {
    let action = request
        .action
        .ok_or_else(|| DomainError::bad_input("Say which step to take"))?;
    let comment = clean(&request.comment, MAX_COMMENT_LENGTH, "comment")?;
    let delivery_note = clean(&request.delivery_note, 300, "delivery note")?;
    let row = visible_order(txn, actor, order_id).await?;
    let transition = transition_for(&row, action, actor)?;
    // Every input is checked before anything is written.
    let shipment = if transition.has(Effect::RecordShipment) {
        Some(valid_shipment(request.shipment.as_ref())?)
    } else {
        None
    };
    let returned = match action {
        Action::Return | Action::RequestReturn => {
            let (reason, wanted) = valid_return(request.return_input.as_ref())?;
            check_returned_lines(txn, row.id, &wanted).await?;
            Some((reason, wanted))
        }
        _ => None,
    };
    if matches!(action, Action::RequestChange | Action::RequestCancellation) && comment.is_empty() {
        return Err(DomainError::bad_input(match action {
            Action::RequestChange => "Say what should change",
            _ => "Say why the order should be cancelled",
        }));
    }
    let now = Utc::now();
    let to = transition.to();
    claim(txn, &row, to, now).await?;

    let mut stock_changes = Vec::new();
    let mut notes: HashMap<OrderStatus, String> = HashMap::new();
    let mut detail = String::new();
    let lines = if transition.has(Effect::ReleaseReservation)
        || transition.has(Effect::ConsumeStock)
        || transition.has(Effect::RestockAndCreditReturn)
    {
        lines_by_product(txn, row.id).await?
    } else {
        Vec::new()
    };
    let whole_order: Vec<(i64, i64)> = lines
        .iter()
        .map(|line| (line.product_id, i64::from(line.quantity)))
        .collect();
    let products: Vec<(i64, String)> = lines
        .iter()
        .map(|line| (line.product_id, line.sku.clone()))
        .collect();

    for effect in &transition.effects {
        match effect {
            Effect::ReleaseReservation => {
                let release = StockMove {
                    number: &row.number,
                    changes: &whole_order,
                    on_hand_sign: 0,
                    reserved_sign: -1,
                    reason: "ORDER_CANCELLED",
                };
                change_stock(txn, actor, release, now).await?;
                stock_changes.extend(stock_changes_of(txn, &products).await?);
            }
            Effect::ConsumeStock => {
                let consume = StockMove {
                    number: &row.number,
                    changes: &whole_order,
                    on_hand_sign: -1,
                    reserved_sign: -1,
                    reason: "ORDER_SHIPPED",
                };
                change_stock(txn, actor, consume, now).await?;
            }
            Effect::IssueInvoice => {
                let issued =
                    issue::invoice_order(txn, supplier, &row, Some(actor.user_id.0), now).await?;
                detail = format!("Invoice {}", issued.number);
                notes.insert(OrderStatus::Invoiced, detail.clone());
            }
            Effect::CreditWholeInvoice => {
                let invoice = invoice_of(txn, &row).await?;
                let (note, _) = issue::credit_note(
                    txn,
                    &invoice,
                    None,
                    CreditReason::Cancelled,
                    &comment,
                    Some(actor.user_id.0),
                    now,
                )
                .await?;
                detail = format!("Credit note {}", note.number);
                notes.insert(OrderStatus::Cancelled, detail.clone());
            }
            Effect::RestockAndCreditReturn => {
                let (reason, wanted) = returned.clone().ok_or_else(|| {
                    DomainError::bad_input("A return needs a reason: WRONG_ITEM, DAMAGED or OTHER")
                })?;
                let invoice = invoice_of(txn, &row).await?;
                let wanted = (!wanted.is_empty()).then_some(wanted);
                let (note, credited) = issue::credit_note(
                    txn,
                    &invoice,
                    wanted.as_deref(),
                    reason,
                    &comment,
                    Some(actor.user_id.0),
                    now,
                )
                .await?;
                let product_of: HashMap<&str, i64> = lines
                    .iter()
                    .map(|line| (line.sku.as_str(), line.product_id))
                    .collect();
                let mut back: Vec<(i64, i64)> = credited
                    .iter()
                    .filter_map(|line| {
                        product_of
                            .get(line.sku.as_str())
                            .map(|product| (*product, i64::from(line.quantity)))
                    })
                    .collect();
                back.sort_unstable();
                let restock = StockMove {
                    number: &row.number,
                    changes: &back,
                    on_hand_sign: 1,
                    reserved_sign: 0,
                    reason: "RETURN",
                };
                change_stock(txn, actor, restock, now).await?;
                let returned_products: Vec<(i64, String)> = products
                    .iter()
                    .filter(|(id, _)| back.iter().any(|(product, _)| product == id))
                    .cloned()
                    .collect();
                stock_changes.extend(stock_changes_of(txn, &returned_products).await?);
                detail = format!("Credit note {} ({})", note.number, reason.as_str());
                notes.insert(OrderStatus::Returned, detail.clone());
            }
            Effect::RecordShipment => {
                if let Some(shipment) = &shipment {
                    shipment::ActiveModel {
                        order_id: Set(row.id),
                        carrier: Set(shipment.carrier.clone()),
                        tracking_number: Set(shipment.tracking_number.clone()),
                        tracking_url: Set(shipment.tracking_url.clone()),
                        shipped_at: Set(now),
                        shipped_by: Set(actor.user_id.0),
                        delivered_at: Set(None),
                        delivered_by: Set(None),
                        delivery_note: Set(String::new()),
                    }
                    .insert(txn)
                    .await?;
                    detail = join(&[
                        &shipment.carrier,
                        &shipment.tracking_number,
                        shipment.tracking_url.as_deref().unwrap_or_default(),
                    ]);
                    notes.insert(OrderStatus::Shipped, detail.clone());
                }
            }
            Effect::RecordDelivery => {
                shipment::Entity::update_many()
                    .col_expr(shipment::Column::DeliveredAt, Expr::value(Some(now)))
                    .col_expr(
                        shipment::Column::DeliveredBy,
                        Expr::value(Some(actor.user_id.0)),
                    )
                    .col_expr(
                        shipment::Column::DeliveryNote,
                        Expr::value(delivery_note.clone()),
                    )
                    .filter(shipment::Column::OrderId.eq(row.id))
                    .exec(txn)
                    .await?;
                if !delivery_note.is_empty() {
                    notes.insert(OrderStatus::Delivered, delivery_note.clone());
                }
            }
            Effect::OpenRequest(kind) => {
                let lines_json = match &request.return_input {
                    Some(input) if *kind == RequestKind::Return => {
                        serde_json::to_string(&input.lines).unwrap_or_else(|_| "[]".to_owned())
                    }
                    _ => "[]".to_owned(),
                };
                let reason = returned
                    .as_ref()
                    .map(|(reason, _)| reason.as_str().to_owned());
                let inserted = order_request::ActiveModel {
                    order_id: Set(row.id),
                    kind: Set(kind.as_str().to_owned()),
                    status: Set("OPEN".to_owned()),
                    message: Set(comment.clone()),
                    reason: Set(reason),
                    lines: Set(lines_json),
                    requested_by: Set(actor.user_id.0),
                    requested_at: Set(now),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    decision_comment: Set(String::new()),
                    ..Default::default()
                }
                .insert(txn)
                .await;
                match inserted {
                    Ok(_) => {}
                    Err(error) if violated_unique_constraint(&error).is_some() => {
                        return Err(DomainError::Conflict(format!(
                            "Order {} already has an open request; wait for the supplier's answer",
                            row.number
                        )));
                    }
                    Err(error) => return Err(error.into()),
                }
                let kind_name = match kind {
                    RequestKind::Cancel => "CANCELLATION_REQUESTED",
                    RequestKind::Change => "CHANGE_REQUESTED",
                    RequestKind::Return => "RETURN_REQUESTED",
                };
                event(row.id, kind_name, to, actor, comment.clone(), now)
                    .insert(txn)
                    .await?;
                crate::notifications::on_request_opened(
                    txn,
                    row.id,
                    actor.user_id.0,
                    kind.as_str(),
                    &comment,
                )
                .await?;
            }
            Effect::NotifyBuyer => {}
        }
    }
    if to == OrderStatus::Cancelled {
        // A cancelled order is no longer evidence for suggestions. After the stock
        // changes: placing locks stock rows first, then the company's row.
        crate::domain::suggestions::counts::forget_order(txn, &row).await?;
    }
    // One event per status passed, in order.
    for (index, step) in transition.steps.iter().enumerate() {
        let own = if index == 0 { comment.as_str() } else { "" };
        let note = notes.get(step).map(String::as_str).unwrap_or_default();
        event(row.id, step.as_str(), *step, actor, join(&[note, own]), now)
            .insert(txn)
            .await?;
    }
    if !transition.steps.is_empty() {
        close_requests(txn, actor, &row, to, &comment, now).await?;
        crate::webhooks::on_order_status_changed(txn, row.id, status_of(&row.status)?, to).await?;
    }
    if transition.has(Effect::NotifyBuyer) {
        crate::notifications::on_order_moved(txn, row.id, actor.user_id.0, &comment, detail)
            .await?;
    }
    let order_change = OrderChange {
        order_id: row.id,
        company_id: row.company_id,
        status: to.as_str().to_owned(),
    };
    events.announce_in(txn, &stock_changes).await?;
    events.announce_order_in(txn, &order_change).await?;
    Ok(Applied {
        order_id: row.id,
        stock_changes,
        order_change,
    })
}

async fn finish(
    db: &DatabaseConnection,
    actor: &Actor,
    txn: DatabaseTransaction,
    applied: Applied,
) -> Result<Moved, DomainError> {
    txn.commit().await.map_err(|error| {
        tracing::warn!(%error, "commit of an order move failed");
        DomainError::Conflict("The order was changed at the same time; reload it".to_owned())
    })?;
    let order = read::get(db, scope_of(actor), applied.order_id).await?;
    Ok(Moved {
        order,
        stock_changes: applied.stock_changes,
        order_change: applied.order_change,
    })
}

/// Takes one step of the workflow for one order, in one transaction.
pub async fn move_order(
    db: &DatabaseConnection,
    events: &EventBus,
    supplier: &SupplierDetails,
    actor: &Actor,
    order_id: i64,
    request: &Move,
) -> Result<Moved, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let applied = apply_in(&txn, events, supplier, actor, order_id, request).await?;
    finish(db, actor, txn, applied).await
}

/// Takes the same step for many orders, each in its own transaction: one order that
/// cannot move does not hold the others back. Results come in the order of `ids`.
pub async fn move_orders(
    db: &DatabaseConnection,
    events: &EventBus,
    supplier: &SupplierDetails,
    actor: &Actor,
    ids: &[i64],
    request: &Move,
) -> Result<Vec<(i64, Result<Moved, DomainError>)>, DomainError> {
    if ids.is_empty() {
        return Err(DomainError::bad_input("Choose at least one order"));
    }
    if ids.len() > MAX_BULK {
        return Err(DomainError::bad_input(format!(
            "At most {MAX_BULK} orders can be moved at once"
        )));
    }
    let mut results = Vec::with_capacity(ids.len());
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            continue;
        }
        let result = move_order(db, events, supplier, actor, *id, request).await;
        results.push((*id, result));
    }
    Ok(results)
}

/// How many customer requests wait for the supplier (the queue's alert badge).
pub async fn open_request_count(db: &DatabaseConnection) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(order_request::Entity::find()
        .filter(order_request::Column::Status.eq("OPEN"))
        .count(db)
        .await?)
}

/// A customer's request, as the supplier sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderRequest {
    pub id: i64,
    pub order_id: i64,
    pub kind: RequestKind,
    pub status: String,
    pub message: String,
    pub reason: Option<String>,
    pub lines: Vec<ReturnLine>,
    pub requested_by: i64,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_comment: String,
}

impl TryFrom<order_request::Model> for OrderRequest {
    type Error = DomainError;

    fn try_from(row: order_request::Model) -> Result<OrderRequest, DomainError> {
        Ok(OrderRequest {
            kind: RequestKind::parse(&row.kind).ok_or_else(|| {
                DomainError::internal(anyhow::anyhow!("unknown request kind {}", row.kind))
            })?,
            lines: serde_json::from_str(&row.lines).unwrap_or_default(),
            id: row.id,
            order_id: row.order_id,
            status: row.status,
            message: row.message,
            reason: row.reason,
            requested_by: row.requested_by,
            requested_at: row.requested_at,
            decided_by: row.decided_by,
            decided_at: row.decided_at,
            decision_comment: row.decision_comment,
        })
    }
}

async fn open_request(
    txn: &DatabaseTransaction,
    actor: &Actor,
    request_id: i64,
) -> Result<(order_request::Model, order::Model), DomainError> {
    let request = order_request::Entity::find_by_id(request_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("request"))?;
    // The supplier sees the request of every order it sees.
    let row = visible_order(txn, actor, request.order_id)
        .await
        .map_err(|_| DomainError::NotFound("request"))?;
    if request.status != "OPEN" {
        return Err(DomainError::Conflict(format!(
            "This request was already {}",
            request.status.to_lowercase()
        )));
    }
    Ok((request, row))
}

/// Accepts a customer's request in one step: a cancellation cancels the order (and
/// releases its stock at once, or credits its invoice), a return restocks the lines
/// and credits them, a change is acknowledged for staff to carry out.
pub async fn accept_request(
    db: &DatabaseConnection,
    events: &EventBus,
    supplier: &SupplierDetails,
    actor: &Actor,
    request_id: i64,
    comment: &str,
) -> Result<Moved, DomainError> {
    let comment = clean(comment, MAX_COMMENT_LENGTH, "comment")?;
    let txn = crate::db::begin_write(db).await?;
    let (request, row) = open_request(&txn, actor, request_id).await?;
    let kind = RequestKind::parse(&request.kind)
        .ok_or_else(|| DomainError::internal(anyhow::anyhow!("unknown request kind")))?;
    let applied = match kind {
        RequestKind::Cancel => {
            let step = Move::new(Action::Cancel, join(&[&request.message, &comment]));
            apply_in(&txn, events, supplier, actor, row.id, &step).await?
        }
        RequestKind::Return => {
            let lines: Vec<ReturnLine> = serde_json::from_str(&request.lines).unwrap_or_default();
            let step = Move {
                action: Some(Action::Return),
                comment: join(&[&request.message, &comment]),
                return_input: Some(ReturnInput {
                    lines,
                    reason: request.reason.clone().unwrap_or_else(|| "OTHER".to_owned()),
                }),
                ..Default::default()
            };
            apply_in(&txn, events, supplier, actor, row.id, &step).await?
        }
        RequestKind::Change => {
            respond_without_moving(&txn, events, actor, &request, &row, true, &comment).await?
        }
    };
    finish(db, actor, txn, applied).await
}

/// Declines a customer's request, with a reason the customer sees.
pub async fn decline_request(
    db: &DatabaseConnection,
    events: &EventBus,
    actor: &Actor,
    request_id: i64,
    comment: &str,
) -> Result<Moved, DomainError> {
    let comment = clean(comment, MAX_COMMENT_LENGTH, "comment")?;
    if comment.is_empty() {
        return Err(DomainError::bad_input("Say why the request is declined"));
    }
    let txn = crate::db::begin_write(db).await?;
    let (request, row) = open_request(&txn, actor, request_id).await?;
    let applied =
        respond_without_moving(&txn, events, actor, &request, &row, false, &comment).await?;
    finish(db, actor, txn, applied).await
}

async fn respond_without_moving(
    txn: &DatabaseTransaction,
    events: &EventBus,
    actor: &Actor,
    request: &order_request::Model,
    row: &order::Model,
    accepted: bool,
    comment: &str,
) -> Result<Applied, DomainError> {
    let now = Utc::now();
    let status = status_of(&row.status)?;
    claim(txn, row, status, now).await?;
    decide_request_row(txn, actor, request, accepted, comment, now).await?;
    let kind = if accepted {
        "REQUEST_ACCEPTED"
    } else {
        "REQUEST_DECLINED"
    };
    event(
        row.id,
        kind,
        status,
        actor,
        join(&[&request.kind, comment]),
        now,
    )
    .insert(txn)
    .await?;
    let order_change = OrderChange {
        order_id: row.id,
        company_id: row.company_id,
        status: status.as_str().to_owned(),
    };
    events.announce_order_in(txn, &order_change).await?;
    Ok(Applied {
        order_id: row.id,
        stock_changes: Vec::new(),
        order_change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_stay_open_while_still_possible_and_close_when_settled() {
        assert_eq!(
            request_outcome(RequestKind::Cancel, OrderStatus::Picking),
            None
        );
        assert_eq!(
            request_outcome(RequestKind::Cancel, OrderStatus::Cancelled),
            Some(true)
        );
        assert_eq!(
            request_outcome(RequestKind::Cancel, OrderStatus::Shipped),
            Some(false)
        );
        assert_eq!(
            request_outcome(RequestKind::Change, OrderStatus::Invoiced),
            Some(false)
        );
        assert_eq!(
            request_outcome(RequestKind::Return, OrderStatus::Delivered),
            None
        );
        assert_eq!(
            request_outcome(RequestKind::Return, OrderStatus::Returned),
            Some(true)
        );
    }

    #[test]
    fn a_shipment_needs_carrier_tracking_and_a_web_link() {
        let input = |carrier: &str, number: &str, url: Option<&str>| ShipmentInput {
            carrier: carrier.to_owned(),
            tracking_number: number.to_owned(),
            tracking_url: url.map(str::to_owned),
        };
        assert!(valid_shipment(None).is_err());
        assert!(valid_shipment(Some(&input("", "1", None))).is_err());
        assert!(valid_shipment(Some(&input("UPS", " ", None))).is_err());
        assert!(valid_shipment(Some(&input("UPS", "1Z", Some("javascript:alert(1)")))).is_err());
        let ok = valid_shipment(Some(&input(" UPS ", "1Z", Some("https://ups.example/1Z"))));
        assert_eq!(
            ok.map(|shipment| shipment.carrier).ok().as_deref(),
            Some("UPS")
        );
        let empty_link = valid_shipment(Some(&input("UPS", "1Z", Some(""))));
        assert_eq!(
            empty_link.ok().and_then(|shipment| shipment.tracking_url),
            None
        );
    }

    #[test]
    fn a_return_needs_a_reason_other_than_cancellation() {
        let input = |reason: &str| ReturnInput {
            lines: vec![],
            reason: reason.to_owned(),
        };
        assert!(valid_return(Some(&input("DAMAGED"))).is_ok());
        assert!(valid_return(Some(&input("CANCELLED"))).is_err());
        assert!(valid_return(Some(&input("BROKEN"))).is_err());
        assert!(valid_return(None).is_err());
    }
}
