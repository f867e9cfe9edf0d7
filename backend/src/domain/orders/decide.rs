//! Approving and rejecting pending orders (rule 2). Only an approver of the order's
//! company, never its own buyer, never above the approver's limit; two-level orders
//! need two different approvers; concurrent decisions on one order land exactly once
//! (the order's version is checked by a conditional update).

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use shared::OrderStatus;

use super::read;
use super::{Order, OrderChange, OrderScope};
use crate::db::money;
use crate::domain::audit::{AuditAction, Entry};
use crate::domain::catalog::offers::available;
use crate::domain::error::violated_unique_constraint;
use crate::domain::{Actor, DomainError};
use crate::entities::{
    company, order, order_approval, order_event, order_line, stock, stock_movement, user,
};
use crate::events::{EventBus, StockChange};

pub const MAX_COMMENT_LENGTH: usize = 1_000;

pub struct Decided {
    pub order: Order,
    pub stock_changes: Vec<StockChange>,
    pub order_change: OrderChange,
}

fn lost_race() -> DomainError {
    DomainError::Conflict(
        "Someone else decided on this order at the same time; reload it".to_owned(),
    )
}

/// Loads the pending order of the approver's company and checks that this approver
/// may decide on it.
async fn pending_order_for(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    order_id: i64,
) -> Result<order::Model, DomainError> {
    let company = actor.customer_company()?;
    let row = order::Entity::find_by_id(order_id)
        .filter(order::Column::CompanyId.eq(company.0))
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("order"))?;
    if row.status != OrderStatus::PendingApproval.as_str() {
        // An order that waited for approval and no longer does was decided by someone
        // else: a conflict. One that never needed approval cannot take this step.
        if row.approvals_required > 0 {
            return Err(DomainError::Conflict(format!(
                "Order {} was already decided (it is {})",
                row.number, row.status
            )));
        }
        return Err(DomainError::InvalidTransition(format!(
            "Order {} is {}, not waiting for approval",
            row.number, row.status
        )));
    }
    if row.placed_by == actor.user_id.0 {
        return Err(DomainError::NotAllowed(
            "You cannot decide on an order you placed yourself".to_owned(),
        ));
    }
    Ok(row)
}

/// Records an approver's decision in its transaction.
async fn audit_decision(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    row: &order::Model,
    status: OrderStatus,
    comment: &str,
) -> Result<(), DomainError> {
    Entry::new(action)
        .by(actor)
        .company(Some(shared::CompanyId(row.company_id)))
        .target("order", &row.number)
        .before(serde_json::json!({ "status": row.status }))
        .after(serde_json::json!({ "status": status.as_str(), "comment": comment }))
        .record(txn)
        .await
}

fn clean_comment(comment: &str) -> Result<String, DomainError> {
    let comment = comment.trim().to_owned();
    if comment.chars().count() > MAX_COMMENT_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The comment may have at most {MAX_COMMENT_LENGTH} characters"
        )));
    }
    Ok(comment)
}

