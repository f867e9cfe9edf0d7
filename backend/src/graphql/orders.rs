//! Ordering resolvers: `placeOrder` with its checkout preview, the approval workflow,
//! the order lists, and `orderUpdated`.

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{
    ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject, Subscription,
};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use shared::{OrderStatus, UserId};
use tokio::sync::broadcast::error::RecvError;

use super::context::ContextExt;
use super::error::bad_input;
use super::scalars::DecimalScalar;
use super::types::{User, loaders};
use crate::domain::approval::ApprovalReason;
use crate::domain::orders::place::{self, LineRequest, OrderRequest};
use crate::domain::orders::{self, OrderScope, decide, read};
use crate::domain::page::PageRequest;
use crate::domain::{Actor, DomainError, Operation};

/// Where an order is in the one workflow of every channel.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "OrderStatus", remote = "shared::OrderStatus")]
pub enum OrderStatusEnum {
    PendingApproval,
    Rejected,
    Submitted,
    Confirmed,
    Picking,
    Packed,
    Invoiced,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
}

#[derive(SimpleObject)]
pub struct OrderLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub quantity: i32,
    /// The net unit price the line was priced at.
    pub unit_price: DecimalScalar,
    /// Quantity times unit price, rounded once (half-up, 2 decimals).
    pub line_total: DecimalScalar,
}

/// One step of the order's audit trail (append-only).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct OrderEvent {
    pub at: DateTime<Utc>,
    /// `PLACED`, `APPROVED`, `REJECTED`, ...
    pub kind: String,
    pub status: OrderStatusEnum,
    pub comment: String,
    #[graphql(skip)]
    pub actor_id: Option<UserId>,
}

#[ComplexObject]
impl OrderEvent {
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        load_user(ctx, self.actor_id).await
    }
}

async fn load_user(ctx: &Context<'_>, id: Option<UserId>) -> async_graphql::Result<Option<User>> {
    let Some(id) = id else { return Ok(None) };
    Ok(loaders(ctx)?.user.load_one(id).await?.map(User::from))
}

/// Why an order needs approval.
#[derive(SimpleObject)]
pub struct ApprovalReasonNode {
    /// `ABOVE_AUTO_APPROVAL`, `ABOVE_DUAL_APPROVAL`, `ABOVE_BUYER_LIMIT`, `OVER_BUDGET`.
    pub kind: String,
    /// The reason in English words, e.g. "above ₪ 5,000.00 before VAT: needs an approval".
    pub message: String,
    /// The limit or budget that was exceeded.
    pub limit: Option<DecimalScalar>,
    /// For a budget: by how much it is exceeded.
    pub over_by: Option<DecimalScalar>,
    pub cost_center: Option<String>,
}

impl From<&ApprovalReason> for ApprovalReasonNode {
    fn from(reason: &ApprovalReason) -> ApprovalReasonNode {
        let (kind, limit, over_by, cost_center) = match reason {
            ApprovalReason::AboveAutoApproval { limit } => {
                ("ABOVE_AUTO_APPROVAL", Some(*limit), None, None)
            }
            ApprovalReason::AboveDualApproval { limit } => {
                ("ABOVE_DUAL_APPROVAL", Some(*limit), None, None)
            }
            ApprovalReason::AboveBuyerLimit { limit } => {
                ("ABOVE_BUYER_LIMIT", Some(*limit), None, None)
            }
            ApprovalReason::OverBudget {
                cost_center,
                budget,
                over_by,
                ..
            } => (
                "OVER_BUDGET",
                Some(*budget),
                Some(*over_by),
                Some(cost_center.clone()),
            ),
        };
        ApprovalReasonNode {
            kind: kind.to_owned(),
            message: reason.message(),
            limit: limit.map(Into::into),
            over_by: over_by.map(Into::into),
            cost_center,
        }
    }
}

/// The shipment of an order; filled in when it ships.
#[derive(SimpleObject)]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Order {
    pub id: ID,
    /// `SO-000123`.
    pub number: String,
    pub status: OrderStatusEnum,
    /// `PORTAL`, `PHONE`, `EMAIL`, `WHATSAPP`, `API`.
    pub channel: String,
    /// Net, before VAT: the sum of the rounded lines.
    pub subtotal: DecimalScalar,
    pub vat: DecimalScalar,
    pub total: DecimalScalar,
    pub created_at: DateTime<Utc>,
    pub note: String,
    pub cost_center_id: Option<ID>,
    /// How many distinct approvers the order needs (0: none).
    pub approvals_required: i32,
    /// How many have approved so far.
    pub approvals: i32,
    pub approval_reasons: Vec<ApprovalReasonNode>,
    pub lines: Vec<OrderLine>,
    pub events: Vec<OrderEvent>,
    pub shipment: Option<Shipment>,
    #[graphql(skip)]
    pub placed_by_id: UserId,
    #[graphql(skip)]
    pub approver_ids: Vec<UserId>,
}

