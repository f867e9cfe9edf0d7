//! The catalog's cache of listing pages: which products a viewer's page (list or
//! search) shows, so that a catalog page asks the database for its stock but not,
//! each time, for its products.
//!
//! **Invalidation** is by version, as for prices (`price_cache.rs`): migration
//! `000016_catalog_version` raises `catalog_versions.version` by trigger whenever a
//! product, a category or an assortment changes. Each request reads it before it uses
//! a page (`versions.rs`; `listed_page.rs` reads it with the stock of the page it
//! found here). A page read that started before a change can only be stored under the
//! old version, which the next request throws away (`versioned.rs`). Stock is not part
//! of a page: it is read live for every request.

use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::ConnectionTrait;

use super::listing::{self, ProductQuery};
use super::versioned::Versioned;
use super::{CatalogViewer, Product};
use crate::domain::DomainError;
use crate::domain::page::Page;

/// When the pages hold more products than this the cache starts again from empty: a
/// bound on memory whatever people search for (a product is a few hundred bytes).
const MAX_PRODUCTS: usize = 20_000;

type PageKey = (CatalogViewer, ProductQuery);

#[derive(Default)]
pub struct ListingCache {
    pages: Versioned<Pages>,
}

#[derive(Default)]
struct Pages {
    pages: HashMap<PageKey, Arc<Page<Product>>>,
    product_count: usize,
}

impl ListingCache {
    /// The page `query` of `viewer`'s catalog as of catalog version `version`.
    pub async fn list(
        &self,
        db: &impl ConnectionTrait,
        version: i64,
        viewer: CatalogViewer,
        query: &ProductQuery,
    ) -> Result<Arc<Page<Product>>, DomainError> {
        let key = (viewer, query.clone());
        if let Some(page) = self
            .pages
            .read(version, |cached| cached.pages.get(&key).cloned())
        {
            return Ok(page);
        }
        let page = Arc::new(listing::list(db, viewer, query).await?);
        self.pages
            .write(version, |cached| cached.insert(key, page.clone()));
        Ok(page)
    }

    /// The page `query` of `viewer`'s catalog if one is cached, with the catalog version
    /// it holds for; the caller checks that version before it uses the page.
    pub fn cached(
        &self,
        viewer: CatalogViewer,
        query: &ProductQuery,
    ) -> Option<(i64, Arc<Page<Product>>)> {
        let key = (viewer, query.clone());
        self.pages
            .read_any(|version, cached| cached.pages.get(&key).map(|page| (version, page.clone())))
    }
}

impl Pages {
    fn insert(&mut self, key: PageKey, page: Arc<Page<Product>>) {
        if self.product_count + page.items.len() > MAX_PRODUCTS {
            self.pages.clear();
            self.product_count = 0;
        }
        self.product_count += page.items.len();
        if let Some(replaced) = self.pages.insert(key, page) {
            self.product_count -= replaced.items.len();
        }
    }
}
