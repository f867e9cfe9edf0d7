//! The fulfilment workflow: staff move orders (one or many), ship and take returns,
//! answer customer requests and enter orders for customers; customers request a
//! cancellation, a change or a return, and confirm deliveries.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use shared::CompanyId;

use super::context::ContextExt;
use super::error::bad_input;
use super::orders::{
    Order, OrderActionEnum, OrderChannel, PlaceOrderInput, ReturnLine, order_request,
    parse_order_id,
};
use crate::domain::orders::fulfil::{self, Move, Moved, ReturnInput, ShipmentInput};
use crate::domain::orders::place;
use crate::domain::orders::read;
use crate::domain::orders::workflow::Action;
use crate::domain::{Actor, DomainError, Operation};

/// The carrier and tracking of a shipment.
#[derive(InputObject)]
pub struct ShipmentInputNode {
    pub carrier: String,
    pub tracking_number: String,
    /// The carrier's tracking page (https://...).
    pub tracking_url: Option<String>,
}

impl From<ShipmentInputNode> for ShipmentInput {
    fn from(input: ShipmentInputNode) -> ShipmentInput {
        ShipmentInput {
            carrier: input.carrier,
            tracking_number: input.tracking_number,
            tracking_url: input.tracking_url,
        }
    }
}

/// Why goods come back.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ReturnReason")]
pub enum ReturnReasonEnum {
    WrongItem,
    Damaged,
    Other,
}

impl ReturnReasonEnum {
    fn as_str(self) -> &'static str {
        match self {
            ReturnReasonEnum::WrongItem => "WRONG_ITEM",
            ReturnReasonEnum::Damaged => "DAMAGED",
            ReturnReasonEnum::Other => "OTHER",
        }
    }
}

/// Why one order of a bulk move did not move.
#[derive(SimpleObject)]
pub struct MoveError {
    /// The same codes as GraphQL errors: `INVALID_TRANSITION`, `CONFLICT`, `NOT_FOUND`...
    pub code: String,
    pub message: String,
}

/// The outcome for one order of a bulk move.
#[derive(SimpleObject)]
pub struct MoveResult {
    pub id: ID,
    /// The order after the move; null when it did not move.
    pub order: Option<Order>,
    pub error: Option<MoveError>,
}

/// A line of a pick list.
#[derive(SimpleObject)]
pub struct PickLine {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub unit: String,
    pub pack_size: i32,
    pub quantity: i32,
    /// Whole packs to pick (the quantity is a multiple of the pack size).
    pub packs: i32,
    pub on_hand: i64,
}

/// What to take from the shelves for one order, by SKU.
#[derive(SimpleObject)]
pub struct PickList {
    pub order: Order,
    pub lines: Vec<PickLine>,
}

fn order_id(id: &ID) -> Result<i64, DomainError> {
    parse_order_id(id).ok_or(DomainError::NotFound("order"))
}

fn staff_action(action: OrderActionEnum) -> async_graphql::Result<Action> {
    let action = Action::from(action);
    match action {
        Action::RequestCancellation | Action::RequestChange | Action::RequestReturn => {
            Err(bad_input(
                "Customers ask with requestOrderCancellation, requestOrderChange or requestReturn",
            ))
        }
        Action::Return => Err(bad_input(
            "A return names its lines and reason: use returnOrder",
        )),
        other => Ok(other),
    }
}

/// Applies one step to order `id` and announces what it changed.
async fn apply(
    ctx: &Context<'_>,
    actor: &Actor,
    id: &ID,
    step: &Move,
) -> async_graphql::Result<Order> {
    let id = order_id(id)?;
    let moved =
        fulfil::move_order(ctx.db()?, ctx.events()?, ctx.supplier()?, actor, id, step).await?;
    delivered(ctx, moved)
}

/// What comes back of an order, from the GraphQL arguments (all lines when none).
fn return_input(reason: ReturnReasonEnum, lines: Option<Vec<ReturnLine>>) -> ReturnInput {
    ReturnInput {
        lines: lines
            .unwrap_or_default()
            .into_iter()
            .map(|line| fulfil::ReturnLine {
                sku: line.sku,
                quantity: line.quantity,
            })
            .collect(),
        reason: reason.as_str().to_owned(),
    }
}

