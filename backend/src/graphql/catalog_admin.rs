//! The supplier's catalog back office: products, categories, price lists, company
//! pricing and assortments, and the catalog CSV.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use shared::CompanyId;

use super::catalog::{Category, Product};
use super::context::ContextExt;
use super::error::bad_input;
use super::scalars::DecimalScalar;
use crate::domain::catalog::admin::{self, CategoryDraft, ProductDraft};
use crate::domain::catalog::csv::{self, ImportReport};
use crate::domain::catalog::{CatalogViewer, offers, versions};
use crate::domain::{DomainError, Operation};

fn parse_id(id: &ID, what: &str) -> async_graphql::Result<i64> {
    id.parse::<i64>()
        .map_err(|_| bad_input(format!("'{}' is not a {what} id", id.as_str())))
}

#[derive(InputObject)]
pub struct ProductInput {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    #[graphql(default)]
    pub description: String,
    pub category_id: ID,
    pub unit: String,
    #[graphql(default = 1)]
    pub pack_size: i32,
    #[graphql(default = 1)]
    pub min_order_quantity: i32,
    pub image_url: Option<String>,
    #[graphql(default = true)]
    pub active: bool,
}

#[derive(InputObject)]
pub struct CategoryInput {
    pub name_he: String,
    pub name_en: String,
    pub parent_id: Option<ID>,
}

#[derive(InputObject)]
pub struct PriceTierInput {
    pub min_quantity: i32,
    pub unit_price: DecimalScalar,
}

#[derive(InputObject)]
pub struct SetPriceInput {
    pub price_list_id: ID,
    pub sku: String,
    pub unit_price: DecimalScalar,
    #[graphql(default)]
    pub tiers: Vec<PriceTierInput>,
}

#[derive(SimpleObject)]
pub struct PriceList {
    pub id: ID,
    pub name: String,
    /// The list every company falls back to.
    pub is_base: bool,
}

#[derive(SimpleObject)]
pub struct Assortment {
    pub company_id: ID,
    /// Categories whose whole subtree the company sees.
    pub category_ids: Vec<ID>,
    /// Single products the company sees besides its categories.
    pub skus: Vec<String>,
}

#[derive(SimpleObject)]
pub struct ImportRowError {
    /// The line of the file (the header is line 1).
    pub line: i64,
    pub message: String,
}

#[derive(SimpleObject)]
pub struct CatalogImportReport {
    pub rows: i64,
    pub created: i64,
    pub updated: i64,
    pub stock_changes: i64,
    /// All bad rows; `errors` lists the first 500.
    pub error_count: i64,
    pub errors: Vec<ImportRowError>,
    /// True when the file was written; false for a dry run or a file with errors.
    pub applied: bool,
}

impl From<ImportReport> for CatalogImportReport {
    fn from(report: ImportReport) -> CatalogImportReport {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        CatalogImportReport {
            rows: count(report.rows),
            created: count(report.created),
            updated: count(report.updated),
            stock_changes: count(report.stock_changes),
            error_count: count(report.error_count),
            errors: report
                .errors
                .into_iter()
                .map(|error| ImportRowError {
                    line: i64::try_from(error.line).unwrap_or(i64::MAX),
                    message: error.message,
                })
                .collect(),
            applied: report.applied,
        }
    }
}

#[derive(Default)]
pub struct CatalogAdminQuery;

#[Object]
impl CatalogAdminQuery {
    /// Every price list, the base list first (supplier staff).
    async fn price_lists(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PriceList>> {
        ctx.authorize(Operation::ManageCatalog)?;
        let lists = admin::price_lists(ctx.db()?).await?;
        Ok(lists
            .into_iter()
            .map(|list| PriceList {
                id: ID(list.id.to_string()),
                name: list.name,
                is_base: list.is_base,
            })
            .collect())
    }

    /// What a company sees (supplier staff).
    async fn company_assortment(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
    ) -> async_graphql::Result<Assortment> {
        ctx.authorize(Operation::ManageCatalog)?;
        let company = CompanyId(parse_id(&company_id, "company")?);
        let assortment = admin::assortment(ctx.db()?, company).await?;
        Ok(assortment_node(company, assortment))
    }

    /// The whole catalog as CSV (UTF-8 with a byte-order mark), in the import's format.
    async fn export_catalog_csv(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        ctx.authorize(Operation::ManageCatalog)?;
        Ok(csv::export(ctx.db()?).await?)
    }
}

fn assortment_node(company: CompanyId, assortment: admin::Assortment) -> Assortment {
    Assortment {
        company_id: ID(company.0.to_string()),
        category_ids: assortment
            .category_ids
            .into_iter()
            .map(|id| ID(id.to_string()))
            .collect(),
        skus: assortment.skus,
    }
}

#[derive(Default)]
pub struct CatalogAdminMutation;

#[Object]
impl CatalogAdminMutation {
    /// Creates a product, or updates the one with the same SKU (supplier staff).
    async fn upsert_product(
        &self,
        ctx: &Context<'_>,
        input: ProductInput,
    ) -> async_graphql::Result<Product> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let draft = ProductDraft {
            sku: input.sku,
            name_he: input.name_he,
            name_en: input.name_en,
            description: input.description,
            category_id: parse_id(&input.category_id, "category")?,
            unit: input.unit,
            pack_size: input.pack_size,
            min_order_quantity: input.min_order_quantity,
            image_url: input.image_url,
            active: input.active,
        };
        let product = admin::validate_product(&draft).map_err(DomainError::BadInput)?;
        let db = ctx.db()?;
        if !admin::category_exists(db, product.category_id).await? {
            return Err(DomainError::NotFound("category").into());
        }
        let (saved, _) = admin::upsert_product(db, &product).await?;
        let prices = versions::current(db).await?.prices;
        let offers = offers::offers(
            db,
            ctx.price_cache()?,
            prices,
            CatalogViewer::Supplier,
            &[saved.id],
        )
        .await?;
        let offer = offers.get(&saved.id);
        Ok(Product::from_domain(&saved, offer, actor.language))
    }

