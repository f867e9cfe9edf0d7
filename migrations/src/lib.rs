//! The one database schema, as migrations that run unchanged on SQLite and PostgreSQL.
//!
//! Conventions every migration keeps:
//! - primary keys are `BIGINT` auto-increment (`INTEGER` on SQLite);
//! - **money columns are `BIGINT` counts of ten-thousandths** of the company's currency
//!   (1 ILS = 10000). SQLite has no exact decimal type (sea-orm would bind a float), and
//!   integers stay exact, summable in SQL and indexable on both databases; the backend
//!   converts them to `rust_decimal::Decimal` in one place (`backend::db::money`);
//! - enums (roles, statuses) are stored as their stable SCREAMING_SNAKE_CASE names;
//! - every foreign key and every column a list filters on has an index.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_accounts;
mod m20261123_000002_catalog;
mod m20261123_000003_orders;
mod m20261123_000004_carts;
mod m20261123_000005_notifications;
mod m20261123_000006_fulfilment;
mod m20261123_000008_totp_audit;
mod m20261124_000009_sessions;
mod m20261124_000010_companies;
mod m20261124_000011_integrations;
mod m20261124_000012_dashboard;
mod m20261124_000013_suggestions;
mod m20261124_000014_search_index;
mod m20261124_000015_price_version;
mod m20261124_000016_catalog_version;
mod per_backend;
mod version_counter;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_accounts::Migration),
            Box::new(m20261123_000002_catalog::Migration),
            Box::new(m20261123_000003_orders::Migration),
            Box::new(m20261123_000004_carts::Migration),
            Box::new(m20261123_000005_notifications::Migration),
            Box::new(m20261123_000006_fulfilment::Migration),
            Box::new(m20261123_000008_totp_audit::Migration),
            Box::new(m20261124_000009_sessions::Migration),
            Box::new(m20261124_000010_companies::Migration),
            Box::new(m20261124_000011_integrations::Migration),
            Box::new(m20261124_000012_dashboard::Migration),
            Box::new(m20261124_000013_suggestions::Migration),
            Box::new(m20261124_000014_search_index::Migration),
            Box::new(m20261124_000015_price_version::Migration),
            Box::new(m20261124_000016_catalog_version::Migration),
        ]
    }
}
