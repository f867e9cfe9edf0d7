//! Ordering resolvers: `placeOrder` with its checkout preview, the approval workflow,
//! the order lists, and `orderUpdated`.

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{
    ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject, Subscription,
};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use shared::{CompanyId, OrderStatus, UserId};
use tokio::sync::broadcast::error::RecvError;

use super::context::ContextExt;
use super::error::bad_input;
use super::invoices::{CreditNote, Invoice};
use super::scalars::{DateScalar, DecimalScalar};
use super::types::{Company, User, loaders};
use crate::domain::approval::ApprovalReason;
use crate::domain::orders::fulfil;
use crate::domain::orders::place::{self, Channel, LineRequest, OrderRequest as PlaceRequest};
use crate::domain::orders::read::OrderFilter;
use crate::domain::orders::workflow::{self, Action, RequestKind};
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
    /// The carrier's tracking page for this shipment.
    pub tracking_url: Option<String>,
    pub shipped_at: DateTime<Utc>,
    /// Set when the delivery is confirmed.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Who signed for the goods, or a note of the delivery.
    pub delivery_note: String,
}

/// What a customer asks the supplier for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "OrderRequestKind")]
pub enum OrderRequestKindEnum {
    Cancel,
    Change,
    Return,
}

impl From<RequestKind> for OrderRequestKindEnum {
    fn from(kind: RequestKind) -> OrderRequestKindEnum {
        match kind {
            RequestKind::Cancel => OrderRequestKindEnum::Cancel,
            RequestKind::Change => OrderRequestKindEnum::Change,
            RequestKind::Return => OrderRequestKindEnum::Return,
        }
    }
}

/// A steps of the workflow (rule 7).
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "OrderAction")]
pub enum OrderActionEnum {
    Confirm,
    StartPicking,
    /// Packed, and the invoice issued at once: the order lands in INVOICED.
    Pack,
    /// Issues the invoice of a PACKED order.
    Invoice,
    /// Needs the carrier and tracking (`shipOrder`, or `shipment` of `moveOrder`).
    Ship,
    Deliver,
    Cancel,
    /// Needs the lines and a reason (`returnOrder`).
    Return,
    RequestCancellation,
    RequestChange,
    RequestReturn,
}

impl From<OrderActionEnum> for Action {
    fn from(action: OrderActionEnum) -> Action {
        match action {
            OrderActionEnum::Confirm => Action::Confirm,
            OrderActionEnum::StartPicking => Action::StartPicking,
            OrderActionEnum::Pack => Action::Pack,
            OrderActionEnum::Invoice => Action::Invoice,
            OrderActionEnum::Ship => Action::Ship,
            OrderActionEnum::Deliver => Action::Deliver,
            OrderActionEnum::Cancel => Action::Cancel,
            OrderActionEnum::Return => Action::Return,
            OrderActionEnum::RequestCancellation => Action::RequestCancellation,
            OrderActionEnum::RequestChange => Action::RequestChange,
            OrderActionEnum::RequestReturn => Action::RequestReturn,
        }
    }
}

impl From<Action> for OrderActionEnum {
    fn from(action: Action) -> OrderActionEnum {
        match action {
            Action::Confirm => OrderActionEnum::Confirm,
            Action::StartPicking => OrderActionEnum::StartPicking,
            Action::Pack => OrderActionEnum::Pack,
            Action::Invoice => OrderActionEnum::Invoice,
            Action::Ship => OrderActionEnum::Ship,
            Action::Deliver => OrderActionEnum::Deliver,
            Action::Cancel => OrderActionEnum::Cancel,
            Action::Return => OrderActionEnum::Return,
            Action::RequestCancellation => OrderActionEnum::RequestCancellation,
            Action::RequestChange => OrderActionEnum::RequestChange,
            Action::RequestReturn => OrderActionEnum::RequestReturn,
        }
    }
}

/// A returned line.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "ReturnLineInput")]
pub struct ReturnLine {
    pub sku: String,
    pub quantity: i32,
}

/// A customer's request on an order: tagged on top of the supplier's queue until
/// staff accept or decline it.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct OrderRequest {
    pub id: ID,
    pub kind: OrderRequestKindEnum,
    /// `OPEN`, `ACCEPTED` or `DECLINED`.
    pub status: String,
    /// What the customer wrote.
    pub message: String,
    /// A return's reason: `WRONG_ITEM`, `DAMAGED`, `OTHER`.
    pub reason: Option<String>,
    /// A return's lines (all of the order when empty).
    pub lines: Vec<ReturnLine>,
    pub requested_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_comment: String,
    #[graphql(skip)]
    pub requested_by_id: UserId,
    #[graphql(skip)]
    pub decided_by_id: Option<UserId>,
}

#[ComplexObject]
impl OrderRequest {
    async fn requested_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        load_user(ctx, Some(self.requested_by_id)).await
    }

    async fn decided_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        load_user(ctx, self.decided_by_id).await
    }
}

impl From<fulfil::OrderRequest> for OrderRequest {
    fn from(request: fulfil::OrderRequest) -> OrderRequest {
        OrderRequest {
            id: ID(request.id.to_string()),
            kind: request.kind.into(),
            status: request.status,
            message: request.message,
            reason: request.reason,
            lines: request
                .lines
                .into_iter()
                .map(|line| ReturnLine {
                    sku: line.sku,
                    quantity: line.quantity,
                })
                .collect(),
            requested_at: request.requested_at,
            decided_at: request.decided_at,
            decision_comment: request.decision_comment,
            requested_by_id: UserId(request.requested_by),
            decided_by_id: request.decided_by.map(UserId),
        }
    }
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
    /// The customer's requests on the order, oldest first.
    pub requests: Vec<OrderRequest>,
    #[graphql(skip)]
    pub placed_by_id: UserId,
    #[graphql(skip)]
    pub approver_ids: Vec<UserId>,
    #[graphql(skip)]
    pub domain_id: i64,
    #[graphql(skip)]
    pub company_id: CompanyId,
    #[graphql(skip)]
    pub domain_status: OrderStatus,
}

