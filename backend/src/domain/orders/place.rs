//! Placing an order: every line validated and priced, the approval rules and the
//! credit limit applied, and stock reserved, all in one transaction. A race for the
//! last units never oversells: each reservation is a conditional update.

use std::collections::BTreeMap;

use chrono::{Datelike, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter,
};
use shared::{CompanyId, Money, OrderStatus, Sku};

use super::read;
use super::{Order, OrderChange};
use crate::db::money;
use crate::domain::approval::{self, ApprovalDecision, ApprovalPolicy, BudgetUse};
use crate::domain::catalog::CatalogViewer;
use crate::domain::catalog::offers::{list_prices, price_context_of};
use crate::domain::catalog::stock::{self, Reservation};
use crate::domain::catalog::visibility::visible_products;
use crate::domain::cost_centers;
use crate::domain::error::violated_unique_constraint;
use crate::domain::pricing::{line_total, unit_price};
use crate::domain::suggestions::counts::{self as suggestion_counts, Basket};
use crate::domain::{Actor, DomainError};
use crate::entities::{
    company, cost_center, order, order_event, order_line, product, stock_movement, user,
};
use crate::events::{EventBus, StockChange};

pub const MAX_LINES: usize = 500;
pub const MAX_QUANTITY: i64 = 1_000_000;
pub const MAX_NOTE_LENGTH: usize = 1_000;
pub const MAX_IDEMPOTENCY_KEY_LENGTH: usize = 100;

pub struct LineRequest {
    pub sku: String,
    pub quantity: i64,
}

pub struct OrderRequest {
    pub lines: Vec<LineRequest>,
    pub cost_center_id: Option<i64>,
    pub note: String,
    pub idempotency_key: Option<String>,
}

/// A priced, validated line.
struct PricedLine {
    product: product::Model,
    quantity: i32,
    unit_price: Money,
    line_total: Money,
}

/// What placing the order would do, without writing: the checkout preview.
pub struct Quote {
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    pub decision: ApprovalDecision,
    pub cost_center: Option<String>,
}

fn line_error(sku: &str, message: impl std::fmt::Display) -> DomainError {
    DomainError::bad_input(format!("{sku}: {message}"))
}