fn delivered(ctx: &Context<'_>, moved: Moved) -> async_graphql::Result<Order> {
    let events = ctx.events()?;
    events.committed(moved.stock_changes);
    events.order_committed(moved.order_change);
    Ok(moved.order.into())
}

#[derive(Default)]
pub struct FulfilmentQuery;

#[Object]
impl FulfilmentQuery {
    /// How many cancellation, change and return requests wait for an answer
    /// (supplier staff): the queue's alert. The orders are `orders(hasOpenRequest: true)`.
    async fn open_order_request_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        ctx.authorize(Operation::ManageFulfilment)?;
        let count = fulfil::open_request_count(ctx.db()?).await?;
        Ok(i64::try_from(count).unwrap_or(i64::MAX))
    }

    /// The pick list of an order (supplier staff), by SKU.
    async fn pick_list(&self, ctx: &Context<'_>, order_id: ID) -> async_graphql::Result<PickList> {
        ctx.authorize(Operation::ManageFulfilment)?;
        let id = self::order_id(&order_id)?;
        let (order, lines) = read::pick_list(ctx.db()?, id).await?;
        Ok(PickList {
            order: order.into(),
            lines: lines
                .into_iter()
                .map(|line| PickLine {
                    sku: line.sku,
                    name_he: line.name_he,
                    name_en: line.name_en,
                    unit: line.unit,
                    pack_size: line.pack_size,
                    quantity: line.quantity,
                    packs: line.quantity / line.pack_size.max(1),
                    on_hand: line.on_hand,
                })
                .collect(),
        })
    }
}

#[derive(Default)]
pub struct FulfilmentMutation;