#[ComplexObject]
impl Order {
    async fn placed_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        load_user(ctx, Some(self.placed_by_id)).await
    }

    /// The ordering company.
    async fn company(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Company>> {
        Ok(loaders(ctx)?
            .company
            .load_one(self.company_id)
            .await?
            .map(Company::from))
    }

    /// The open request (cancel, change, return) waiting for the supplier, if any.
    async fn open_request(&self) -> Option<&OrderRequest> {
        self.requests
            .iter()
            .find(|request| request.status == "OPEN")
    }

    /// The invoice, once the order is packed.
    async fn invoice(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Invoice>> {
        let actor = ctx.authorize(Operation::ReadOrders)?;
        let invoice = loaders(ctx)?
            .invoice_by_order
            .load_one(self.domain_id)
            .await?;
        invoice
            .map(|invoice| Invoice::signed(ctx, actor, invoice))
            .transpose()
    }

    /// Credit notes of a cancellation after invoicing or a return.
    async fn credit_notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CreditNote>> {
        let actor = ctx.authorize(Operation::ReadOrders)?;
        let notes = loaders(ctx)?
            .credit_notes_by_order
            .load_one(self.domain_id)
            .await?
            .unwrap_or_default();
        notes
            .into_iter()
            .map(|note| CreditNote::signed(ctx, actor, note))
            .collect()
    }

    /// The workflow steps the caller may take on this order now.
    async fn available_actions(&self, ctx: &Context<'_>) -> Vec<OrderActionEnum> {
        match ctx.authorize(Operation::ReadOrders) {
            Ok(actor) => {
                let has_open_request = self.requests.iter().any(|request| request.status == "OPEN");
                workflow::available_actions(self.domain_status, actor.role, has_open_request)
                    .into_iter()
                    .map(OrderActionEnum::from)
                    .collect()
            }
            Err(_) => Vec::new(),
        }
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
        let domain_status = order.status;
        Order {
            id: ID(order.id.to_string()),
            number: order.number,
            status: domain_status.into(),
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
            shipment: order.shipment.map(|shipment| Shipment {
                carrier: shipment.carrier,
                tracking_number: shipment.tracking_number,
                tracking_url: shipment.tracking_url,
                shipped_at: shipment.shipped_at,
                delivered_at: shipment.delivered_at,
                delivery_note: shipment.delivery_note,
            }),
            requests: order.requests.into_iter().map(OrderRequest::from).collect(),
            placed_by_id: order.placed_by,
            approver_ids: order.approvers,
            domain_id: order.id,
            company_id: order.company_id,
            domain_status,
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

/// How an order reached the supplier.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "OrderChannel")]
pub enum OrderChannel {
    Portal,
    Phone,
    Email,
    Whatsapp,
    Api,
}

impl From<OrderChannel> for Channel {
    fn from(channel: OrderChannel) -> Channel {
        match channel {
            OrderChannel::Portal => Channel::Portal,
            OrderChannel::Phone => Channel::Phone,
            OrderChannel::Email => Channel::Email,
            OrderChannel::Whatsapp => Channel::WhatsApp,
            OrderChannel::Api => Channel::Api,
        }
    }
}

pub(super) fn order_request(input: PlaceOrderInput) -> async_graphql::Result<PlaceRequest> {
    let cost_center_id = input
        .cost_center_id
        .as_ref()
        .map(|id| {
            id.parse::<i64>()
                .map_err(|_| bad_input("costCenterId is not a cost centre"))
        })
        .transpose()?;
    Ok(PlaceRequest {
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

pub(super) fn scope_of(actor: &Actor) -> OrderScope {
    match actor.company_id {
        Some(company) => OrderScope::Customer(company),
        None => OrderScope::Supplier,
    }
}

pub(super) fn parse_order_id(id: &ID) -> Option<i64> {
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

#[derive(Default)]
pub struct OrdersQuery;

#[Object]
impl OrdersQuery {
    /// The caller's company's orders, newest first; for supplier staff, every order
    /// that has left the customer's approval.
    #[expect(
        clippy::too_many_arguments,
        reason = "one GraphQL argument per queue filter"
    )]
    async fn orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<OrderStatusEnum>,
        #[graphql(desc = "Supplier staff: one company's orders")] company_id: Option<ID>,
        #[graphql(desc = "Placed on or after this day")] from: Option<DateScalar>,
        #[graphql(desc = "Placed on or before this day")] to: Option<DateScalar>,
        channel: Option<OrderChannel>,
        #[graphql(desc = "An order number (SO-000123 or 123) or the start of a SKU")]
        search: Option<String>,
        #[graphql(desc = "Only orders with (or without) an open cancel/change/return request")]
        has_open_request: Option<bool>,
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
        let company_id = match company_id {
            Some(id) => match parse_order_id(&id) {
                Some(id) => Some(CompanyId(id)),
                None => return Err(bad_input("companyId is not a company")),
            },
            None => None,
        };
        let filter = OrderFilter {
            status: status.map(OrderStatus::from),
            company_id,
            from: from.map(|day| day.0),
            to: to.map(|day| day.0),
            channel: channel.map(|channel| Channel::from(channel).as_str().to_owned()),
            search,
            has_open_request,
        };
        let page = read::list(ctx.db()?, scope_of(actor), &filter, request).await?;
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
        Ok(super::live::while_signed_in(stream, ctx.db()?.clone(), actor).boxed())
    }
}
