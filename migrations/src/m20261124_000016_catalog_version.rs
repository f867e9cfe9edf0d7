//! A counter of catalog changes, `catalog_versions.version` (one row), raised by
//! triggers whenever anything that decides which products a customer sees, or what it
//! sees of them, changes: a product, a category (the tree decides what an assigned
//! category brings), or a company's assortment. The catalog's listing cache
//! (`backend/src/domain/catalog/listing_cache.rs`) reads it once per request, with the
//! price version, and throws its pages away when it moved. Same design as
//! `000015_price_version`: triggers, so no write path can forget it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000016_catalog_version"
    }
}

/// The tables whose every row change can change a catalog page. Stock is not among
/// them: pages are cached without it and it is always read live.
const CATALOG_TABLES: [&str; 4] = [
    "products",
    "categories",
    "assortment_categories",
    "assortment_products",
];
const BUMP: &str = "UPDATE catalog_versions SET version = version + 1 WHERE id = 1";

fn create_table() -> Vec<String> {
    vec![
        "CREATE TABLE catalog_versions (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)"
            .to_owned(),
        "INSERT INTO catalog_versions (id, version) VALUES (1, 0)".to_owned(),
    ]
}

fn sqlite_up() -> Vec<String> {
    let mut statements = create_table();
    for table in CATALOG_TABLES {
        for event in ["INSERT", "UPDATE", "DELETE"] {
            statements.push(format!(
                "CREATE TRIGGER {table}_{}_catalog_version AFTER {event} ON {table} \
                 BEGIN {BUMP}; END",
                event.to_lowercase()
            ));
        }
    }
    statements
}

fn sqlite_down() -> Vec<String> {
    let mut statements: Vec<String> = CATALOG_TABLES
        .iter()
        .flat_map(|table| {
            ["insert", "update", "delete"]
                .map(|event| format!("DROP TRIGGER IF EXISTS {table}_{event}_catalog_version"))
        })
        .collect();
    statements.push("DROP TABLE IF EXISTS catalog_versions".to_owned());
    statements
}

// Statement-level on PostgreSQL: an import of 10,000 products raises the counter once.
fn postgres_up() -> Vec<String> {
    let mut statements = create_table();
    statements.push(format!(
        "CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN {BUMP}; RETURN NULL; END $$"
    ));
    for table in CATALOG_TABLES {
        statements.push(format!(
            "CREATE TRIGGER {table}_catalog_version AFTER INSERT OR UPDATE OR DELETE ON {table} \
             FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()"
        ));
    }
    statements
}

fn postgres_down() -> Vec<String> {
    let mut statements: Vec<String> = CATALOG_TABLES
        .iter()
        .map(|table| format!("DROP TRIGGER IF EXISTS {table}_catalog_version ON {table}"))
        .collect();
    statements.push("DROP FUNCTION IF EXISTS bump_catalog_version()".to_owned());
    statements.push("DROP TABLE IF EXISTS catalog_versions".to_owned());
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