#[Object]
impl FulfilmentMutation {
    /// Takes one step of the workflow (supplier staff): CONFIRM, START_PICKING, PACK
    /// (issues the invoice: the order lands in INVOICED), INVOICE, SHIP (with
    /// `shipment`), DELIVER, CANCEL (releases the stock; credits the invoice).
    async fn move_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        action: OrderActionEnum,
        comment: Option<String>,
        shipment: Option<ShipmentInputNode>,
        delivery_note: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let step = Move {
            action: Some(staff_action(action)?),
            comment: comment.unwrap_or_default(),
            shipment: shipment.map(Into::into),
            delivery_note: delivery_note.unwrap_or_default(),
            return_input: None,
        };
        apply(ctx, actor, &id, &step).await
    }

    /// Takes the same step for many orders (e.g. PACK for 30 picked orders), each in
    /// its own transaction; reports per order whether it moved.
    async fn move_orders(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
        action: OrderActionEnum,
        comment: Option<String>,
    ) -> async_graphql::Result<Vec<MoveResult>> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let action = staff_action(action)?;
        let mut parsed = Vec::with_capacity(ids.len());
        let mut results = Vec::new();
        for id in &ids {
            match parse_order_id(id) {
                Some(number) => parsed.push(number),
                None => results.push(MoveResult {
                    id: id.clone(),
                    order: None,
                    error: Some(MoveError {
                        code: "NOT_FOUND".to_owned(),
                        message: "No such order".to_owned(),
                    }),
                }),
            }
        }
        let step = Move::new(action, comment.unwrap_or_default());
        let moved = fulfil::move_orders(
            ctx.db()?,
            ctx.events()?,
            ctx.supplier()?,
            actor,
            &parsed,
            &step,
        )
        .await?;
        for (id, result) in moved {
            results.push(match result {
                Ok(moved) => MoveResult {
                    id: ID(id.to_string()),
                    order: Some(delivered(ctx, moved)?),
                    error: None,
                },
                Err(error) => {
                    let code = error.code().to_owned();
                    let message = async_graphql::Error::from(error).message;
                    MoveResult {
                        id: ID(id.to_string()),
                        order: None,
                        error: Some(MoveError { code, message }),
                    }
                }
            });
        }
        Ok(results)
    }

    /// Ships an invoiced order with its carrier and tracking (supplier staff). The
    /// stock leaves the warehouse now (on hand and reserved both go down).
    async fn ship_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        shipment: ShipmentInputNode,
        comment: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let step = Move {
            action: Some(Action::Ship),
            comment: comment.unwrap_or_default(),
            shipment: Some(shipment.into()),
            ..Default::default()
        };
        apply(ctx, actor, &id, &step).await
    }

    /// Confirms the delivery of a shipped order (supplier staff, or the customer who
    /// received it), with who signed for it.
    async fn confirm_delivery(
        &self,
        ctx: &Context<'_>,
        id: ID,
        delivery_note: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ConfirmDelivery)?;
        let step = Move {
            action: Some(Action::Deliver),
            delivery_note: delivery_note.unwrap_or_default(),
            ..Default::default()
        };
        apply(ctx, actor, &id, &step).await
    }

    /// Takes back a shipped or delivered order (supplier staff): the lines (all of the
    /// order when none are named) come back on hand and a credit note covers them.
    async fn return_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: ReturnReasonEnum,
        lines: Option<Vec<ReturnLine>>,
        comment: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let step = Move {
            action: Some(Action::Return),
            comment: comment.unwrap_or_default(),
            return_input: Some(return_input(reason, lines)),
            ..Default::default()
        };
        apply(ctx, actor, &id, &step).await
    }

    /// Asks the supplier to cancel an order (before it ships); the request goes on top
    /// of the supplier's queue and staff are alerted.
    async fn request_order_cancellation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::RequestOrderChanges)?;
        let step = Move::new(Action::RequestCancellation, reason);
        apply(ctx, actor, &id, &step).await
    }

    /// Asks the supplier to change an order (before picking ends): what should change.
    async fn request_order_change(
        &self,
        ctx: &Context<'_>,
        id: ID,
        message: String,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::RequestOrderChanges)?;
        let step = Move::new(Action::RequestChange, message);
        apply(ctx, actor, &id, &step).await
    }

    /// Asks to return goods of a shipped or delivered order (an RMA): the lines (all
    /// when none are named) and the reason.
    async fn request_return(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: ReturnReasonEnum,
        lines: Option<Vec<ReturnLine>>,
        message: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::RequestOrderChanges)?;
        let step = Move {
            action: Some(Action::RequestReturn),
            comment: message.unwrap_or_default(),
            return_input: Some(return_input(reason, lines)),
            ..Default::default()
        };
        apply(ctx, actor, &id, &step).await
    }

    /// Accepts a customer's request in one step (supplier staff): a cancellation
    /// cancels the order and releases its stock at once (or credits its invoice), a
    /// return restocks and credits the lines, a change is acknowledged.
    async fn accept_order_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        comment: Option<String>,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let id = parse_order_id(&id).ok_or(DomainError::NotFound("request"))?;
        let moved = fulfil::accept_request(
            ctx.db()?,
            ctx.events()?,
            ctx.supplier()?,
            actor,
            id,
            comment.as_deref().unwrap_or_default(),
        )
        .await?;
        delivered(ctx, moved)
    }

    /// Declines a customer's request with a reason the customer sees (supplier staff).
    async fn decline_order_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let id = parse_order_id(&id).ok_or(DomainError::NotFound("request"))?;
        let moved = fulfil::decline_request(ctx.db()?, ctx.events()?, actor, id, &reason).await?;
        delivered(ctx, moved)
    }

    /// Enters an order a customer gave by phone, e-mail or WhatsApp (supplier staff):
    /// the customer's catalog, prices, stock and credit limit apply, the channel is
    /// recorded, and the order goes to the queue as SUBMITTED (the customer decided).
    async fn place_order_for(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        channel: OrderChannel,
        input: PlaceOrderInput,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::ManageFulfilment)?;
        let company = parse_order_id(&company_id)
            .map(CompanyId)
            .ok_or(DomainError::NotFound("company"))?;
        let events = ctx.events()?;
        let placed = place::place_for(
            ctx.db()?,
            actor,
            company,
            channel.into(),
            order_request(input)?,
            events,
        )
        .await?;
        events.committed(placed.stock_changes);
        if let Some(change) = placed.order_change {
            events.order_committed(change);
        }
        Ok(placed.order.into())
    }
}
