//! What a viewer is offered for a set of products: its net unit price, the quantity
//! tiers, and the available stock, in a fixed number of queries for any number of
//! products (no N+1).

use std::collections::HashMap;

use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};
use shared::Money;

use super::CatalogViewer;
use super::price_cache::PriceCache;
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::pricing::{DiscountPercent, ListPrice, PriceTier, unit_price, visible_tiers};
use crate::entities::{company, price_list, price_list_item, price_tier, stock};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// The net price of one unit for this viewer; `None` when no list prices it.
    pub unit_price: Option<Money>,
    /// Cheaper unit prices from a minimum quantity on, discount applied.
    pub tiers: Vec<PriceTier>,
    /// On hand minus reserved, never negative.
    pub available: i64,
}

/// The price lists that apply to a viewer, most specific first, and its discount.
pub struct PriceContext {
    pub lists: Vec<i64>,
    pub discount: DiscountPercent,
}

pub async fn price_context(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
) -> Result<PriceContext, DomainError> {
    let company = match viewer {
        CatalogViewer::Supplier => None,
        CatalogViewer::Customer(company) => Some(
            company::Entity::find_by_id(company.0)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound("company"))?,
        ),
    };
    price_context_of(db, company.as_ref()).await
}

/// [`price_context`] of a company whose row the caller has already read (`None`: the
/// supplier's staff, who see the base list without discount).
pub async fn price_context_of(
    db: &impl ConnectionTrait,
    company: Option<&company::Model>,
) -> Result<PriceContext, DomainError> {
    let base: Option<i64> = price_list::Entity::find()
        .filter(price_list::Column::IsBase.eq(true))
        .one(db)
        .await?
        .map(|list| list.id);
    let (own_list, discount) = match company {
        None => (None, DiscountPercent::NONE),
        Some(row) => {
            let percent = Decimal::new(i64::from(row.discount_basis_points), 2);
            (
                row.price_list_id,
                DiscountPercent::parse(percent).unwrap_or_default(),
            )
        }
    };
    Ok(PriceContext {
        lists: own_list.into_iter().chain(base).collect(),
        discount,
    })
}

/// The list price of each product: from the first list of `context` that prices it.
pub async fn list_prices(
    db: &impl ConnectionTrait,
    context: &PriceContext,
    product_ids: &[i64],
) -> Result<HashMap<i64, ListPrice>, DomainError> {
    if context.lists.is_empty() || product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let items = price_list_item::Entity::find()
        .filter(price_list_item::Column::PriceListId.is_in(context.lists.clone()))
        .filter(price_list_item::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    let tiers = price_tier::Entity::find()
        .filter(price_tier::Column::PriceListId.is_in(context.lists.clone()))
        .filter(price_tier::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    let rank = |list: i64| {
        context
            .lists
            .iter()
            .position(|id| *id == list)
            .unwrap_or(usize::MAX)
    };
    let mut chosen: HashMap<i64, (usize, ListPrice)> = HashMap::new();
    for item in items {
        let item_rank = rank(item.price_list_id);
        let better = chosen
            .get(&item.product_id)
            .is_none_or(|(existing, _)| item_rank < *existing);
        if better {
            let tiers_of_list = tiers
                .iter()
                .filter(|tier| {
                    tier.product_id == item.product_id && tier.price_list_id == item.price_list_id
                })
                .map(|tier| PriceTier {
                    min_quantity: u32::try_from(tier.min_quantity).unwrap_or(u32::MAX),
                    unit_price: money::from_db(tier.unit_price),
                })
                .collect();
            chosen.insert(
                item.product_id,
                (
                    item_rank,
                    ListPrice {
                        unit_price: money::from_db(item.unit_price),
                        tiers: tiers_of_list,
                    },
                ),
            );
        }
    }
    Ok(chosen
        .into_iter()
        .map(|(product, (_, price))| (product, price))
        .collect())
}

/// Available quantity per product (products without a stock row have none).
pub async fn available(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, i64>, DomainError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = available_query(product_ids).into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(product_id, available)| (product_id, never_negative(available)))
        .collect())
}

/// The stock of `product_ids` as two columns, `product_id` and `available` (on hand
/// minus reserved, before [`never_negative`]). Only the two numbers: every catalog page
/// reads this, and a whole row would also decode its timestamp.
pub(super) fn available_query(product_ids: &[i64]) -> Select<stock::Entity> {
    stock::Entity::find()
        .select_only()
        .column(stock::Column::ProductId)
        .column_as(
            Expr::col(stock::Column::OnHand).sub(Expr::col(stock::Column::Reserved)),
            "available",
        )
        .filter(stock::Column::ProductId.is_in(product_ids.to_vec()))
}

/// Over-reserved stock shows as none available.
pub(super) fn never_negative(available: i64) -> i64 {
    Ord::max(available, 0)
}

/// Offers for `product_ids`, which the caller has already checked are visible: prices
/// through the catalog's [`PriceCache`] at `price_version`, stock always from the
/// database.
pub async fn offers(
    db: &impl ConnectionTrait,
    cache: &PriceCache,
    price_version: i64,
    viewer: CatalogViewer,
    product_ids: &[i64],
) -> Result<HashMap<i64, Offer>, DomainError> {
    let stock = available(db, product_ids).await?;
    offers_with_stock(db, cache, price_version, viewer, product_ids, &stock).await
}

/// [`offers`] with the available stock the caller has just read (`available`, or
/// `versions::current_with_available`).
pub async fn offers_with_stock(
    db: &impl ConnectionTrait,
    cache: &PriceCache,
    price_version: i64,
    viewer: CatalogViewer,
    product_ids: &[i64],
    stock: &HashMap<i64, i64>,
) -> Result<HashMap<i64, Offer>, DomainError> {
    let (context, prices) = cache.prices(db, price_version, viewer, product_ids).await?;
    Ok(product_ids
        .iter()
        .map(|id| {
            let price = prices.get(id);
            let offer = Offer {
                unit_price: price.map(|list| unit_price(list, context.discount, 1)),
                tiers: price
                    .map(|list| visible_tiers(list, context.discount))
                    .unwrap_or_default(),
                available: stock.get(id).copied().unwrap_or(0),
            };
            (*id, offer)
        })
        .collect())
}