/// Validates and prices every line for the caller's company (whose row the caller
/// read); SKUs that repeat are merged into one line.
async fn price_lines(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company: &company::Model,
    lines: &[LineRequest],
) -> Result<Vec<PricedLine>, DomainError> {
    if lines.is_empty() {
        return Err(DomainError::bad_input("An order needs at least one line"));
    }
    if lines.len() > MAX_LINES {
        return Err(DomainError::bad_input(format!(
            "An order may have at most {MAX_LINES} lines"
        )));
    }
    let mut quantities: BTreeMap<String, i64> = BTreeMap::new();
    for line in lines {
        let sku =
            Sku::parse(&line.sku).map_err(|error| DomainError::bad_input(error.to_string()))?;
        if line.quantity <= 0 || line.quantity > MAX_QUANTITY {
            return Err(line_error(
                sku.as_str(),
                format!("the quantity must be between 1 and {MAX_QUANTITY}"),
            ));
        }
        let total = quantities.entry(sku.to_string()).or_insert(0);
        *total += line.quantity;
        if *total > MAX_QUANTITY {
            return Err(line_error(
                sku.as_str(),
                format!("the quantity must be between 1 and {MAX_QUANTITY}"),
            ));
        }
    }
    let viewer = CatalogViewer::from(actor);
    let skus: Vec<String> = quantities.keys().cloned().collect();
    // The products of the lines, only those of the buyer's catalog, in one query.
    let products: std::collections::HashMap<i64, product::Model> = product::Entity::find()
        .filter(visible_products(db.get_database_backend(), viewer))
        .filter(product::Column::Sku.is_in(skus.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let visible: std::collections::HashMap<String, i64> = products
        .values()
        .map(|row| (row.sku.clone(), row.id))
        .collect();
    if let Some(unknown) = skus.iter().find(|sku| !visible.contains_key(*sku)) {
        return Err(line_error(unknown, "no such product in your catalog"));
    }
    let context = price_context_of(db, Some(company)).await?;
    let ids: Vec<i64> = products.keys().copied().collect();
    let prices = list_prices(db, &context, &ids).await?;
    let mut priced = Vec::with_capacity(quantities.len());
    for (sku, quantity) in quantities {
        let product_id = visible.get(&sku).copied().unwrap_or_default();
        let product = products
            .get(&product_id)
            .cloned()
            .ok_or_else(|| line_error(&sku, "no such product in your catalog"))?;
        let quantity =
            i32::try_from(quantity).map_err(|_| line_error(&sku, "the quantity is too large"))?;
        if quantity < product.min_order_quantity {
            return Err(line_error(
                &sku,
                format!(
                    "the minimum order quantity is {}",
                    product.min_order_quantity
                ),
            ));
        }
        if quantity % product.pack_size != 0 {
            return Err(line_error(
                &sku,
                format!(
                    "sold in packs of {}: order a multiple of it",
                    product.pack_size
                ),
            ));
        }
        let list = prices
            .get(&product_id)
            .ok_or_else(|| line_error(&sku, "this product has no price for you yet"))?;
        let unit = unit_price(list, context.discount, quantity as u32);
        priced.push(PricedLine {
            unit_price: unit,
            line_total: line_total(unit, quantity as u32),
            quantity,
            product,
        });
    }
    Ok(priced)
}

async fn budget_use(
    db: &impl ConnectionTrait,
    actor: &Actor,
    cost_center_id: Option<i64>,
) -> Result<Option<BudgetUse>, DomainError> {
    let Some(id) = cost_center_id else {
        return Ok(None);
    };
    let company = actor.customer_company()?;
    let center = cost_center::Entity::find_by_id(id)
        .filter(cost_center::Column::CompanyId.eq(company.0))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::bad_input("No such cost centre in your company"))?;
    let now = Utc::now();
    let spent = cost_centers::spent_this_month(db, company, Some(id)).await?;
    Ok(Some(BudgetUse {
        cost_center: center.name,
        month: format!("{:04}-{:02}", now.year(), now.month()),
        monthly_budget: money::from_db_opt(center.monthly_budget),
        spent_this_month: spent.get(&id).copied().unwrap_or_default(),
    }))
}

async fn decision_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company_row: &company::Model,
    subtotal: Money,
    cost_center_id: Option<i64>,
) -> Result<(ApprovalDecision, Option<String>), DomainError> {
    let buyer = user::Entity::find_by_id(actor.user_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("user"))?;
    let policy = ApprovalPolicy {
        auto_approval_limit: money::from_db_opt(company_row.auto_approval_limit),
        dual_approval_limit: money::from_db_opt(company_row.dual_approval_limit),
    };
    let budget = budget_use(db, actor, cost_center_id).await?;
    let decision = approval::decide(
        subtotal,
        policy,
        money::from_db_opt(buyer.order_limit),
        budget.as_ref(),
    );
    Ok((decision, budget.map(|budget| budget.cost_center)))
}

/// The row of the company the actor orders for, read once per order and passed on.
async fn actor_company(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<company::Model, DomainError> {
    company::Entity::find_by_id(actor.customer_company()?.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))
}

/// The checkout preview: totals, the approvals needed and why, the budget impact.
pub async fn quote(
    db: &impl ConnectionTrait,
    actor: &Actor,
    request: &OrderRequest,
) -> Result<Quote, DomainError> {
    let company = actor_company(db, actor).await?;
    let lines = price_lines(db, actor, &company, &request.lines).await?;
    let subtotal: Money = lines.iter().map(|line| line.line_total).sum();
    let vat = subtotal.vat();
    let (decision, cost_center) =
        decision_for(db, actor, &company, subtotal, request.cost_center_id).await?;
    Ok(Quote {
        subtotal,
        vat,
        total: subtotal + vat,
        decision,
        cost_center,
    })
}

