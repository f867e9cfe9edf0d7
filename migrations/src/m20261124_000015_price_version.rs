//! A counter of price changes, `price_versions.version` (one row), raised by triggers
//! whenever anything that decides a customer's price changes: a list price, a quantity
//! tier, a price list (which one is the base), or a company's price list or discount.
//! The catalog's price cache (`backend/src/domain/catalog/price_cache.rs`) reads it
//! once per request and throws its entries away when it moved, so a change made by any
//! instance, any import or any hand-written SQL is seen by the next request everywhere.
//! Triggers rather than application code: no write path can forget to raise it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000015_price_version"
    }
}

/// The tables whose every row change can move a price.
const PRICE_TABLES: [&str; 3] = ["price_list_items", "price_tiers", "price_lists"];
const BUMP: &str = "UPDATE price_versions SET version = version + 1 WHERE id = 1";
const COMPANY_COLUMNS: &str = "price_list_id, discount_basis_points";

fn create_table() -> Vec<String> {
    vec![
        "CREATE TABLE price_versions (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)".to_owned(),
        "INSERT INTO price_versions (id, version) VALUES (1, 0)".to_owned(),
    ]
}

fn sqlite_up() -> Vec<String> {
    let mut statements = create_table();
    for table in PRICE_TABLES {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            statements.push(format!(
                "CREATE TRIGGER {table}_{}_price_version AFTER {event} ON {table} \
                 BEGIN {BUMP}; END",
                event.to_lowercase()
            ));
        }
    }
    statements.push(format!(
        "CREATE TRIGGER companies_price_version AFTER UPDATE OF {COMPANY_COLUMNS} ON companies \
         BEGIN {BUMP}; END"
    ));
    statements
}

fn sqlite_down() -> Vec<String> {
    let mut statements: Vec<String> = PRICE_TABLES
        .iter()
        .flat_map(|table| {
            ["insert", "update", "delete"]
                .map(|event| format!("DROP TRIGGER IF EXISTS {table}_{event}_price_version"))
        })
        .collect();
    statements.push("DROP TRIGGER IF EXISTS companies_price_version".to_owned());
    statements.push("DROP TABLE IF EXISTS price_versions".to_owned());
    statements
}

// Statement-level on PostgreSQL: an import of 10,000 prices raises the counter once.
fn postgres_up() -> Vec<String> {
    let mut statements = create_table();
    statements.push(format!(
        "CREATE FUNCTION bump_price_version() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN {BUMP}; RETURN NULL; END $$"
    ));
    for table in PRICE_TABLES {
        statements.push(format!(
            "CREATE TRIGGER {table}_price_version AFTER INSERT OR UPDATE OR DELETE ON {table} \
             FOR EACH STATEMENT EXECUTE FUNCTION bump_price_version()"
        ));
    }
    statements.push(format!(
        "CREATE TRIGGER companies_price_version AFTER UPDATE OF {COMPANY_COLUMNS} ON companies \
         FOR EACH STATEMENT EXECUTE FUNCTION bump_price_version()"
    ));
    statements
}

fn postgres_down() -> Vec<String> {
    let mut statements: Vec<String> = PRICE_TABLES
        .iter()
        .map(|table| format!("DROP TRIGGER IF EXISTS {table}_price_version ON {table}"))
        .collect();
    statements.push("DROP TRIGGER IF EXISTS companies_price_version ON companies".to_owned());
    statements.push("DROP FUNCTION IF EXISTS bump_price_version()".to_owned());
    statements.push("DROP TABLE IF EXISTS price_versions".to_owned());
    statements
}

async fn run(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    for statement in statements {
        manager
            .get_connection()
            .execute_unprepared(&statement)
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => run(manager, postgres_up()).await,
            _ => run(manager, sqlite_up()).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => run(manager, postgres_down()).await,
            _ => run(manager, sqlite_down()).await,
        }
    }
}
