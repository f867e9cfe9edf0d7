//! Notifications of the approval chain (rule 2): approvers hear at once that an order
//! waits for them, buyers hear the decision. Each notification is an in-app row
//! (`inbox`) and an e-mail (`queue` → `worker` → `mail`).
//!
//! **Architecture invariant:** a notification is written in the same transaction as
//! the order change it reports, and so is its e-mail job: an order that rolls back
//! notifies nobody, a committed one always has its notifications and e-mails. The
//! approval code calls two hooks, [`on_order_placed`] and [`on_order_decided`],
//! inside its transaction, and the fulfilment workflow three more
//! ([`on_order_moved`], [`on_request_opened`], [`on_request_decided`]); everything
//! else lives here.
//!
//! E-mail is delivered by a durable job queue in the database (apalis, on SQLite or
//! PostgreSQL): one worker per server instance, and the storage hands each job to one
//! worker even when several instances share a database. Delivery is at least once: a
//! worker that dies after the SMTP server accepted a message but before the job was
//! acknowledged sends it again when the job is recovered.

pub mod inbox;
pub mod mail;
pub mod messages;
pub mod queue;
pub mod worker;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use shared::{Language, OrderStatus, Role};

use self::messages::OrderFacts;
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::approval::ApprovalReason;
use crate::entities::{order, order_event, user};

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// An order of the approver's company waits for approval (to each eligible approver).
    ApprovalNeeded,
    /// The buyer's order was fully approved and went to the supplier.
    OrderApproved,
    /// The buyer's order was rejected, with a reason.
    OrderRejected,
    /// The supplier moved the buyer's order on: confirmed, invoiced, shipped (with the
    /// tracking link), delivered, cancelled or returned.
    OrderStatusChanged,
    /// A customer asked to cancel, change or return an order (to every staff member).
    OrderRequestOpened,
    /// The supplier accepted or declined the customer's request (to its requester).
    OrderRequestDecided,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 6] = [
        NotificationKind::ApprovalNeeded,
        NotificationKind::OrderApproved,
        NotificationKind::OrderRejected,
        NotificationKind::OrderStatusChanged,
        NotificationKind::OrderRequestOpened,
        NotificationKind::OrderRequestDecided,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ApprovalNeeded => "APPROVAL_NEEDED",
            NotificationKind::OrderApproved => "ORDER_APPROVED",
            NotificationKind::OrderRejected => "ORDER_REJECTED",
            NotificationKind::OrderStatusChanged => "ORDER_STATUS_CHANGED",
            NotificationKind::OrderRequestOpened => "ORDER_REQUEST_OPENED",
            NotificationKind::OrderRequestDecided => "ORDER_REQUEST_DECIDED",
        }
    }

    pub fn parse(name: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// One recipient of a notification.
struct Recipient {
    user_id: i64,
    name: String,
    email: String,
    language: Language,
}

impl From<user::Model> for Recipient {
    fn from(row: user::Model) -> Recipient {
        Recipient {
            user_id: row.id,
            language: Language::parse(&row.language).unwrap_or_default(),
            name: row.name,
            email: row.email,
        }
    }
}

/// Writes the in-app notification and queues its e-mail, both in `txn`.
async fn notify(
    txn: &impl ConnectionTrait,
    kind: NotificationKind,
    recipient: Recipient,
    facts: &OrderFacts,
) -> Result<(), DomainError> {
    let notification_id =
        inbox::insert(txn, kind, recipient.user_id, recipient.language, facts).await?;
    queue::push_in(
        txn,
        &queue::MailJob {
            notification_id,
            kind,
            language: recipient.language,
            to_address: recipient.email,
            to_name: recipient.name,
            facts: facts.clone(),
        },
    )
    .await
}

async fn order_in(txn: &impl ConnectionTrait, order_id: i64) -> Result<order::Model, DomainError> {
    order::Entity::find_by_id(order_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("order"))
}

async fn user_in(txn: &impl ConnectionTrait, user_id: i64) -> Result<user::Model, DomainError> {
    user::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("user"))
}

/// Hook for placing an order, called inside its transaction: an order that waits for
/// approval notifies every approver of its company who may approve it (active, an
/// approval limit of none or at least the order's subtotal), never its own buyer.
/// An order that went straight to the supplier notifies nobody.
pub async fn on_order_placed(txn: &impl ConnectionTrait, order_id: i64) -> Result<(), DomainError> {
    let order = order_in(txn, order_id).await?;
    if order.status != OrderStatus::PendingApproval.as_str() {
        return Ok(());
    }
    let buyer = user_in(txn, order.placed_by).await?;
    let approvers = user::Entity::find()
        .filter(user::Column::CompanyId.eq(order.company_id))
        .filter(user::Column::Role.eq(Role::Approver.as_str()))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.ne(order.placed_by))
        .filter(
            Condition::any()
                .add(user::Column::ApprovalLimit.is_null())
                .add(user::Column::ApprovalLimit.gte(order.subtotal)),
        )
        .order_by_asc(user::Column::Id)
        .all(txn)
        .await?;
    let facts = OrderFacts {
        order_id: order.id,
        buyer_name: buyer.name,
        subtotal: money::from_db(order.subtotal),
        reasons: serde_json::from_str::<Vec<ApprovalReason>>(&order.approval_reasons)
            .unwrap_or_default(),
        decided_by: None,
        comment: String::new(),
        number: order.number,
        status: None,
        detail: String::new(),
        request: None,
        accepted: None,
    };
    for approver in approvers {
        notify(
            txn,
            NotificationKind::ApprovalNeeded,
            approver.into(),
            &facts,
        )
        .await?;
    }
    Ok(())
}

