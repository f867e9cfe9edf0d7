//! The buyer's server-side cart and saved order lists. The cart accepts any positive
//! quantity and reports each line's problems (below the minimum, not whole packs, more
//! than available) so the buyer can fix them; `placeOrder` enforces the rules.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use shared::{Money, Sku};

use super::catalog::offers::{available, list_prices, price_context};
use super::catalog::{CatalogViewer, Product, listing};
use super::error::violated_unique_constraint;
use super::orders::{OrderScope, read};
use super::pricing::{line_total, unit_price};
use super::{Actor, DomainError};
use crate::entities::{cart_line, product, saved_list, saved_list_line};

pub const MAX_CART_LINES: usize = 500;
pub const MAX_LINE_QUANTITY: i64 = 1_000_000;

/// What stops a cart line from being ordered as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineProblem {
    BelowMinimum,
    NotWholePacks,
    MoreThanAvailable,
    NoPrice,
}

impl LineProblem {
    pub fn code(self) -> &'static str {
        match self {
            LineProblem::BelowMinimum => "BELOW_MINIMUM",
            LineProblem::NotWholePacks => "NOT_WHOLE_PACKS",
            LineProblem::MoreThanAvailable => "MORE_THAN_AVAILABLE",
            LineProblem::NoPrice => "NO_PRICE",
        }
    }
}

#[derive(Clone, Debug)]
pub struct CartLine {
    pub product: Product,
    pub quantity: i32,
    pub unit_price: Option<Money>,
    pub line_total: Option<Money>,
    pub available: i64,
    pub problems: Vec<LineProblem>,
}

#[derive(Clone, Debug)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
}

/// Why the cart refused a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectCode {
    /// Not a well-formed SKU.
    InvalidSku,
    /// No such product in the caller's catalog.
    UnknownSku,
    /// Zero, negative or absurdly large.
    BadQuantity,
}

impl RejectCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::InvalidSku => "INVALID_SKU",
            RejectCode::UnknownSku => "UNKNOWN_SKU",
            RejectCode::BadQuantity => "BAD_QUANTITY",
        }
    }
}

/// A line the cart refused (an unknown SKU in a paste, a bad quantity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedLine {
    pub sku: String,
    pub code: RejectCode,
    pub reason: String,
}

/// The cart of the caller with live prices (tier at the line's quantity) and stock.
/// Lines whose product left the caller's catalog are dropped.
pub async fn cart(db: &impl ConnectionTrait, actor: &Actor) -> Result<Cart, DomainError> {
    let rows = cart_line::Entity::find()
        .filter(cart_line::Column::UserId.eq(actor.user_id.0))
        .order_by_asc(cart_line::Column::UpdatedAt)
        .all(db)
        .await?;
    let quantities: Vec<(i64, i32)> = rows
        .iter()
        .map(|row| (row.product_id, row.quantity))
        .collect();
    priced(db, actor, &quantities).await
}

async fn priced(
    db: &impl ConnectionTrait,
    actor: &Actor,
    quantities: &[(i64, i32)],
) -> Result<Cart, DomainError> {
    let viewer = CatalogViewer::from(actor);
    let ids: Vec<i64> = quantities.iter().map(|(id, _)| *id).collect();
    let skus: Vec<String> = listing::skus_of(db, &ids)
        .await?
        .into_iter()
        .map(|(_, sku)| sku)
        .collect();
    let visible: std::collections::HashSet<i64> = listing::visible_ids(db, viewer, Some(&skus))
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let products: HashMap<i64, Product> = product::Entity::find()
        .filter(product::Column::Id.is_in(visible.iter().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, Product::from(row)))
        .collect();
    let context = price_context(db, viewer).await?;
    let prices = list_prices(db, &context, &ids).await?;
    let stock = available(db, &ids).await?;
    let mut lines = Vec::new();
    for (product_id, quantity) in quantities {
        let Some(product) = products.get(product_id).cloned() else {
            continue;
        };
        let count = u32::try_from(*quantity).unwrap_or(0);
        let unit = prices
            .get(product_id)
            .map(|list| unit_price(list, context.discount, count));
        let available = stock.get(product_id).copied().unwrap_or(0);
        let mut problems = Vec::new();
        if *quantity < product.min_order_quantity {
            problems.push(LineProblem::BelowMinimum);
        }
        if product.pack_size > 0 && quantity % product.pack_size != 0 {
            problems.push(LineProblem::NotWholePacks);
        }
        if i64::from(*quantity) > available {
            problems.push(LineProblem::MoreThanAvailable);
        }
        if unit.is_none() {
            problems.push(LineProblem::NoPrice);
        }
        lines.push(CartLine {
            line_total: unit.map(|unit| line_total(unit, count)),
            unit_price: unit,
            quantity: *quantity,
            available,
            problems,
            product,
        });
    }
    let subtotal: Money = lines.iter().filter_map(|line| line.line_total).sum();
    let vat = subtotal.vat();
    Ok(Cart {
        lines,
        subtotal,
        vat,
        total: subtotal + vat,
    })
}