pub async fn approve(
    db: &DatabaseConnection,
    events: &EventBus,
    actor: &Actor,
    order_id: i64,
    comment: &str,
) -> Result<Decided, DomainError> {
    let comment = clean_comment(comment)?;
    let txn = crate::db::begin_write(db).await?;
    let row = pending_order_for(&txn, actor, order_id).await?;
    let company = company::Entity::find_by_id(row.company_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("order"))?;
    crate::domain::companies::ensure_may_order(&company)?;
    let approver = user::Entity::find_by_id(actor.user_id.0)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("user"))?;
    if let Some(limit) = money::from_db_opt(approver.approval_limit)
        && money::from_db(row.subtotal) > limit
    {
        return Err(DomainError::NotAllowed(format!(
            "This order is above your approval limit of {}",
            limit.format_ils()
        )));
    }
    let now = Utc::now();
    let inserted = order_approval::ActiveModel {
        order_id: Set(row.id),
        approver_id: Set(actor.user_id.0),
        at: Set(now),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(error) if violated_unique_constraint(&error).is_some() => {
            return Err(DomainError::Conflict(
                "You have already approved this order".to_owned(),
            ));
        }
        Err(error) => return Err(error.into()),
    }
    let approvals = order_approval::Entity::find()
        .filter(order_approval::Column::OrderId.eq(row.id))
        .count(&txn)
        .await?;
    let complete = approvals >= u64::try_from(row.approvals_required).unwrap_or(0);
    let status = if complete {
        OrderStatus::Submitted
    } else {
        OrderStatus::PendingApproval
    };
    let mut update = order::Entity::update_many()
        .col_expr(
            order::Column::Version,
            Expr::col(order::Column::Version).add(1),
        )
        .col_expr(order::Column::Status, Expr::value(status.as_str()))
        .col_expr(order::Column::UpdatedAt, Expr::value(now))
        .filter(order::Column::Id.eq(row.id))
        .filter(order::Column::Version.eq(row.version))
        .filter(order::Column::Status.eq(OrderStatus::PendingApproval.as_str()));
    if complete {
        update = update.col_expr(order::Column::SubmittedAt, Expr::value(Some(now)));
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Err(lost_race());
    }
    order_event::ActiveModel {
        order_id: Set(row.id),
        at: Set(now),
        kind: Set("APPROVED".to_owned()),
        status: Set(status.as_str().to_owned()),
        actor_id: Set(Some(actor.user_id.0)),
        comment: Set(comment.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit_decision(
        &txn,
        actor,
        AuditAction::OrderApproved,
        &row,
        status,
        &comment,
    )
    .await?;
    let order_change = OrderChange {
        order_id: row.id,
        company_id: row.company_id,
        status: status.as_str().to_owned(),
    };
    // Notifications: the buyer of a fully approved order, in this transaction.
    crate::notifications::on_order_decided(&txn, row.id).await?;
    if status == OrderStatus::Submitted {
        // Fully approved: the order reaches the supplier now.
        crate::webhooks::on_order_created(&txn, row.id).await?;
    }
    events.announce_order_in(&txn, &order_change).await?;
    txn.commit().await.map_err(|_| lost_race())?;
    let order = read::get(db, OrderScope::Customer(actor.customer_company()?), row.id).await?;
    Ok(Decided {
        order,
        stock_changes: Vec::new(),
        order_change,
    })
}

/// Rejects a pending order with a reason and releases its reserved stock at once.
pub async fn reject(
    db: &DatabaseConnection,
    events: &EventBus,
    actor: &Actor,
    order_id: i64,
    reason: &str,
) -> Result<Decided, DomainError> {
    let reason = clean_comment(reason)?;
    if reason.is_empty() {
        return Err(DomainError::bad_input("A rejection needs a reason"));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = pending_order_for(&txn, actor, order_id).await?;
    let now = Utc::now();
    let updated = order::Entity::update_many()
        .col_expr(
            order::Column::Version,
            Expr::col(order::Column::Version).add(1),
        )
        .col_expr(
            order::Column::Status,
            Expr::value(OrderStatus::Rejected.as_str()),
        )
        .col_expr(order::Column::UpdatedAt, Expr::value(now))
        .filter(order::Column::Id.eq(row.id))
        .filter(order::Column::Version.eq(row.version))
        .filter(order::Column::Status.eq(OrderStatus::PendingApproval.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(lost_race());
    }
    let lines = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(row.id))
        .all(&txn)
        .await?;
    let mut stock_changes = Vec::new();
    let mut sorted = lines;
    sorted.sort_by_key(|line| line.product_id);
    for line in &sorted {
        let quantity = i64::from(line.quantity);
        stock::Entity::update_many()
            .col_expr(
                stock::Column::Reserved,
                Expr::col(stock::Column::Reserved).sub(quantity),
            )
            .col_expr(stock::Column::UpdatedAt, Expr::value(now))
            .filter(stock::Column::ProductId.eq(line.product_id))
            .exec(&txn)
            .await?;
        stock_movement::ActiveModel {
            product_id: Set(line.product_id),
            on_hand_delta: Set(0),
            reserved_delta: Set(-quantity),
            reason: Set("ORDER_RELEASED".to_owned()),
            note: Set(row.number.clone()),
            actor_id: Set(Some(actor.user_id.0)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // After the stock (the lock order of placing: stock rows, then the company's).
    crate::domain::suggestions::counts::forget_order(&txn, &row).await?;
    // One read of the new levels for every line, for the live updates.
    let product_ids: Vec<i64> = sorted.iter().map(|line| line.product_id).collect();
    let levels = available(&txn, &product_ids).await?;
    for line in sorted {
        stock_changes.push(StockChange {
            product_id: line.product_id,
            available: levels.get(&line.product_id).copied().unwrap_or(0),
            sku: line.sku,
        });
    }
    order_event::ActiveModel {
        order_id: Set(row.id),
        at: Set(now),
        kind: Set("REJECTED".to_owned()),
        status: Set(OrderStatus::Rejected.as_str().to_owned()),
        actor_id: Set(Some(actor.user_id.0)),
        comment: Set(reason.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit_decision(
        &txn,
        actor,
        AuditAction::OrderRejected,
        &row,
        OrderStatus::Rejected,
        &reason,
    )
    .await?;
    let order_change = OrderChange {
        order_id: row.id,
        company_id: row.company_id,
        status: OrderStatus::Rejected.as_str().to_owned(),
    };
    // Notifications: the buyer of the rejected order, with the reason, in this transaction.
    crate::notifications::on_order_decided(&txn, row.id).await?;
    events.announce_in(&txn, &stock_changes).await?;
    events.announce_order_in(&txn, &order_change).await?;
    txn.commit().await.map_err(|_| lost_race())?;
    let order = read::get(db, OrderScope::Customer(actor.customer_company()?), row.id).await?;
    Ok(Decided {
        order,
        stock_changes,
        order_change,
    })
}