/// Hook for a decision on a pending order, called inside its transaction after the
/// decision's event is written: a full approval (the order is now `SUBMITTED`) or a
/// rejection notifies the buyer, with the approver's name and comment or reason. The
/// first of two approvals notifies nobody.
pub async fn on_order_decided(
    txn: &impl ConnectionTrait,
    order_id: i64,
) -> Result<(), DomainError> {
    let order = order_in(txn, order_id).await?;
    let kind = match OrderStatus::parse(&order.status) {
        Some(OrderStatus::Submitted) => NotificationKind::OrderApproved,
        Some(OrderStatus::Rejected) => NotificationKind::OrderRejected,
        _ => return Ok(()),
    };
    // The decision is the order's newest event: who decided, and the comment or reason.
    let decision = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(order.id))
        .order_by_desc(order_event::Column::Id)
        .one(txn)
        .await?;
    let decided_by = match decision.as_ref().and_then(|event| event.actor_id) {
        Some(actor) => Some(user_in(txn, actor).await?.name),
        None => None,
    };
    let buyer = user_in(txn, order.placed_by).await?;
    let facts = OrderFacts {
        order_id: order.id,
        buyer_name: buyer.name.clone(),
        subtotal: money::from_db(order.subtotal),
        reasons: Vec::new(),
        decided_by,
        comment: decision.map(|event| event.comment).unwrap_or_default(),
        number: order.number,
        status: None,
        detail: String::new(),
        request: None,
        accepted: None,
    };
    notify(txn, kind, buyer.into(), &facts).await
}

/// The customer users who hear about an order's fulfilment: its buyer, or, for an
/// order that staff entered for the company (phone, e-mail, WhatsApp), the company's
/// active buyers and admins.
async fn order_recipients(
    txn: &impl ConnectionTrait,
    order: &order::Model,
) -> Result<Vec<user::Model>, DomainError> {
    let placed_by = user_in(txn, order.placed_by).await?;
    if placed_by.company_id == Some(order.company_id) {
        return Ok(vec![placed_by]);
    }
    Ok(user::Entity::find()
        .filter(user::Column::CompanyId.eq(order.company_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in([Role::Buyer.as_str(), Role::CompanyAdmin.as_str()]))
        .order_by_asc(user::Column::Id)
        .all(txn)
        .await?)
}

/// The facts of an order for the fulfilment notifications.
async fn fulfilment_facts(
    txn: &impl ConnectionTrait,
    order: &order::Model,
    actor_id: i64,
    comment: &str,
) -> Result<OrderFacts, DomainError> {
    let buyer = user_in(txn, order.placed_by).await?;
    let actor = user_in(txn, actor_id).await?;
    Ok(OrderFacts {
        order_id: order.id,
        number: order.number.clone(),
        buyer_name: buyer.name,
        subtotal: money::from_db(order.subtotal),
        reasons: Vec::new(),
        decided_by: Some(actor.name),
        comment: comment.trim().to_owned(),
        status: OrderStatus::parse(&order.status),
        detail: String::new(),
        request: None,
        accepted: None,
    })
}

/// Hook for a fulfilment move, called inside its transaction after the order's new
/// status is written: the buyer hears of it, with `detail` (the invoice number, the
/// carrier and tracking link).
pub async fn on_order_moved(
    txn: &impl ConnectionTrait,
    order_id: i64,
    actor_id: i64,
    comment: &str,
    detail: String,
) -> Result<(), DomainError> {
    let order = order_in(txn, order_id).await?;
    let mut facts = fulfilment_facts(txn, &order, actor_id, comment).await?;
    facts.detail = detail;
    for recipient in order_recipients(txn, &order).await? {
        if recipient.id == actor_id {
            // A customer who confirmed the delivery knows it already.
            continue;
        }
        notify(
            txn,
            NotificationKind::OrderStatusChanged,
            recipient.into(),
            &facts,
        )
        .await?;
    }
    Ok(())
}

/// Hook for a customer request (cancel, change, return), called inside its
/// transaction: every active staff member is alerted.
pub async fn on_request_opened(
    txn: &impl ConnectionTrait,
    order_id: i64,
    requested_by: i64,
    kind: &str,
    message: &str,
) -> Result<(), DomainError> {
    let order = order_in(txn, order_id).await?;
    let mut facts = fulfilment_facts(txn, &order, requested_by, message).await?;
    facts.buyer_name = user_in(txn, requested_by).await?.name;
    facts.request = Some(kind.to_owned());
    let staff = user::Entity::find()
        .filter(user::Column::Role.eq(Role::SupplierStaff.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .all(txn)
        .await?;
    for member in staff {
        notify(
            txn,
            NotificationKind::OrderRequestOpened,
            member.into(),
            &facts,
        )
        .await?;
    }
    Ok(())
}

/// Hook for the supplier's answer to a request, called inside its transaction: the
/// requester hears whether it was accepted, and the comment.
pub async fn on_request_decided(
    txn: &impl ConnectionTrait,
    order_id: i64,
    requested_by: i64,
    decided_by: i64,
    kind: &str,
    accepted: bool,
    comment: &str,
) -> Result<(), DomainError> {
    let order = order_in(txn, order_id).await?;
    let mut facts = fulfilment_facts(txn, &order, decided_by, comment).await?;
    facts.request = Some(kind.to_owned());
    facts.accepted = Some(accepted);
    let requester = user_in(txn, requested_by).await?;
    if !requester.active {
        return Ok(());
    }
    notify(
        txn,
        NotificationKind::OrderRequestDecided,
        requester.into(),
        &facts,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).ok(),
                Some(format!("\"{}\"", kind.as_str()))
            );
        }
        assert_eq!(NotificationKind::parse("SOMETHING_ELSE"), None);
    }
}