#[ComplexObject]
impl Order {
    async fn placed_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        load_user(ctx, Some(self.placed_by_id)).await
    }

    /// Whether the caller may approve or reject this order now: a pending order, not
    /// its own, not approved by it yet, and within its approval limit.
    async fn can_decide(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let Ok(actor) = ctx.authorize(Operation::ApproveOrders) else {
            return Ok(false);
        };
        if self.status != OrderStatusEnum::PendingApproval
            || actor.user_id == self.placed_by_id
            || self.approver_ids.contains(&actor.user_id)
        {
            return Ok(false);
        }
        let limit = loaders(ctx)?
            .user
            .load_one(actor.user_id)
            .await?
            .and_then(|account| account.approval_limit);
        Ok(limit.is_none_or(|limit| self.subtotal.0 <= limit.amount()))
    }
}

impl From<orders::Order> for Order {
    fn from(order: orders::Order) -> Order {
        Order {
            id: ID(order.id.to_string()),
            number: order.number,
            status: order.status.into(),
            channel: order.channel,
            subtotal: order.subtotal.into(),
            vat: order.vat.into(),
            total: order.total.into(),
            created_at: order.created_at,
            note: order.note,
            cost_center_id: order.cost_center_id.map(|id| ID(id.to_string())),
            approvals_required: i32::from(order.approvals_required),
            approvals: i32::try_from(order.approvers.len()).unwrap_or(i32::MAX),
            approval_reasons: order.reasons.iter().map(ApprovalReasonNode::from).collect(),
            lines: order
                .lines
                .into_iter()
                .map(|line| OrderLine {
                    sku: line.sku,
                    name_he: line.name_he,
                    name_en: line.name_en,
                    quantity: line.quantity,
                    unit_price: line.unit_price.into(),
                    line_total: line.line_total.into(),
                })
                .collect(),
            events: order
                .events
                .into_iter()
                .map(|event| OrderEvent {
                    at: event.at,
                    kind: event.kind,
                    status: event.status.into(),
                    comment: event.comment,
                    actor_id: event.actor,
                })
                .collect(),
            shipment: None,
            placed_by_id: order.placed_by,
            approver_ids: order.approvers,
        }
    }
}

#[derive(InputObject)]
pub struct OrderLineInput {
    pub sku: String,
    pub quantity: i32,
}

#[derive(InputObject)]
pub struct PlaceOrderInput {
    pub lines: Vec<OrderLineInput>,
    pub cost_center_id: Option<ID>,
    pub note: Option<String>,
    /// A retried submit with the same key returns the first order.
    pub idempotency_key: Option<String>,
}

/// What placing an order would do: totals, approvals needed and why.
#[derive(SimpleObject)]
pub struct OrderQuote {
    pub subtotal: DecimalScalar,
    pub vat: DecimalScalar,
    pub total: DecimalScalar,
    pub approvals_required: i32,
    pub approval_reasons: Vec<ApprovalReasonNode>,
    /// The cost centre's budget left this month after this order (negative: over).
    pub budget_left_after: Option<DecimalScalar>,
}

fn order_request(input: PlaceOrderInput) -> async_graphql::Result<OrderRequest> {
    let cost_center_id = input
        .cost_center_id
        .as_ref()
        .map(|id| {
            id.parse::<i64>()
                .map_err(|_| bad_input("costCenterId is not a cost centre"))
        })
        .transpose()?;
    Ok(OrderRequest {
        lines: input
            .lines
            .into_iter()
            .map(|line| LineRequest {
                sku: line.sku,
                quantity: i64::from(line.quantity),
            })
            .collect(),
        cost_center_id,
        note: input.note.unwrap_or_default(),
        idempotency_key: input.idempotency_key,
    })
}

fn scope_of(actor: &Actor) -> OrderScope {
    match actor.company_id {
        Some(company) => OrderScope::Customer(company),
        None => OrderScope::Supplier,
    }
}

