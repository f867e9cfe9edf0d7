//! The catalog's cache of listing pages: which products a viewer's page (list or
//! search) shows, so that a catalog page asks the database for its stock but not,
//! each time, for its products.
//!
//! **Invalidation** is by version, as for prices (`price_cache.rs`): migration
//! `000016_catalog_version` raises `catalog_versions.version` by trigger whenever a
//! product, a category or an assortment changes, and each request reads it
//! (`versions::current`) before it reads the cache. A page read that started before a
//! change can only be stored under the old version, which the next request throws
//! away. Stock is not part of a page: it is read live for every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::ConnectionTrait;

use super::listing::{self, ProductQuery};
use super::{CatalogViewer, Product};
use crate::domain::DomainError;
use crate::domain::page::Page;

/// When the pages hold more products than this the cache starts again from empty: a
/// bound on memory whatever people search for (a product is a few hundred bytes).
const MAX_PRODUCTS: usize = 20_000;

#[derive(Default)]
pub struct ListingCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The `catalog_versions.version` the pages below were read at.
    version: i64,
    pages: HashMap<(CatalogViewer, ProductQuery), Arc<Page<Product>>>,
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
        if let Some(page) = self.lookup(version, &key) {
            return Ok(page);
        }
        let page = Arc::new(listing::list(db, viewer, query).await?);
        self.store(version, key, page.clone());
        Ok(page)
    }

    fn lookup(
        &self,
        version: i64,
        key: &(CatalogViewer, ProductQuery),
    ) -> Option<Arc<Page<Product>>> {
        let mut state = self.lock();
        if state.version != version {
            *state = State {
                version,
                ..State::default()
            };
        }
        state.pages.get(key).cloned()
    }

    fn store(&self, version: i64, key: (CatalogViewer, ProductQuery), page: Arc<Page<Product>>) {
        let mut state = self.lock();
        if state.version != version {
            return;
        }
        if state.product_count + page.items.len() > MAX_PRODUCTS {
            state.pages.clear();
            state.product_count = 0;
        }
        state.product_count += page.items.len();
        if let Some(replaced) = state.pages.insert(key, page) {
            state.product_count -= replaced.items.len();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