fn parse_quantity(sku: &str, quantity: i64) -> Result<i32, String> {
    if quantity <= 0 || quantity > MAX_LINE_QUANTITY {
        return Err(format!(
            "{sku}: the quantity must be between 1 and {MAX_LINE_QUANTITY}"
        ));
    }
    i32::try_from(quantity).map_err(|_| format!("{sku}: the quantity is too large"))
}

/// Sets one line's quantity; 0 removes the line.
pub async fn set_line(
    db: &impl ConnectionTrait,
    actor: &Actor,
    sku: &str,
    quantity: i64,
) -> Result<Cart, DomainError> {
    let sku = Sku::parse(sku).map_err(|error| DomainError::bad_input(error.to_string()))?;
    let viewer = CatalogViewer::from(actor);
    let product = listing::find_by_sku(db, viewer, sku.as_str())
        .await?
        .ok_or_else(|| DomainError::bad_input(format!("{sku}: no such product in your catalog")))?;
    if quantity == 0 {
        cart_line::Entity::delete_many()
            .filter(cart_line::Column::UserId.eq(actor.user_id.0))
            .filter(cart_line::Column::ProductId.eq(product.id))
            .exec(db)
            .await?;
        return cart(db, actor).await;
    }
    let quantity = parse_quantity(sku.as_str(), quantity).map_err(DomainError::BadInput)?;
    upsert_line(db, actor, product.id, quantity).await?;
    cart(db, actor).await
}