fn parse_order_id(id: &ID) -> Option<i64> {
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

#[derive(Default)]
pub struct OrdersQuery;

#[Object]
impl OrdersQuery {
    /// The caller's company's orders, newest first; for supplier staff, every order
    /// that has left the customer's approval.
    async fn orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<OrderStatusEnum>,
    ) -> async_graphql::Result<Connection<i64, Order>> {
        let actor = ctx.authorize(Operation::ReadOrders)?;
        let after = match after {
            Some(cursor) => Some(
                i64::decode_cursor(&cursor)
                    .map_err(|_| bad_input(format!("'{cursor}' is not a cursor of this list")))?,
            ),
            None => None,
        };
        let request = PageRequest::parse(first, after)?;
        let page = read::list(
            ctx.db()?,
            scope_of(actor),
            status.map(OrderStatus::from),
            request,
        )
        .await?;
        let mut connection = Connection::new(request.after.is_some(), page.has_next_page);
        connection.edges.extend(
            page.items
                .into_iter()
                .map(|order| Edge::new(order.id, Order::from(order))),
        );
        Ok(connection)
    }

    /// One order, or null when the caller may not see it (another company's, or a
    /// pending one for the supplier).
    async fn order(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Order>> {
        let actor = ctx.authorize(Operation::ReadOrders)?;
        let Some(id) = parse_order_id(&id) else {
            return Ok(None);
        };
        match read::get(ctx.db()?, scope_of(actor), id).await {
            Ok(order) => Ok(Some(order.into())),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The checkout preview of an order: totals, approvals it would need and why, and
    /// the cost centre's budget after it. Writes nothing.
    async fn order_quote(
        &self,
        ctx: &Context<'_>,
        input: PlaceOrderInput,
    ) -> async_graphql::Result<OrderQuote> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let request = order_request(input)?;
        let quote = place::quote(ctx.db()?, actor, &request).await?;
        Ok(OrderQuote {
            subtotal: quote.subtotal.into(),
            vat: quote.vat.into(),
            total: quote.total.into(),
            approvals_required: i32::from(quote.decision.approvals_required),
            approval_reasons: quote
                .decision
                .reasons
                .iter()
                .map(ApprovalReasonNode::from)
                .collect(),
            budget_left_after: quote.decision.budget_left_after.map(Into::into),
        })
    }
}

#[derive(Default)]
pub struct OrdersMutation;

#[Object]
impl OrdersMutation {
    /// Places an order: validates and prices every line, reserves the stock and
    /// applies the company's approval rules, in one transaction.
    async fn place_order(
        &self,
        ctx: &Context<'_>,
        input: PlaceOrderInput,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let events = ctx.events()?;
        let placed = place::place(ctx.db()?, actor, order_request(input)?, events).await?;
        events.committed(placed.stock_changes);
        if let Some(change) = placed.order_change {
            events.order_committed(change);
        }
        Ok(placed.order.into())
    }

    /// Approves a pending order (approvers of the order's company, never its buyer).
    async fn approve_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        comment: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ApproveOrders)?;
        let Some(id) = parse_order_id(&id) else {
            return Err(DomainError::NotFound("order").into());
        };
        let events = ctx.events()?;
        let decided = decide::approve(
            ctx.db()?,
            events,
            actor,
            id,
            comment.as_deref().unwrap_or_default(),
        )
        .await?;
        events.order_committed(decided.order_change);
        Ok(decided.order.into())
    }

    /// Rejects a pending order with a reason; its reserved stock is released at once.
    async fn reject_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ApproveOrders)?;
        let Some(id) = parse_order_id(&id) else {
            return Err(DomainError::NotFound("order").into());
        };
        let events = ctx.events()?;
        let decided = decide::reject(ctx.db()?, events, actor, id, &reason).await?;
        events.committed(decided.stock_changes);
        events.order_committed(decided.order_change);
        Ok(decided.order.into())
    }
}

#[derive(Default)]
pub struct OrdersSubscription;

#[Subscription]
impl OrdersSubscription {
    /// Changes of the caller's company's orders (for supplier staff: of every order the
    /// supplier may see).
    async fn order_updated(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = Order> + use<>> {
        let actor = ctx.authorize(Operation::ReadOrders)?;
        let scope = scope_of(actor);
        let receiver = ctx.events()?.subscribe_orders();
        let db = ctx.db()?.clone();
        let stream =
            futures_util::stream::unfold((receiver, db), move |(mut receiver, db)| async move {
                loop {
                    match receiver.recv().await {
                        Ok(change) => {
                            let visible = match scope {
                                OrderScope::Customer(company) => company.0 == change.company_id,
                                OrderScope::Supplier => true,
                            };
                            if !visible {
                                continue;
                            }
                            // Read through the scope: a pending order never reaches the supplier.
                            match read::get(&db, scope, change.order_id).await {
                                Ok(order) => return Some((Order::from(order), (receiver, db))),
                                Err(_) => continue,
                            }
                        }
                        Err(RecvError::Lagged(missed)) => {
                            tracing::warn!(
                                missed,
                                "order subscriber lagged; some updates were skipped"
                            );
                            continue;
                        }
                        Err(RecvError::Closed) => return None,
                    }
                }
            });
        Ok(stream.boxed())
    }
}
