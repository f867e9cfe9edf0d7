//! The catalog's cache of price contexts and list prices, so that a catalog page asks
//! the database for its products and their stock but not, each time, for the
//! company's price lists, its discount, and the list prices and tiers of 50 products
//! (4 of the page's 8 queries before the cache).
//!
//! **Invalidation** is by version, not by message: migration `000015_price_version`
//! raises `price_versions.version` by trigger whenever a list price, a tier, a price
//! list, or a company's price list or discount changes. Each request reads that number
//! first (`versions::current`, with the catalog's) and empties the cache when it moved, so
//! a change committed by any instance (or by SQL outside the portal) is seen by the
//! next request on every instance. A filling read that started before a change can
//! only store under the old version, which the next request throws away.
//!
//! Only what the catalog *shows* comes from here. Placing an order and the cart price
//! their lines inside their own transaction from the database (`offers::list_prices`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::ConnectionTrait;

use super::CatalogViewer;
use super::offers::{PriceContext, list_prices, price_context};
use crate::domain::DomainError;
use crate::domain::pricing::ListPrice;

/// When the cache holds more prices than this it starts again from empty: a bound on
/// memory for catalogs of millions of products (each entry is about 100 bytes).
const MAX_PRICES: usize = 200_000;

#[derive(Default)]
pub struct PriceCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The `price_versions.version` the entries below were read at.
    version: i64,
    contexts: HashMap<CatalogViewer, Arc<PriceContext>>,
    /// Per list of price lists (most specific first): each product's list price, or
    /// `None` when no list of them prices it.
    prices: HashMap<Vec<i64>, HashMap<i64, Option<ListPrice>>>,
    price_count: usize,
}

struct Lookup {
    /// The viewer's price context, if cached.
    context: Option<Arc<PriceContext>>,
    /// The cached prices of the products asked for.
    found: HashMap<i64, ListPrice>,
    /// The products still to read; `None`: all of them (the context was not cached).
    missing: Option<Vec<i64>>,
}

impl PriceCache {
    /// The price context of `viewer` and the list price of each of `product_ids`
    /// (absent when no list prices it), as of price version `version`
    /// (`versions::current`, read by the caller before).
    pub async fn prices(
        &self,
        db: &impl ConnectionTrait,
        version: i64,
        viewer: CatalogViewer,
        product_ids: &[i64],
    ) -> Result<(Arc<PriceContext>, HashMap<i64, ListPrice>), DomainError> {
        let Lookup {
            context,
            mut found,
            missing,
        } = self.lookup(version, viewer, product_ids);
        let context = match context {
            Some(context) => context,
            None => {
                let context = Arc::new(price_context(db, viewer).await?);
                self.store_context(version, viewer, context.clone());
                context
            }
        };
        let missing: Vec<i64> = missing.unwrap_or_else(|| product_ids.to_vec());
        if !missing.is_empty() {
            let mut read = list_prices(db, &context, &missing).await?;
            let fetched: Vec<(i64, Option<ListPrice>)> =
                missing.iter().map(|id| (*id, read.remove(id))).collect();
            self.store_prices(version, &context.lists, &fetched);
            found.extend(
                fetched
                    .into_iter()
                    .filter_map(|(id, price)| price.map(|price| (id, price))),
            );
        }
        Ok((context, found))
    }

    /// What the cache has at `version` (emptied first if it is older).
    fn lookup(&self, version: i64, viewer: CatalogViewer, product_ids: &[i64]) -> Lookup {
        let mut state = self.lock();
        if state.version != version {
            *state = State {
                version,
                ..State::default()
            };
        }
        let Some(context) = state.contexts.get(&viewer).cloned() else {
            return Lookup {
                context: None,
                found: HashMap::new(),
                missing: None,
            };
        };
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        let cached = state.prices.get(&context.lists);
        for id in product_ids {
            match cached.and_then(|prices| prices.get(id)) {
                Some(Some(price)) => {
                    found.insert(*id, price.clone());
                }
                Some(None) => {}
                None => missing.push(*id),
            }
        }
        Lookup {
            context: Some(context),
            found,
            missing: Some(missing),
        }
    }

    fn store_context(&self, version: i64, viewer: CatalogViewer, context: Arc<PriceContext>) {
        let mut state = self.lock();
        if state.version == version {
            state.contexts.insert(viewer, context);
        }
    }

    fn store_prices(&self, version: i64, lists: &[i64], fetched: &[(i64, Option<ListPrice>)]) {
        let mut state = self.lock();
        if state.version != version {
            return;
        }
        if state.price_count + fetched.len() > MAX_PRICES {
            state.prices.clear();
            state.price_count = 0;
        }
        let prices = state.prices.entry(lists.to_vec()).or_default();
        let before = prices.len();
        prices.extend(fetched.iter().cloned());
        let added = prices.len() - before;
        state.price_count += added;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
