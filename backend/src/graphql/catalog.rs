//! Catalog resolvers: products with personal prices and live stock, categories, stock
//! adjustments and the `stockChanged` subscription.

use std::collections::{HashMap, HashSet};

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};
use shared::{Language, Sku};
use tokio::sync::broadcast::error::RecvError;

use super::context::ContextExt;
use super::error::bad_input;
use super::scalars::DecimalScalar;
use crate::domain::catalog::listed_page;
use crate::domain::catalog::listing::{self, ProductQuery, ProductSort as DomainSort};
use crate::domain::catalog::offers::{self, Offer};
use crate::domain::catalog::stock::{self, Adjustment, StockReason as DomainReason};
use crate::domain::catalog::versions;
use crate::domain::catalog::{CatalogViewer, Product as DomainProduct};
use crate::domain::page::PageRequest;
use crate::domain::{DomainError, Operation};
use crate::entities::category;
use crate::events::StockChange;

/// A product of the caller's catalog, with the caller's own price and the live
/// available quantity.
#[derive(SimpleObject)]
pub struct Product {
    pub id: ID,
    pub sku: String,
    /// The name in the caller's language.
    pub name: String,
    pub name_he: String,
    pub name_en: String,
    pub description: String,
    pub category_id: ID,
    /// `unit`, `box`, `m`, `kg`, ...
    pub unit: String,
    /// Units per pack: order quantities are multiples of it.
    pub pack_size: i32,
    pub min_order_quantity: i32,
    pub image_url: Option<String>,
    pub active: bool,
    /// Units that can be ordered now: on hand minus reserved.
    pub available: i64,
    /// The caller's net price of one unit before VAT; null when not priced for it.
    pub unit_price: Option<DecimalScalar>,
    /// Cheaper unit prices from a minimum quantity on.
    pub price_tiers: Vec<PriceTier>,
}

#[derive(SimpleObject)]
pub struct PriceTier {
    pub min_quantity: i32,
    pub unit_price: DecimalScalar,
}

