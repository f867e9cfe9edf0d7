//! Reading orders, always within a scope, with lines, events and approvals loaded in
//! a fixed number of queries for any number of orders.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::{CompanyId, OrderStatus, UserId};

use super::fulfil::OrderRequest;
use super::{Order, OrderEvent, OrderLine, OrderScope, Shipment};
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::invoicing::read::normalize_order_number;
use crate::domain::page::{Page, PageRequest};
use crate::entities::{
    order, order_approval, order_event, order_line, order_request, product, shipment, stock,
};

pub(crate) fn scope_condition(scope: OrderScope) -> Condition {
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
    let mut shipments: HashMap<i64, Shipment> = HashMap::new();
    let mut requests: HashMap<i64, Vec<OrderRequest>> = HashMap::new();
    if !ids.is_empty() {
        for row in shipment::Entity::find()
            .filter(shipment::Column::OrderId.is_in(ids.clone()))
            .all(db)
            .await?
        {
            shipments.insert(
                row.order_id,
                Shipment {
                    carrier: row.carrier,
                    tracking_number: row.tracking_number,
                    tracking_url: row.tracking_url,
                    shipped_at: row.shipped_at,
                    delivered_at: row.delivered_at,
                    delivery_note: row.delivery_note,
                },
            );
        }
        for row in order_request::Entity::find()
            .filter(order_request::Column::OrderId.is_in(ids.clone()))
            .order_by_asc(order_request::Column::Id)
            .all(db)
            .await?
        {
            requests
                .entry(row.order_id)
                .or_default()
                .push(OrderRequest::try_from(row)?);
        }
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
                shipment: shipments.remove(&row.id),
                requests: requests.remove(&row.id).unwrap_or_default(),
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

/// A line of a pick list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub unit: String,
    pub pack_size: i32,
    pub quantity: i32,
    pub on_hand: i64,
}

/// What to pick for an order the supplier sees, sorted by SKU.
pub async fn pick_list(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<(Order, Vec<PickLine>), DomainError> {
    let order = get(db, OrderScope::Supplier, id).await?;
    let lines = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(id))
        .all(db)
        .await?;
    let product_ids: Vec<i64> = lines.iter().map(|line| line.product_id).collect();
    let products: HashMap<i64, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(product_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let on_hand: HashMap<i64, i64> = stock::Entity::find()
        .filter(stock::Column::ProductId.is_in(product_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.on_hand))
        .collect();
    let mut pick: Vec<PickLine> = lines
        .into_iter()
        .map(|line| {
            let product = products.get(&line.product_id);
            PickLine {
                unit: product.map(|row| row.unit.clone()).unwrap_or_default(),
                pack_size: product.map_or(1, |row| row.pack_size),
                on_hand: on_hand.get(&line.product_id).copied().unwrap_or(0),
                sku: line.sku,
                name_he: line.name_he,
                name_en: line.name_en,
                quantity: line.quantity,
            }
        })
        .collect();
    pick.sort_by(|a, b| a.sku.cmp(&b.sku));
    Ok((order, pick))
}

/// Orders by id in any status (for loaders behind an already checked scope).
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<Order>, DomainError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = order::Entity::find()
        .filter(order::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    hydrate(db, rows).await
}

/// What a list of orders is narrowed to (the supplier's queue filters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// Supplier staff: one company (a customer's own scope always applies).
    pub company_id: Option<CompanyId>,
    /// Placed on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Placed on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// `PORTAL`, `PHONE`, `EMAIL`, `WHATSAPP`, `API`.
    pub channel: Option<String>,
    /// An order number (`SO-000123`, `123`) or the start of a SKU on one of its lines.
    pub search: Option<String>,
    /// Only orders with (true) or without (false) an open customer request.
    pub has_open_request: Option<bool>,
}

/// The first moment of `day` (UTC).
fn start_of(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn filter_condition(filter: &OrderFilter) -> Result<Condition, DomainError> {
    let mut condition = Condition::all();
    if let Some(status) = filter.status {
        condition = condition.add(order::Column::Status.eq(status.as_str()));
    }
    if let Some(company) = filter.company_id {
        condition = condition.add(order::Column::CompanyId.eq(company.0));
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(DomainError::bad_input("from must not be after to"));
    }
    if let Some(from) = filter.from {
        condition = condition.add(order::Column::CreatedAt.gte(start_of(from)));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        condition = condition.add(order::Column::CreatedAt.lt(start_of(to)));
    }
    if let Some(channel) = &filter.channel {
        condition = condition.add(order::Column::Channel.eq(channel.as_str()));
    }
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        if search.chars().count() > 64 {
            return Err(DomainError::bad_input(
                "Search for an order number or a SKU (at most 64 characters)",
            ));
        }
        // A SKU prefix: LIKE with its wildcards escaped.
        let escaped: String = search
            .to_uppercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                other => vec![other],
            })
            .collect();
        let by_sku = Query::select()
            .column(order_line::Column::OrderId)
            .from(order_line::Entity)
            .and_where(
                Expr::col(order_line::Column::Sku)
                    .like(LikeExpr::new(format!("{escaped}%")).escape('\\')),
            )
            .to_owned();
        let mut any = Condition::any().add(order::Column::Id.in_subquery(by_sku));
        if let Some(number) = normalize_order_number(search) {
            any = any.add(order::Column::Number.eq(number));
        }
        condition = condition.add(any);
    }
    if let Some(open) = filter.has_open_request {
        let open_requests = Query::select()
            .column(order_request::Column::OrderId)
            .from(order_request::Entity)
            .and_where(order_request::Column::Status.eq("OPEN"))
            .to_owned();
        condition = condition.add(if open {
            order::Column::Id.in_subquery(open_requests)
        } else {
            order::Column::Id.not_in_subquery(open_requests)
        });
    }
    Ok(condition)
}

/// Newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    filter: &OrderFilter,
    page: PageRequest,
) -> Result<Page<Order>, DomainError> {
    let mut query = order::Entity::find()
        .filter(scope_condition(scope))
        .filter(filter_condition(filter)?)
        .order_by_desc(order::Column::Id)
        .limit(page.size + 1);
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