    /// Creates a category, or changes the one with `id` (supplier staff).
    async fn save_category(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        input: CategoryInput,
    ) -> async_graphql::Result<Category> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let id = id.as_ref().map(|id| parse_id(id, "category")).transpose()?;
        let parent_id = input
            .parent_id
            .as_ref()
            .map(|id| parse_id(id, "category"))
            .transpose()?;
        let draft = CategoryDraft {
            name_he: input.name_he,
            name_en: input.name_en,
            parent_id,
        };
        let row = admin::save_category(ctx.db()?, id, draft).await?;
        Ok(Category::from_row(row, actor.language))
    }

    async fn create_price_list(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> async_graphql::Result<PriceList> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let list = admin::create_price_list(&txn, actor, &name).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(PriceList {
            id: ID(list.id.to_string()),
            name: list.name,
            is_base: list.is_base,
        })
    }

    /// Sets a product's unit price and quantity tiers in a price list.
    async fn set_price(
        &self,
        ctx: &Context<'_>,
        input: SetPriceInput,
    ) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let list = parse_id(&input.price_list_id, "price list")?;
        let tiers: Vec<_> = input
            .tiers
            .iter()
            .map(|tier| (tier.min_quantity, tier.unit_price.0))
            .collect();
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        admin::set_price(&txn, actor, list, &input.sku, input.unit_price.0, &tiers).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(true)
    }

    /// Removes a product from a price list (the base list prices it again).
    async fn remove_price(
        &self,
        ctx: &Context<'_>,
        price_list_id: ID,
        sku: String,
    ) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let list = parse_id(&price_list_id, "price list")?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        admin::remove_price(&txn, actor, list, &sku).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(true)
    }

    /// Gives a company its price list (null: the base list only) and a discount in
    /// percent.
    async fn set_company_pricing(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        price_list_id: Option<ID>,
        discount_percent: DecimalScalar,
    ) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let company = CompanyId(parse_id(&company_id, "company")?);
        let list = price_list_id
            .as_ref()
            .map(|id| parse_id(id, "price list"))
            .transpose()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        admin::set_company_pricing(&txn, actor, company, list, discount_percent.0).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(true)
    }

    /// Replaces what a company sees: whole categories and single products.
    async fn set_assortment(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        category_ids: Vec<ID>,
        skus: Vec<String>,
    ) -> async_graphql::Result<Assortment> {
        ctx.authorize(Operation::ManageCatalog)?;
        let company = CompanyId(parse_id(&company_id, "company")?);
        let categories = category_ids
            .iter()
            .map(|id| parse_id(id, "category"))
            .collect::<Result<Vec<_>, _>>()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let assortment = admin::set_assortment(&txn, company, &categories, &skus).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(assortment_node(company, assortment))
    }

    /// Imports products, base prices and stock from CSV. With `dryRun` (the default)
    /// nothing is written and the report lists every bad row; otherwise the file is
    /// applied whole, or not at all when any row is bad.
    async fn import_catalog_csv(
        &self,
        ctx: &Context<'_>,
        csv: String,
        #[graphql(default = true)] dry_run: bool,
    ) -> async_graphql::Result<CatalogImportReport> {
        let actor = ctx.authorize(Operation::ManageCatalog)?;
        let events = ctx.events()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let (report, changes) = csv::import(&txn, actor, &csv, dry_run).await?;
        if report.applied {
            events
                .announce_in(&txn, &changes)
                .await
                .map_err(DomainError::from)?;
            txn.commit().await.map_err(DomainError::from)?;
            events.committed(changes);
        } else {
            txn.rollback().await.map_err(DomainError::from)?;
        }
        Ok(report.into())
    }
}
