//! The catalog's cache versions: counters the database raises by trigger whenever a
//! price (`000015_price_version`) or what a catalog lists (`000016_catalog_version`)
//! changes. A request reads both in one statement before it reads any cache, so a
//! change committed by any instance is seen by its next request.

use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use crate::domain::DomainError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheVersions {
    /// For [`super::listing_cache::ListingCache`].
    pub catalog: i64,
    /// For [`super::price_cache::PriceCache`].
    pub prices: i64,
}

#[derive(FromQueryResult)]
struct VersionsRow {
    catalog: Option<i64>,
    prices: Option<i64>,
}

pub async fn current(db: &impl ConnectionTrait) -> Result<CacheVersions, DomainError> {
    let statement = Statement::from_string(
        db.get_database_backend(),
        "SELECT (SELECT version FROM catalog_versions WHERE id = 1) AS catalog, \
         (SELECT version FROM price_versions WHERE id = 1) AS prices",
    );
    let row = VersionsRow::find_by_statement(statement).one(db).await?;
    Ok(
        row.map_or_else(CacheVersions::default, |row| CacheVersions {
            catalog: row.catalog.unwrap_or(0),
            prices: row.prices.unwrap_or(0),
        }),
    )
}
