//! Suggestions for buyers: `cartSuggestions` ("frequently bought together") and
//! `reorderSuggestions` ("time to reorder"), each with the product at the caller's
//! price and availability (one batched offers read) and the reason in fields the UI
//! words in the user's language.

use async_graphql::{Context, Object, SimpleObject};
use chrono::Utc;
use shared::Language;

use super::catalog::{Product, product_nodes};
use super::context::ContextExt;
use super::scalars::DateScalar;
use crate::domain::authz::Actor;
use crate::domain::catalog::{CatalogViewer, Product as DomainProduct, versions};
use crate::domain::suggestions::read;
use crate::domain::{DomainError, Operation};

/// A product often ordered together with one in the cart.
#[derive(SimpleObject)]
pub struct Suggestion {
    pub product: Product,
    /// The cart product it was most often ordered with.
    pub because_of_sku: String,
    /// That product's name in the caller's language.
    pub because_of_name: String,
    /// Orders (of every customer) that held both.
    pub orders_together: i32,
    /// The share, 0 to 100, of `becauseOfSku`'s orders that also held this product.
    pub confidence_percent: i32,
}

/// A product the caller's company orders on a regular rhythm, due soon or overdue.
#[derive(SimpleObject)]
pub struct ReorderSuggestion {
    pub product: Product,
    /// The typical number of days between the company's orders of it (the median).
    pub interval_days: i32,
    pub last_ordered_on: DateScalar,
    pub days_since_last_order: i32,
    pub due_on: DateScalar,
    /// Days until it is due; negative when overdue.
    pub due_in_days: i32,
    /// The company's orders of it that count.
    pub order_count: i32,
}

fn name_in(product: &DomainProduct, language: Language) -> String {
    match language {
        Language::He => product.name_he.clone(),
        Language::En => product.name_en.clone(),
    }
}

/// `products` as the caller's catalog shows them: its prices, live stock.
async fn catalog_nodes(
    ctx: &Context<'_>,
    actor: &Actor,
    products: &[DomainProduct],
) -> Result<Vec<Product>, DomainError> {
    let prices = versions::current(ctx.db()?).await?.prices;
    product_nodes(
        ctx,
        CatalogViewer::from(actor),
        actor.language,
        products,
        prices,
    )
    .await
}

fn small(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(if value < 0 { i32::MIN } else { i32::MAX })
}

#[derive(Default)]
pub struct SuggestionsQuery;

#[Object]
impl SuggestionsQuery {
    /// Products often ordered together with those in the caller's cart, best first
    /// (`first`: 1 to 20, default 5); none already in the cart, all in its catalog.
    async fn cart_suggestions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<Suggestion>> {
        let actor = ctx.authorize(Operation::ViewSuggestions)?;
        let first = read::limit(first)?;
        let suggestions = read::for_cart(ctx.db()?, actor, first).await?;
        let reasons: Vec<(String, String, i64, f64)> = suggestions
            .iter()
            .map(|suggestion| {
                (
                    suggestion.because_of.sku.clone(),
                    name_in(&suggestion.because_of, actor.language),
                    suggestion.orders_together,
                    suggestion.confidence,
                )
            })
            .collect();
        let products: Vec<DomainProduct> = suggestions
            .into_iter()
            .map(|suggestion| suggestion.product)
            .collect();
        let nodes = catalog_nodes(ctx, actor, &products).await?;
        Ok(nodes
            .into_iter()
            .zip(reasons)
            .map(|(product, (sku, name, together, confidence))| Suggestion {
                product,
                because_of_sku: sku,
                because_of_name: name,
                orders_together: small(together),
                confidence_percent: small((confidence * 100.0).round() as i64),
            })
            .collect())
    }

    /// Products the caller's company buys on a rhythm (at least three order days)
    /// that are due within a week or overdue, soonest first (`first`: 1 to 20,
    /// default 5); none already in the caller's cart.
    async fn reorder_suggestions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<ReorderSuggestion>> {
        let actor = ctx.authorize(Operation::ViewSuggestions)?;
        let first = read::limit(first)?;
        let today = Utc::now().date_naive();
        let due = read::due_for_reorder(ctx.db()?, actor, today, first).await?;
        let facts: Vec<read::ReorderSuggestion> = due.clone();
        let products: Vec<DomainProduct> = due.into_iter().map(|item| item.product).collect();
        let nodes = catalog_nodes(ctx, actor, &products).await?;
        Ok(nodes
            .into_iter()
            .zip(facts)
            .map(|(product, item)| ReorderSuggestion {
                product,
                interval_days: small(item.interval_days),
                last_ordered_on: item.last_ordered_on.into(),
                days_since_last_order: small((today - item.last_ordered_on).num_days()),
                due_on: item.due_on.into(),
                due_in_days: small((item.due_on - today).num_days()),
                order_count: small(item.order_count),
            })
            .collect())
    }
}