/// The ledger's open debt plus open orders plus this order must stay within the
/// credit limit (rule 6). Called once the order is written in the placing
/// transaction (so the open orders include it); both sums are read after the
/// company's row is locked until commit (`companies::lock`): on PostgreSQL two orders
/// placed at once would otherwise each read the exposure without the other and both
/// pass. Recording the order for suggestions, right after, relies on the same lock.
async fn check_credit(
    txn: &DatabaseTransaction,
    company_id: CompanyId,
    total: Money,
) -> Result<(), DomainError> {
    let company = crate::domain::companies::lock(txn, company_id).await?;
    let (balance, open_with_this) = crate::domain::ledger::exposure(txn, company_id).await?;
    let open_orders = open_with_this - total;
    let open = balance + open_orders;
    let limit = money::from_db(company.credit_limit);
    if open + total > limit {
        return Err(DomainError::CreditLimit(format!(
            "This order ({} incl. VAT) would bring open debt ({}) and open orders ({}) to {}, \
             above your credit limit of {}; it is held until payments come in or the limit is raised",
            total.format_ils(),
            balance.format_ils(),
            open_orders.format_ils(),
            (open + total).format_ils(),
            limit.format_ils()
        )));
    }
    Ok(())
}

pub struct Placed {
    pub order: Order,
    pub stock_changes: Vec<StockChange>,
    pub order_change: Option<OrderChange>,
}

/// How an order reached the supplier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Portal,
    Phone,
    Email,
    WhatsApp,
    Api,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Portal,
        Channel::Phone,
        Channel::Email,
        Channel::WhatsApp,
        Channel::Api,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "PORTAL",
            Channel::Phone => "PHONE",
            Channel::Email => "EMAIL",
            Channel::WhatsApp => "WHATSAPP",
            Channel::Api => "API",
        }
    }

    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == name)
    }
}

/// Places the order in one transaction. With an idempotency key, a retried submit
/// returns the first order instead of placing a second one.
pub async fn place(
    db: &DatabaseConnection,
    actor: &Actor,
    request: OrderRequest,
    events: &EventBus,
) -> Result<Placed, DomainError> {
    place_through(db, actor, request, events, Channel::Portal).await
}

