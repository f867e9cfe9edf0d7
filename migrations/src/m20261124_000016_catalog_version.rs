//! A counter of catalog changes, `catalog_versions.version` (one row), raised by
//! triggers whenever anything that decides which products a customer sees, or what it
//! sees of them, changes: a product, a category (the tree decides what an assigned
//! category brings), or a company's assortment. The catalog's listing cache
//! (`backend/src/domain/catalog/listing_cache.rs`) reads it once per request, with the
//! price version, and throws its pages away when it moved. Same counter as
//! `000015_price_version` (`version_counter.rs`): triggers, so no write path can forget it.

use sea_orm_migration::prelude::*;

use crate::per_backend::run_per_backend;
use crate::version_counter::VersionCounter;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000016_catalog_version"
    }
}

/// The tables whose every row change can change a catalog page. Stock is not among
/// them: pages are cached without it and it is always read live.
const CATALOG: VersionCounter = VersionCounter {
    name: "catalog_version",
    tables: &[
        "products",
        "categories",
        "assortment_categories",
        "assortment_products",
    ],
};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_per_backend(manager, &CATALOG.postgres_up(), &CATALOG.sqlite_up()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_per_backend(manager, &CATALOG.postgres_down(), &CATALOG.sqlite_down()).await
    }
}
