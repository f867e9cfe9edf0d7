//! The two suggestion reads, each a few indexed queries over the stored counts,
//! always inside the caller's catalog: a product the company cannot see is never
//! suggested and never given as a reason.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::model::{self, DUE_WINDOW_DAYS, MIN_SUPPORT, PairEvidence};
use crate::domain::catalog::visibility::visible_products;
use crate::domain::catalog::{CatalogViewer, Product};
use crate::domain::{Actor, DomainError};
use crate::entities::{
    cart_line, company_product_purchase, product, product_order_count, product_pair_count,
};

pub const DEFAULT_SUGGESTIONS: usize = 5;
pub const MAX_SUGGESTIONS: usize = 20;

/// `first` of a suggestion list: 1 to [`MAX_SUGGESTIONS`], [`DEFAULT_SUGGESTIONS`]
/// when not given.
pub fn limit(first: Option<i32>) -> Result<usize, DomainError> {
    match first {
        None => Ok(DEFAULT_SUGGESTIONS),
        Some(first) => usize::try_from(first)
            .ok()
            .filter(|first| (1..=MAX_SUGGESTIONS).contains(first))
            .ok_or_else(|| {
                DomainError::bad_input(format!("first must be between 1 and {MAX_SUGGESTIONS}"))
            }),
    }
}

/// A product often ordered with one in the cart.
#[derive(Clone, Debug)]
pub struct CartSuggestion {
    pub product: Product,
    /// The cart product it was most often ordered with.
    pub because_of: Product,
    pub orders_together: i64,
    /// The share of `because_of`'s orders that also held `product`.
    pub confidence: f64,
}

/// A product the company buys on a rhythm, due soon or overdue.
#[derive(Clone, Debug)]
pub struct ReorderSuggestion {
    pub product: Product,
    pub interval_days: i64,
    pub last_ordered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub order_count: i64,
}

async fn visible_subquery(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
) -> Result<SelectStatement, DomainError> {
    Ok(Query::select()
        .column((product::Entity, product::Column::Id))
        .from(product::Entity)
        .cond_where(visible_products(db.get_database_backend(), viewer))
        .to_owned())
}

async fn cart_products(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<i64>, DomainError> {
    Ok(cart_line::Entity::find()
        .select_only()
        .column(cart_line::Column::ProductId)
        .filter(cart_line::Column::UserId.eq(actor.user_id.0))
        .into_tuple()
        .all(db)
        .await?)
}

async fn products_by_id(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, Product>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(product::Entity::find()
        .filter(product::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, Product::from(row)))
        .collect())
}

/// "Frequently bought together" for the caller's cart: the best `first` products
/// by confidence, none in the cart, all in the caller's catalog.
pub async fn for_cart(
    db: &impl ConnectionTrait,
    actor: &Actor,
    first: usize,
) -> Result<Vec<CartSuggestion>, DomainError> {
    let viewer = CatalogViewer::Customer(actor.customer_company()?);
    let in_cart = cart_products(db, actor).await?;
    if in_cart.is_empty() {
        return Ok(Vec::new());
    }
    // Only visible cart products may explain a suggestion.
    let reasons: Vec<i64> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::Id.is_in(in_cart.clone()))
        .filter(product::Column::Id.in_subquery(visible_subquery(db, viewer).await?))
        .into_tuple()
        .all(db)
        .await?;
    if reasons.is_empty() {
        return Ok(Vec::new());
    }
    let pairs = product_pair_count::Entity::find()
        .filter(product_pair_count::Column::ProductId.is_in(reasons.clone()))
        .filter(product_pair_count::Column::OrdersTogether.gte(MIN_SUPPORT))
        .filter(product_pair_count::Column::OtherProductId.is_not_in(in_cart))
        .filter(
            product_pair_count::Column::OtherProductId
                .in_subquery(visible_subquery(db, viewer).await?),
        )
        .all(db)
        .await?;
    let orders_of: HashMap<i64, i64> = product_order_count::Entity::find()
        .filter(product_order_count::Column::ProductId.is_in(reasons))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.order_count))
        .collect();
    let ranked = model::rank(
        pairs.into_iter().map(|row| PairEvidence {
            cart_product: row.product_id,
            other: row.other_product_id,
            together: row.orders_together,
            cart_product_orders: orders_of.get(&row.product_id).copied().unwrap_or(0),
        }),
        first,
    );
    let wanted: HashSet<i64> = ranked
        .iter()
        .flat_map(|scored| [scored.product_id, scored.because_of])
        .collect();
    let products = products_by_id(db, wanted.into_iter().collect()).await?;
    Ok(ranked
        .into_iter()
        .filter_map(|scored| {
            Some(CartSuggestion {
                product: products.get(&scored.product_id)?.clone(),
                because_of: products.get(&scored.because_of)?.clone(),
                orders_together: scored.together,
                confidence: scored.confidence,
            })
        })
        .collect())
}

/// "Time to reorder" for the caller's company on `today`: products bought on a
/// rhythm that are due within the window or overdue (not lapsed), soonest due first,
/// leaving out what is already in the caller's cart.
pub async fn due_for_reorder(
    db: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
    first: usize,
) -> Result<Vec<ReorderSuggestion>, DomainError> {
    let company = actor.customer_company()?;
    let viewer = CatalogViewer::Customer(company);
    let in_cart = cart_products(db, actor).await?;
    let rows = company_product_purchase::Entity::find()
        .filter(company_product_purchase::Column::CompanyId.eq(company.0))
        .filter(
            company_product_purchase::Column::DueOn.lte(today + Duration::days(DUE_WINDOW_DAYS)),
        )
        .filter(company_product_purchase::Column::LapsesOn.gte(today))
        .filter(company_product_purchase::Column::ProductId.is_not_in(in_cart))
        .filter(
            company_product_purchase::Column::ProductId
                .in_subquery(visible_subquery(db, viewer).await?),
        )
        .order_by_asc(company_product_purchase::Column::DueOn)
        .order_by_asc(company_product_purchase::Column::ProductId)
        .limit(first as u64)
        .all(db)
        .await?;
    let products = products_by_id(db, rows.iter().map(|row| row.product_id).collect()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(ReorderSuggestion {
                product: products.get(&row.product_id)?.clone(),
                interval_days: i64::from(row.interval_days?),
                last_ordered_on: row.last_ordered_on,
                due_on: row.due_on?,
                order_count: row.order_count,
            })
        })
        .collect())
}