async fn upsert_line(
    db: &impl ConnectionTrait,
    actor: &Actor,
    product_id: i64,
    quantity: i32,
) -> Result<(), DomainError> {
    cart_line::Entity::insert(cart_line::ActiveModel {
        user_id: Set(actor.user_id.0),
        product_id: Set(product_id),
        quantity: Set(quantity),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([cart_line::Column::UserId, cart_line::Column::ProductId])
            .update_columns([cart_line::Column::Quantity, cart_line::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Adds quantities to the cart (a pasted list, a reorder, a saved list). Lines that
/// cannot be added are returned with the reason; the others are added.
pub async fn add_lines(
    db: &impl ConnectionTrait,
    actor: &Actor,
    lines: &[(String, i64)],
) -> Result<(Cart, Vec<RejectedLine>), DomainError> {
    if lines.len() > MAX_CART_LINES {
        return Err(DomainError::bad_input(format!(
            "At most {MAX_CART_LINES} lines at once"
        )));
    }
    let viewer = CatalogViewer::from(actor);
    let mut rejected = Vec::new();
    let mut wanted: Vec<(String, i64)> = Vec::new();
    for (text, quantity) in lines {
        match Sku::parse(text) {
            Err(error) => rejected.push(RejectedLine {
                sku: text.clone(),
                code: RejectCode::InvalidSku,
                reason: error.to_string(),
            }),
            Ok(_) if *quantity <= 0 || *quantity > MAX_LINE_QUANTITY => {
                rejected.push(RejectedLine {
                    sku: text.clone(),
                    code: RejectCode::BadQuantity,
                    reason: format!("the quantity must be between 1 and {MAX_LINE_QUANTITY}"),
                })
            }
            Ok(sku) => wanted.push((sku.to_string(), *quantity)),
        }
    }
    let skus: Vec<String> = wanted.iter().map(|(sku, _)| sku.clone()).collect();
    let visible: HashMap<String, i64> = listing::visible_ids(db, viewer, Some(&skus))
        .await?
        .into_iter()
        .map(|(id, sku)| (sku, id))
        .collect();
    let existing: HashMap<i64, i32> = cart_line::Entity::find()
        .filter(cart_line::Column::UserId.eq(actor.user_id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.quantity))
        .collect();
    // In the order the lines came (a paste keeps its order in the cart).
    let mut totals: Vec<(i64, i64)> = Vec::new();
    for (sku, quantity) in wanted {
        match visible.get(&sku) {
            Some(id) => match totals.iter_mut().find(|(product, _)| product == id) {
                Some((_, total)) => *total += quantity,
                None => totals.push((
                    *id,
                    i64::from(existing.get(id).copied().unwrap_or(0)) + quantity,
                )),
            },
            None => rejected.push(RejectedLine {
                sku,
                code: RejectCode::UnknownSku,
                reason: "no such product in your catalog".to_owned(),
            }),
        }
    }
    for (product_id, quantity) in totals {
        let quantity = i32::try_from(quantity.min(MAX_LINE_QUANTITY)).unwrap_or(i32::MAX);
        upsert_line(db, actor, product_id, quantity).await?;
    }
    Ok((cart(db, actor).await?, rejected))
}

pub async fn clear(db: &impl ConnectionTrait, actor: &Actor) -> Result<(), DomainError> {
    cart_line::Entity::delete_many()
        .filter(cart_line::Column::UserId.eq(actor.user_id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts the lines of a previous order of the caller's company into the cart.
pub async fn reorder(
    db: &impl ConnectionTrait,
    actor: &Actor,
    order_id: i64,
) -> Result<(Cart, Vec<RejectedLine>), DomainError> {
    let order = read::get(
        db,
        OrderScope::Customer(actor.customer_company()?),
        order_id,
    )
    .await?;
    let lines: Vec<(String, i64)> = order
        .lines
        .iter()
        .map(|line| (line.sku.clone(), i64::from(line.quantity)))
        .collect();
    add_lines(db, actor, &lines).await
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedList {
    pub id: i64,
    pub name: String,
    pub line_count: usize,
}

pub async fn saved_lists(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<SavedList>, DomainError> {
    let lists = saved_list::Entity::find()
        .filter(saved_list::Column::UserId.eq(actor.user_id.0))
        .order_by_asc(saved_list::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i64> = lists.iter().map(|list| list.id).collect();
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for line in saved_list_line::Entity::find()
        .filter(saved_list_line::Column::ListId.is_in(ids))
        .all(db)
        .await?
    {
        *counts.entry(line.list_id).or_default() += 1;
    }
    Ok(lists
        .into_iter()
        .map(|list| SavedList {
            line_count: counts.get(&list.id).copied().unwrap_or(0),
            id: list.id,
            name: list.name,
        })
        .collect())
}

/// Saves the current cart as a named list (a list with the same name is replaced).
pub async fn save_cart_as(
    db: &impl ConnectionTrait,
    actor: &Actor,
    name: &str,
) -> Result<SavedList, DomainError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(DomainError::bad_input(
            "A list name must have 1 to 120 characters",
        ));
    }
    let lines = cart_line::Entity::find()
        .filter(cart_line::Column::UserId.eq(actor.user_id.0))
        .all(db)
        .await?;
    if lines.is_empty() {
        return Err(DomainError::bad_input(
            "The cart is empty: there is nothing to save",
        ));
    }
    saved_list::Entity::delete_many()
        .filter(saved_list::Column::UserId.eq(actor.user_id.0))
        .filter(saved_list::Column::Name.eq(name))
        .exec(db)
        .await?;
    let list = saved_list::ActiveModel {
        user_id: Set(actor.user_id.0),
        name: Set(name.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    let list = match list {
        Ok(list) => list,
        Err(error) if violated_unique_constraint(&error).is_some() => {
            return Err(DomainError::Conflict(format!(
                "A list named '{name}' is being saved; try again"
            )));
        }
        Err(error) => return Err(error.into()),
    };
    for line in &lines {
        saved_list_line::ActiveModel {
            list_id: Set(list.id),
            product_id: Set(line.product_id),
            quantity: Set(line.quantity),
        }
        .insert(db)
        .await?;
    }
    Ok(SavedList {
        id: list.id,
        name: list.name,
        line_count: lines.len(),
    })
}

async fn own_list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<saved_list::Model, DomainError> {
    saved_list::Entity::find_by_id(id)
        .filter(saved_list::Column::UserId.eq(actor.user_id.0))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("saved list"))
}

/// Adds a saved list's lines to the cart.
pub async fn add_saved_list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<(Cart, Vec<RejectedLine>), DomainError> {
    let list = own_list(db, actor, id).await?;
    let lines = saved_list_line::Entity::find()
        .filter(saved_list_line::Column::ListId.eq(list.id))
        .all(db)
        .await?;
    let skus: HashMap<i64, String> = listing::skus_of(
        db,
        &lines.iter().map(|line| line.product_id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .collect();
    let wanted: Vec<(String, i64)> = lines
        .iter()
        .filter_map(|line| {
            skus.get(&line.product_id)
                .map(|sku| (sku.clone(), i64::from(line.quantity)))
        })
        .collect();
    add_lines(db, actor, &wanted).await
}

pub async fn delete_saved_list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<(), DomainError> {
    let list = own_list(db, actor, id).await?;
    saved_list::Entity::delete_by_id(list.id).exec(db).await?;
    Ok(())
}
