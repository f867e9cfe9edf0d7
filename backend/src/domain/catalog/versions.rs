//! The catalog's cache versions: counters the database raises by trigger whenever a
//! price (`000015_price_version`) or what a catalog lists (`000016_catalog_version`)
//! changes. A request reads both in one statement before it reads any cache, so a
//! change committed by any instance is seen by its next request.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, FromQueryResult, QuerySelect, Statement};

use super::offers::{available_query, never_negative};
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

/// The two counters as scalar subqueries, each read once per statement.
const CATALOG_VERSION: &str = "(SELECT version FROM catalog_versions WHERE id = 1)";
const PRICE_VERSION: &str = "(SELECT version FROM price_versions WHERE id = 1)";

pub async fn current(db: &impl ConnectionTrait) -> Result<CacheVersions, DomainError> {
    let statement = Statement::from_string(
        db.get_database_backend(),
        format!("SELECT {CATALOG_VERSION} AS catalog, {PRICE_VERSION} AS prices"),
    );
    let row = VersionsRow::find_by_statement(statement).one(db).await?;
    Ok(
        row.map_or_else(CacheVersions::default, |row| CacheVersions {
            catalog: row.catalog.unwrap_or(0),
            prices: row.prices.unwrap_or(0),
        }),
    )
}

/// Both versions and the available stock of `product_ids`, in one statement: a
/// catalog page cached at a version checks that version and reads its stock in one
/// round trip. `None` when no product of `product_ids` has a stock row (the caller
/// then reads the versions alone).
pub async fn current_with_available(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<Option<(CacheVersions, HashMap<i64, i64>)>, DomainError> {
    if product_ids.is_empty() {
        return Ok(None);
    }
    // Uncorrelated subqueries: both databases evaluate each once per statement, and
    // the statement reads one snapshot, so the stock is as of the versions.
    let rows: Vec<(i64, i64, Option<i64>, Option<i64>)> = available_query(product_ids)
        .column_as(Expr::cust(CATALOG_VERSION), "catalog")
        .column_as(Expr::cust(PRICE_VERSION), "prices")
        .into_tuple()
        .all(db)
        .await?;
    let Some((_, _, catalog, prices)) = rows.first().copied() else {
        return Ok(None);
    };
    let versions = CacheVersions {
        catalog: catalog.unwrap_or(0),
        prices: prices.unwrap_or(0),
    };
    let available = rows
        .into_iter()
        .map(|(product_id, available, _, _)| (product_id, never_negative(available)))
        .collect();
    Ok(Some((versions, available)))
}