impl Product {
    pub(super) fn from_domain(
        product: &DomainProduct,
        offer: Option<&Offer>,
        language: Language,
    ) -> Product {
        let name = match language {
            Language::He => product.name_he.clone(),
            Language::En => product.name_en.clone(),
        };
        Product {
            id: ID(product.id.to_string()),
            sku: product.sku.clone(),
            name,
            name_he: product.name_he.clone(),
            name_en: product.name_en.clone(),
            description: product.description.clone(),
            category_id: ID(product.category_id.to_string()),
            unit: product.unit.clone(),
            pack_size: product.pack_size,
            min_order_quantity: product.min_order_quantity,
            image_url: product.image_url.clone(),
            active: product.active,
            available: offer.map_or(0, |offer| offer.available),
            unit_price: offer.and_then(|offer| offer.unit_price).map(Into::into),
            price_tiers: offer
                .map(|offer| {
                    offer
                        .tiers
                        .iter()
                        .map(|tier| PriceTier {
                            min_quantity: i32::try_from(tier.min_quantity).unwrap_or(i32::MAX),
                            unit_price: tier.unit_price.into(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// A catalog category; `parentId` is null for a top-level category.
#[derive(SimpleObject)]
pub struct Category {
    pub id: ID,
    pub parent_id: Option<ID>,
    /// The name in the caller's language.
    pub name: String,
    pub name_he: String,
    pub name_en: String,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductSort {
    #[default]
    Sku,
    /// By name in the caller's language.
    Name,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum StockReason {
    Receipt,
    Count,
    Damage,
    Return,
    Correction,
}

impl From<StockReason> for DomainReason {
    fn from(reason: StockReason) -> DomainReason {
        match reason {
            StockReason::Receipt => DomainReason::Receipt,
            StockReason::Count => DomainReason::Count,
            StockReason::Damage => DomainReason::Damage,
            StockReason::Return => DomainReason::Return,
            StockReason::Correction => DomainReason::Correction,
        }
    }
}

#[derive(InputObject)]
pub struct AdjustStockInput {
    pub sku: String,
    /// Added to the stock on hand (negative to remove).
    pub on_hand_delta: i64,
    pub reason: StockReason,
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct StockLevel {
    pub sku: String,
    pub on_hand: i64,
    pub reserved: i64,
    pub available: i64,
}

/// A live change of a product's available quantity.
#[derive(SimpleObject, Clone)]
pub struct StockUpdate {
    pub sku: String,
    pub available: i64,
}

/// `products` with `viewer`'s offers, prices at `price_version`.
pub(super) async fn product_nodes(
    ctx: &Context<'_>,
    viewer: CatalogViewer,
    language: Language,
    products: &[DomainProduct],
    price_version: i64,
) -> Result<Vec<Product>, DomainError> {
    let ids: Vec<i64> = products.iter().map(|product| product.id).collect();
    let offers = offers::offers(ctx.db()?, ctx.price_cache()?, price_version, viewer, &ids).await?;
    Ok(nodes(products, &offers, language))
}

fn nodes(
    products: &[DomainProduct],
    offers: &HashMap<i64, Offer>,
    language: Language,
) -> Vec<Product> {
    products
        .iter()
        .map(|product| Product::from_domain(product, offers.get(&product.id), language))
        .collect()
}

#[derive(Default)]
pub struct CatalogQuery;

#[Object]
impl CatalogQuery {
    /// The caller's catalog: only its assortment, at its prices. `search` matches
    /// every word against the SKU and the Hebrew and English names.
    async fn products(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        category_id: Option<ID>,
        #[graphql(default)] sort: ProductSort,
    ) -> async_graphql::Result<Connection<usize, Product>> {
        let actor = ctx.authorize(Operation::ViewCatalog)?;
        let viewer = CatalogViewer::from(actor);
        let offset = match after {
            Some(cursor) => {
                usize::decode_cursor(&cursor)
                    .map_err(|_| bad_input(format!("'{cursor}' is not a cursor of this list")))?
                    + 1
            }
            None => 0,
        };
        let size = PageRequest::parse(first, None)?.size;
        let category_id = match category_id {
            Some(id) => Some(
                id.parse::<i64>()
                    .map_err(|_| bad_input("categoryId is not a category"))?,
            ),
            None => None,
        };
        let sort = match (sort, actor.language) {
            (ProductSort::Sku, _) => DomainSort::Sku,
            (ProductSort::Name, Language::He) => DomainSort::NameHe,
            (ProductSort::Name, Language::En) => DomainSort::NameEn,
        };
        let query = ProductQuery {
            search,
            category_id,
            sort,
            offset: offset as u64,
            size,
        };
        let db = ctx.db()?;
        let listed = listed_page::read(db, ctx.listing_cache()?, viewer, &query).await?;
        let offers = offers::offers_with_stock(
            db,
            ctx.price_cache()?,
            listed.versions.prices,
            viewer,
            &listed.product_ids(),
            &listed.available,
        )
        .await?;
        let nodes = nodes(&listed.page.items, &offers, actor.language);
        let mut connection = Connection::new(offset > 0, listed.page.has_next_page);
        connection.edges.extend(
            nodes
                .into_iter()
                .enumerate()
                .map(|(index, node)| Edge::new(offset + index, node)),
        );
        Ok(connection)
    }

    /// One product of the caller's catalog by SKU; null when it is not in it.
    async fn product(
        &self,
        ctx: &Context<'_>,
        sku: String,
    ) -> async_graphql::Result<Option<Product>> {
        let actor = ctx.authorize(Operation::ViewCatalog)?;
        let viewer = CatalogViewer::from(actor);
        let Ok(sku) = Sku::parse(&sku) else {
            return Ok(None);
        };
        let db = ctx.db()?;
        let versions = versions::current(db).await?;
        let Some(product) = listing::find_by_sku(db, viewer, sku.as_str()).await? else {
            return Ok(None);
        };
        Ok(
            product_nodes(ctx, viewer, actor.language, &[product], versions.prices)
                .await?
                .pop(),
        )
    }

    /// The categories that hold products of the caller's catalog (every category for
    /// supplier staff), ordered by position; build the tree from `parentId`.
    async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        let actor = ctx.authorize(Operation::ViewCatalog)?;
        let rows = listing::visible_categories(ctx.db()?, CatalogViewer::from(actor)).await?;
        Ok(rows
            .into_iter()
            .map(|row| Category::from_row(row, actor.language))
            .collect())
    }
}

impl Category {
    pub(super) fn from_row(row: category::Model, language: Language) -> Category {
        Category {
            id: ID(row.id.to_string()),
            parent_id: row.parent_id.map(|id| ID(id.to_string())),
            name: match language {
                Language::He => row.name_he.clone(),
                Language::En => row.name_en.clone(),
            },
            name_he: row.name_he,
            name_en: row.name_en,
        }
    }
}

#[derive(Default)]
pub struct CatalogMutation;

#[Object]
impl CatalogMutation {
    /// Changes the stock on hand of a product (supplier staff). Every change is kept as
    /// a stock movement with its reason and author.
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        input: AdjustStockInput,
    ) -> async_graphql::Result<StockLevel> {
        let actor = ctx.authorize(Operation::ManageStock)?;
        let events = ctx.events()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let adjustment = Adjustment {
            sku: input.sku,
            on_hand_delta: input.on_hand_delta,
            reason: input.reason.into(),
            note: input.note.unwrap_or_default(),
        };
        let level = stock::adjust(&txn, actor, adjustment).await?;
        let change = StockChange {
            product_id: level.product_id,
            sku: level.sku.clone(),
            available: level.available(),
        };
        events
            .announce_in(&txn, std::slice::from_ref(&change))
            .await
            .map_err(DomainError::from)?;
        txn.commit().await.map_err(DomainError::from)?;
        events.committed(vec![change]);
        Ok(StockLevel {
            available: level.available(),
            sku: level.sku,
            on_hand: level.on_hand,
            reserved: level.reserved,
        })
    }
}

#[derive(Default)]
pub struct CatalogSubscription;

#[Subscription]
impl CatalogSubscription {
    /// Live available quantities of the given SKUs (or of the whole catalog), for the
    /// products of the caller's catalog only.
    async fn stock_changed(
        &self,
        ctx: &Context<'_>,
        skus: Option<Vec<String>>,
    ) -> async_graphql::Result<impl Stream<Item = StockUpdate> + use<>> {
        let actor = ctx.authorize(Operation::ViewCatalog)?;
        let viewer = CatalogViewer::from(actor);
        if skus.as_ref().is_some_and(|skus| skus.len() > 1000) {
            return Err(bad_input("stockChanged watches at most 1000 SKUs"));
        }
        let receiver = ctx.events()?.subscribe_stock();
        // Resolved once: a product outside the caller's catalog never reaches it.
        let watched: HashSet<i64> = listing::visible_ids(ctx.db()?, viewer, skus.as_deref())
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let watch_all_of_supplier = viewer == CatalogViewer::Supplier && skus.is_none();
        let db = ctx.db()?.clone();
        let state = (receiver, watched, db);
        let batches =
            futures_util::stream::unfold(state, move |(mut receiver, watched, db)| async move {
                loop {
                    match receiver.recv().await {
                        Ok(change)
                            if watch_all_of_supplier || watched.contains(&change.product_id) =>
                        {
                            let update = StockUpdate {
                                sku: change.sku,
                                available: change.available,
                            };
                            return Some((vec![update], (receiver, watched, db)));
                        }
                        Ok(_) => continue,
                        Err(RecvError::Lagged(missed)) => {
                            // Events were lost: send the current state of what is watched.
                            tracing::warn!(missed, "stock subscriber lagged; resynchronising");
                            let updates = current_levels(&db, &watched).await.unwrap_or_default();
                            return Some((updates, (receiver, watched, db)));
                        }
                        Err(RecvError::Closed) => return None,
                    }
                }
            });
        let batches = super::live::while_signed_in(batches, ctx.db()?.clone(), actor);
        Ok(batches.flat_map(futures_util::stream::iter))
    }
}

/// The available quantity of every watched product, for resynchronising a subscriber.
async fn current_levels(
    db: &sea_orm::DatabaseConnection,
    watched: &HashSet<i64>,
) -> Result<Vec<StockUpdate>, DomainError> {
    let ids: Vec<i64> = watched.iter().copied().collect();
    let levels = offers::available(db, &ids).await?;
    let skus = listing::skus_of(db, &ids).await?;
    Ok(skus
        .into_iter()
        .map(|(id, sku)| StockUpdate {
            sku,
            available: levels.get(&id).copied().unwrap_or(0),
        })
        .collect())
}
