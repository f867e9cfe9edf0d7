//! Reading orders, always within a scope, with lines, events and approvals loaded in
//! a fixed number of queries for any number of orders.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::{CompanyId, OrderStatus, UserId};

use super::{Order, OrderEvent, OrderLine, OrderScope};
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::page::{Page, PageRequest};
use crate::entities::{order, order_approval, order_event, order_line};

fn scope_condition(scope: OrderScope) -> Condition {
    match scope {
        OrderScope::Customer(company) => {
            Condition::all().add(order::Column::CompanyId.eq(company.0))
        }
        OrderScope::Supplier => Condition::all().add(order::Column::Status.is_not_in([
            OrderStatus::PendingApproval.as_str(),
            OrderStatus::Rejected.as_str(),
        ])),
    }
}

fn status_of(text: &str) -> Result<OrderStatus, DomainError> {
    OrderStatus::parse(text)
        .ok_or_else(|| DomainError::internal(anyhow::anyhow!("unknown order status {text}")))
}

/// Orders with everything they show, in the order of `rows`.
pub async fn hydrate(
    db: &impl ConnectionTrait,
    rows: Vec<order::Model>,
) -> Result<Vec<Order>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut lines: HashMap<i64, Vec<OrderLine>> = HashMap::new();
    let mut events: HashMap<i64, Vec<OrderEvent>> = HashMap::new();
    let mut approvers: HashMap<i64, Vec<UserId>> = HashMap::new();
    if !ids.is_empty() {
        for line in order_line::Entity::find()
            .filter(order_line::Column::OrderId.is_in(ids.clone()))
            .order_by_asc(order_line::Column::Id)
            .all(db)
            .await?
        {
            lines.entry(line.order_id).or_default().push(OrderLine {
                sku: line.sku,
                name_he: line.name_he,
                name_en: line.name_en,
                quantity: line.quantity,
                unit_price: money::from_db(line.unit_price),
                line_total: money::from_db(line.line_total),
            });
        }
        for event in order_event::Entity::find()
            .filter(order_event::Column::OrderId.is_in(ids.clone()))
            .order_by_asc(order_event::Column::Id)
            .all(db)
            .await?
        {
            events.entry(event.order_id).or_default().push(OrderEvent {
                at: event.at,
                kind: event.kind,
                status: status_of(&event.status)?,
                actor: event.actor_id.map(UserId),
                comment: event.comment,
            });
        }
        for approval in order_approval::Entity::find()
            .filter(order_approval::Column::OrderId.is_in(ids))
            .order_by_asc(order_approval::Column::At)
            .all(db)
            .await?
        {
            approvers
                .entry(approval.order_id)
                .or_default()
                .push(UserId(approval.approver_id));
        }
    }
    rows.into_iter()
        .map(|row| {
            Ok(Order {
                status: status_of(&row.status)?,
                reasons: serde_json::from_str(&row.approval_reasons).unwrap_or_default(),
                lines: lines.remove(&row.id).unwrap_or_default(),
                events: events.remove(&row.id).unwrap_or_default(),
                approvers: approvers.remove(&row.id).unwrap_or_default(),
                id: row.id,
                number: row.number,
                company_id: CompanyId(row.company_id),
                placed_by: UserId(row.placed_by),
                channel: row.channel,
                cost_center_id: row.cost_center_id,
                note: row.note,
                subtotal: money::from_db(row.subtotal),
                vat: money::from_db(row.vat),
                total: money::from_db(row.total),
                approvals_required: u8::try_from(row.approvals_required).unwrap_or(2),
                created_at: row.created_at,
            })
        })
        .collect()
}

/// One order, if the scope may see it.
pub async fn get(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    id: i64,
) -> Result<Order, DomainError> {
    let row = order::Entity::find_by_id(id)
        .filter(scope_condition(scope))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("order"))?;
    hydrate(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound("order"))
}

/// Newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    status: Option<OrderStatus>,
    page: PageRequest,
) -> Result<Page<Order>, DomainError> {
    let mut query = order::Entity::find()
        .filter(scope_condition(scope))
        .order_by_desc(order::Column::Id)
        .limit(page.size + 1);
    if let Some(status) = status {
        query = query.filter(order::Column::Status.eq(status.as_str()));
    }
    if let Some(before) = page.after {
        query = query.filter(order::Column::Id.lt(before));
    }
    let rows = query.all(db).await?;
    let has_next_page = rows.len() as u64 > page.size;
    let rows: Vec<order::Model> = rows.into_iter().take(page.size as usize).collect();
    Ok(Page {
        items: hydrate(db, rows).await?,
        has_next_page,
    })
}
