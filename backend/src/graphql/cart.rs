//! The buyer's cart, quick order paste, reorder and saved lists.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use shared::Language;

use super::context::ContextExt;
use super::scalars::DecimalScalar;
use crate::domain::cart::{self, RejectedLine};
use crate::domain::{DomainError, Operation};

#[derive(SimpleObject)]
pub struct CartLine {
    pub sku: String,
    /// The name in the caller's language.
    pub name: String,
    pub unit: String,
    pub pack_size: i32,
    pub min_order_quantity: i32,
    pub quantity: i32,
    /// The net unit price at this quantity (tier applied); null when not priced.
    pub unit_price: Option<DecimalScalar>,
    pub line_total: Option<DecimalScalar>,
    /// Live availability.
    pub available: i64,
    /// `BELOW_MINIMUM`, `NOT_WHOLE_PACKS`, `MORE_THAN_AVAILABLE`, `NO_PRICE`.
    pub problems: Vec<String>,
}

#[derive(SimpleObject)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub subtotal: DecimalScalar,
    pub vat: DecimalScalar,
    pub total: DecimalScalar,
}

impl Cart {
    fn from_domain(cart: cart::Cart, language: Language) -> Cart {
        Cart {
            lines: cart
                .lines
                .into_iter()
                .map(|line| CartLine {
                    sku: line.product.sku,
                    name: match language {
                        Language::He => line.product.name_he,
                        Language::En => line.product.name_en,
                    },
                    unit: line.product.unit,
                    pack_size: line.product.pack_size,
                    min_order_quantity: line.product.min_order_quantity,
                    quantity: line.quantity,
                    unit_price: line.unit_price.map(Into::into),
                    line_total: line.line_total.map(Into::into),
                    available: line.available,
                    problems: line
                        .problems
                        .iter()
                        .map(|problem| problem.code().to_owned())
                        .collect(),
                })
                .collect(),
            subtotal: cart.subtotal.into(),
            vat: cart.vat.into(),
            total: cart.total.into(),
        }
    }
}

#[derive(SimpleObject)]
pub struct RejectedCartLine {
    pub sku: String,
    /// `INVALID_SKU`, `UNKNOWN_SKU` (not in the caller's catalog) or `BAD_QUANTITY`.
    pub code: String,
    /// The reason in English words.
    pub reason: String,
}

/// The cart after adding lines, and the lines that could not be added.
#[derive(SimpleObject)]
pub struct AddToCartResult {
    pub cart: Cart,
    pub rejected: Vec<RejectedCartLine>,
}

fn result(cart: cart::Cart, rejected: Vec<RejectedLine>, language: Language) -> AddToCartResult {
    AddToCartResult {
        cart: Cart::from_domain(cart, language),
        rejected: rejected
            .into_iter()
            .map(|line| RejectedCartLine {
                sku: line.sku,
                code: line.code.as_str().to_owned(),
                reason: line.reason,
            })
            .collect(),
    }
}

#[derive(SimpleObject)]
pub struct SavedList {
    pub id: ID,
    pub name: String,
    pub line_count: i32,
}

impl From<cart::SavedList> for SavedList {
    fn from(list: cart::SavedList) -> SavedList {
        SavedList {
            id: ID(list.id.to_string()),
            name: list.name,
            line_count: i32::try_from(list.line_count).unwrap_or(i32::MAX),
        }
    }
}

#[derive(InputObject)]
pub struct CartLineInput {
    pub sku: String,
    pub quantity: i32,
}

fn parse_id(id: &ID, what: &'static str) -> Result<i64, DomainError> {
    id.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(DomainError::NotFound(what))
}

#[derive(Default)]
pub struct CartQuery;

#[Object]
impl CartQuery {
    /// The caller's cart, with live prices and availability.
    async fn cart(&self, ctx: &Context<'_>) -> async_graphql::Result<Cart> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        Ok(Cart::from_domain(
            cart::cart(ctx.db()?, actor).await?,
            actor.language,
        ))
    }

    /// The caller's saved order lists.
    async fn saved_lists(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SavedList>> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        Ok(cart::saved_lists(ctx.db()?, actor)
            .await?
            .into_iter()
            .map(SavedList::from)
            .collect())
    }
}

#[derive(Default)]
pub struct CartMutation;

#[Object]
impl CartMutation {
    /// Sets a line's quantity (0 removes it).
    async fn set_cart_line(
        &self,
        ctx: &Context<'_>,
        sku: String,
        quantity: i32,
    ) -> async_graphql::Result<Cart> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let cart = cart::set_line(ctx.db()?, actor, &sku, i64::from(quantity)).await?;
        Ok(Cart::from_domain(cart, actor.language))
    }

    /// Adds lines (a pasted "SKU,quantity" list); unknown SKUs are reported, not fatal.
    async fn add_to_cart(
        &self,
        ctx: &Context<'_>,
        lines: Vec<CartLineInput>,
    ) -> async_graphql::Result<AddToCartResult> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let lines: Vec<(String, i64)> = lines
            .into_iter()
            .map(|line| (line.sku, i64::from(line.quantity)))
            .collect();
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let (cart, rejected) = cart::add_lines(&txn, actor, &lines).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(result(cart, rejected, actor.language))
    }

    async fn clear_cart(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        cart::clear(ctx.db()?, actor).await?;
        Ok(true)
    }

    /// Puts the lines of a previous order into the cart.
    async fn reorder(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> async_graphql::Result<AddToCartResult> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let id = parse_id(&order_id, "order")?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let (cart, rejected) = cart::reorder(&txn, actor, id).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(result(cart, rejected, actor.language))
    }

    /// Saves the cart as a named list (replacing a list of the same name).
    async fn save_cart_as_list(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> async_graphql::Result<SavedList> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let list = cart::save_cart_as(&txn, actor, &name).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(list.into())
    }

    /// Adds a saved list's lines to the cart.
    async fn add_saved_list_to_cart(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<AddToCartResult> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        let id = parse_id(&id, "saved list")?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let (cart, rejected) = cart::add_saved_list(&txn, actor, id).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(result(cart, rejected, actor.language))
    }

    async fn delete_saved_list(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::PlaceOrder)?;
        cart::delete_saved_list(ctx.db()?, actor, parse_id(&id, "saved list")?).await?;
        Ok(true)
    }
}
