//! A counter of price changes, `price_versions.version` (one row), raised by triggers
//! whenever anything that decides a customer's price changes: a list price, a quantity
//! tier, a price list (which one is the base), or a company's price list or discount.
//! The catalog's price cache (`backend/src/domain/catalog/price_cache.rs`) reads it
//! once per request and throws its entries away when it moved, so a change made by any
//! instance, any import or any hand-written SQL is seen by the next request everywhere.
//! Triggers rather than application code: no write path can forget to raise it.

use sea_orm_migration::prelude::*;

use crate::per_backend::run_per_backend;
use crate::version_counter::VersionCounter;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000015_price_version"
    }
}

/// The tables whose every row change can move a price.
const PRICES: VersionCounter = VersionCounter {
    name: "price_version",
    tables: &["price_list_items", "price_tiers", "price_lists"],
};
const COMPANY_COLUMNS: &str = "price_list_id, discount_basis_points";

fn sqlite_up() -> Vec<String> {
    let mut statements = PRICES.sqlite_up();
    statements.push(format!(
        "CREATE TRIGGER companies_price_version AFTER UPDATE OF {COMPANY_COLUMNS} ON companies \
         BEGIN {}; END",
        PRICES.bump()
    ));
    statements
}

fn sqlite_down() -> Vec<String> {
    let mut statements = vec!["DROP TRIGGER IF EXISTS companies_price_version".to_owned()];
    statements.extend(PRICES.sqlite_down());
    statements
}

fn postgres_up() -> Vec<String> {
    let mut statements = PRICES.postgres_up();
    statements.push(format!(
        "CREATE TRIGGER companies_price_version AFTER UPDATE OF {COMPANY_COLUMNS} ON companies \
         FOR EACH STATEMENT EXECUTE FUNCTION {}()",
        PRICES.postgres_function()
    ));
    statements
}

fn postgres_down() -> Vec<String> {
    let mut statements =
        vec!["DROP TRIGGER IF EXISTS companies_price_version ON companies".to_owned()];
    statements.extend(PRICES.postgres_down());
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_per_backend(manager, &postgres_up(), &sqlite_up()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_per_backend(manager, &postgres_down(), &sqlite_down()).await
    }
}
