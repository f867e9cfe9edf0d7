//! Notifications of the approval chain (rule 2): approvers hear at once that an order
//! waits for them, buyers hear the decision. Each notification is an in-app row
//! (`inbox`) and an e-mail (`queue` → `worker` → `mail`).
//!
//! **Architecture invariant:** a notification is written in the same transaction as
//! the order change it reports, and so is its e-mail job: an order that rolls back
//! notifies nobody, a committed one always has its notifications and e-mails. The
//! order code calls exactly two hooks, [`on_order_placed`] and [`on_order_decided`],
//! inside its transaction; everything else lives here.
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
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 3] = [
        NotificationKind::ApprovalNeeded,
        NotificationKind::OrderApproved,
        NotificationKind::OrderRejected,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ApprovalNeeded => "APPROVAL_NEEDED",
            NotificationKind::OrderApproved => "ORDER_APPROVED",
            NotificationKind::OrderRejected => "ORDER_REJECTED",
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
    };
    notify(txn, kind, buyer.into(), &facts).await
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