/// Staff enter an order a customer gave by phone, e-mail or WhatsApp: the same
/// validation, personal prices, stock reservation and credit check as the portal,
/// with the channel recorded and the staff member as the one who placed it.
///
/// **The company's approval rules do not apply.** They exist so that a buyer's order
/// waits for the company's approver inside the customer's portal; an order the
/// customer dictated to the supplier was already decided on by the customer, and an
/// order that waited for an approval the customer's approvers never see coming would
/// be lost. The order goes to the queue as `SUBMITTED`. The credit limit still applies.
pub async fn place_for(
    db: &DatabaseConnection,
    staff: &Actor,
    company_id: CompanyId,
    channel: Channel,
    request: OrderRequest,
    events: &EventBus,
) -> Result<Placed, DomainError> {
    if !staff.is_supplier_staff() {
        return Err(DomainError::Forbidden);
    }
    if channel == Channel::Portal {
        return Err(DomainError::bad_input(
            "An order entered for a customer came by PHONE, EMAIL, WHATSAPP or API",
        ));
    }
    company::Entity::find_by_id(company_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    // The staff member acts inside the company's catalog and prices.
    let acting = Actor {
        company_id: Some(company_id),
        ..staff.clone()
    };
    place_through(db, &acting, request, events, channel).await
}

pub(super) async fn place_through(
    db: &DatabaseConnection,
    actor: &Actor,
    request: OrderRequest,
    events: &EventBus,
    channel: Channel,
) -> Result<Placed, DomainError> {
    let company_id = actor.customer_company()?;
    let key = match request
        .idempotency_key
        .as_deref()
        .map(str::trim)
        .filter(|key| !key.is_empty())
    {
        Some(key) if key.len() > MAX_IDEMPOTENCY_KEY_LENGTH => {
            return Err(DomainError::bad_input(format!(
                "The idempotency key may have at most {MAX_IDEMPOTENCY_KEY_LENGTH} characters"
            )));
        }
        key => key.map(str::to_owned),
    };
    if let Some(existing) = find_by_key(db, actor, key.as_deref()).await? {
        return Ok(Placed {
            order: existing,
            stock_changes: Vec::new(),
            order_change: None,
        });
    }
    let note = request.note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The note may have at most {MAX_NOTE_LENGTH} characters"
        )));
    }

    let txn = crate::db::begin_write(db).await?;
    let company = actor_company(&txn, actor).await?;
    crate::domain::companies::ensure_may_order(&company)?;
    let mut lines = price_lines(&txn, actor, &company, &request.lines).await?;
    // In product order: the order of the reservation's row locks (see `stock::reserve`).
    lines.sort_by_key(|line| line.product.id);
    let subtotal: Money = lines.iter().map(|line| line.line_total).sum();
    let vat = subtotal.vat();
    let total = subtotal + vat;
    let decision = if channel == Channel::Portal {
        decision_for(&txn, actor, &company, subtotal, request.cost_center_id)
            .await?
            .0
    } else {
        // Checks the cost centre belongs to the company; no approval (see `place_for`).
        budget_use(&txn, actor, request.cost_center_id).await?;
        ApprovalDecision {
            approvals_required: 0,
            reasons: Vec::new(),
            budget_left_after: None,
        }
    };

    let now = Utc::now();
    let status = if decision.approvals_required == 0 {
        OrderStatus::Submitted
    } else {
        OrderStatus::PendingApproval
    };
    let stored = |amount: Money| {
        money::to_db(amount).ok_or_else(|| DomainError::bad_input("The order total is too large"))
    };
    let inserted = order::ActiveModel {
        number: Set(String::new()),
        company_id: Set(company.id),
        placed_by: Set(actor.user_id.0),
        status: Set(status.as_str().to_owned()),
        channel: Set(channel.as_str().to_owned()),
        cost_center_id: Set(request.cost_center_id),
        note: Set(note),
        subtotal: Set(stored(subtotal)?),
        vat: Set(stored(vat)?),
        total: Set(stored(total)?),
        approvals_required: Set(i32::from(decision.approvals_required)),
        approval_reasons: Set(
            serde_json::to_string(&decision.reasons).unwrap_or_else(|_| "[]".to_owned())
        ),
        idempotency_key: Set(key.clone()),
        version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set((status == OrderStatus::Submitted).then_some(now)),
        api_key_id: Set(actor.api_key.as_ref().map(|grant| grant.key_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let inserted = match inserted {
        Ok(row) => row,
        Err(error) if key.is_some() && violated_unique_constraint(&error).is_some() => {
            // Another submit with the same key won the race: answer with its order.
            txn.rollback().await.ok();
            let existing = find_by_key(db, actor, key.as_deref())
                .await?
                .ok_or_else(|| {
                    DomainError::Conflict("The order is being placed; try again".to_owned())
                })?;
            return Ok(Placed {
                order: existing,
                stock_changes: Vec::new(),
                order_change: None,
            });
        }
        Err(error) => return Err(error.into()),
    };
    let number = format!("SO-{:06}", inserted.id);
    order::Entity::update_many()
        .col_expr(order::Column::Number, Expr::value(number.clone()))
        .filter(order::Column::Id.eq(inserted.id))
        .exec(&txn)
        .await?;

    let mut order_lines = Vec::with_capacity(lines.len());
    let mut movements = Vec::with_capacity(lines.len());
    for line in &lines {
        let quantity = i64::from(line.quantity);
        order_lines.push(order_line::ActiveModel {
            order_id: Set(inserted.id),
            product_id: Set(line.product.id),
            sku: Set(line.product.sku.clone()),
            name_he: Set(line.product.name_he.clone()),
            name_en: Set(line.product.name_en.clone()),
            quantity: Set(line.quantity),
            unit_price: Set(money::to_db_rounded(line.unit_price)),
            line_total: Set(stored(line.line_total)?),
            ..Default::default()
        });
        movements.push(stock_movement::ActiveModel {
            product_id: Set(line.product.id),
            on_hand_delta: Set(0),
            reserved_delta: Set(quantity),
            reason: Set("ORDER".to_owned()),
            note: Set(number.clone()),
            actor_id: Set(Some(actor.user_id.0)),
            created_at: Set(now),
            ..Default::default()
        });
    }
    // One statement each for the lines and the stock movements, however many lines.
    order_line::Entity::insert_many(order_lines)
        .exec_without_returning(&txn)
        .await?;
    stock_movement::Entity::insert_many(movements)
        .exec_without_returning(&txn)
        .await?;
    let comment = decision
        .reasons
        .iter()
        .map(|reason| reason.message())
        .collect::<Vec<_>>()
        .join("; ");
    order_event::ActiveModel {
        order_id: Set(inserted.id),
        at: Set(now),
        kind: Set("PLACED".to_owned()),
        status: Set(status.as_str().to_owned()),
        actor_id: Set(Some(actor.user_id.0)),
        comment: Set(comment),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let order_change = OrderChange {
        order_id: inserted.id,
        company_id: company.id,
        status: status.as_str().to_owned(),
    };
    // Notifications: approvers of a pending order, in-app and e-mail, in this transaction.
    if status == OrderStatus::PendingApproval {
        crate::notifications::on_order_placed(&txn, inserted.id).await?;
    } else {
        crate::webhooks::on_order_created(&txn, inserted.id).await?;
    }
    // The stock rows are locked from here to commit (a concurrent order for the same
    // products waits), so the reservation comes after everything else the order writes.
    let wanted: BTreeMap<i64, i64> = lines
        .iter()
        .map(|line| (line.product.id, i64::from(line.quantity)))
        .collect();
    let levels = match stock::reserve(&txn, &wanted, now).await? {
        Reservation::Made(levels) => levels,
        Reservation::Short {
            product_id,
            available,
        } => {
            let line = lines.iter().find(|line| line.product.id == product_id);
            return Err(DomainError::OutOfStock(format!(
                "{}: only {available} available, {} ordered",
                line.map_or("", |line| line.product.sku.as_str()),
                line.map_or(0, |line| line.quantity)
            )));
        }
    };
    // The new levels, as the reservation returned them, for the live updates.
    let stock_changes: Vec<StockChange> = lines
        .iter()
        .map(|line| StockChange {
            product_id: line.product.id,
            sku: line.product.sku.clone(),
            available: levels.get(&line.product.id).copied().unwrap_or(0),
        })
        .collect();
    events
        .announce_with_order_in(&txn, &stock_changes, Some(&order_change))
        .await?;
    // Last, the two steps that lock the company's row until commit, so that the
    // company's other orders wait for as short a time as possible (most of the time
    // of a burst of one company's orders was spent waiting for that lock).
    check_credit(&txn, company_id, total).await?;
    // The order is evidence for suggestions from now on (until rejected or cancelled).
    let product_ids: Vec<i64> = lines.iter().map(|line| line.product.id).collect();
    let basket = Basket::new(company.id, now.date_naive(), product_ids);
    suggestion_counts::record_placed(&txn, &basket).await?;
    txn.commit().await?;
    let order = read::get(db, super::OrderScope::Customer(company_id), inserted.id).await?;
    Ok(Placed {
        order,
        stock_changes,
        order_change: Some(order_change),
    })
}

async fn find_by_key(
    db: &impl ConnectionTrait,
    actor: &Actor,
    key: Option<&str>,
) -> Result<Option<Order>, DomainError> {
    let Some(key) = key else { return Ok(None) };
    // Staff entering orders for several companies: a key names one company's order.
    let row = order::Entity::find()
        .filter(order::Column::PlacedBy.eq(actor.user_id.0))
        .filter(order::Column::CompanyId.eq(actor.customer_company()?.0))
        .filter(order::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?;
    match row {
        Some(row) => Ok(read::hydrate(db, vec![row]).await?.pop()),
        None => Ok(None),
    }
}
