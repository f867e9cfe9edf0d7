//! A catalog page as a request shows it: the products of a viewer's list or search
//! (from the [`ListingCache`]), the cache versions they hold for, and their live stock.
//!
//! A page the cache holds costs one statement: it checks the version the page was
//! cached at and reads the page's stock together (`versions::current_with_available`).
//! Only when the version moved, or the page is not cached, does it read the versions,
//! the products and the stock one after the other.

use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::ConnectionTrait;

use super::listing::ProductQuery;
use super::listing_cache::ListingCache;
use super::offers::available;
use super::versions::{self, CacheVersions};
use super::{CatalogViewer, Product};
use crate::domain::DomainError;
use crate::domain::page::Page;

pub struct ListedPage {
    /// The versions read by this request: prices are shown at `versions.prices`.
    pub versions: CacheVersions,
    pub page: Arc<Page<Product>>,
    /// On hand minus reserved per product of the page; absent: none.
    pub available: HashMap<i64, i64>,
}

pub async fn read(
    db: &impl ConnectionTrait,
    cache: &ListingCache,
    viewer: CatalogViewer,
    query: &ProductQuery,
) -> Result<ListedPage, DomainError> {
    let versions = match cache.cached(viewer, query) {
        Some((cached_at, page)) => {
            match versions::current_with_available(db, &ids_of(&page)).await? {
                Some((versions, available)) if versions.catalog == cached_at => {
                    return Ok(ListedPage {
                        versions,
                        page,
                        available,
                    });
                }
                Some((versions, _)) => versions,
                None => versions::current(db).await?,
            }
        }
        None => versions::current(db).await?,
    };
    let page = cache.list(db, versions.catalog, viewer, query).await?;
    let available = available(db, &ids_of(&page)).await?;
    Ok(ListedPage {
        versions,
        page,
        available,
    })
}

impl ListedPage {
    /// The ids of the page's products, in page order.
    pub fn product_ids(&self) -> Vec<i64> {
        ids_of(&self.page)
    }
}

fn ids_of(page: &Page<Product>) -> Vec<i64> {
    page.items.iter().map(|product| product.id).collect()
}
