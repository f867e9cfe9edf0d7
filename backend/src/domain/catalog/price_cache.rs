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
use std::sync::Arc;

use sea_orm::ConnectionTrait;

use super::CatalogViewer;
use super::offers::{PriceContext, list_prices, price_context};
use super::versioned::Versioned;
use crate::domain::DomainError;
use crate::domain::pricing::ListPrice;

/// When the cache holds more prices than this it starts again from empty: a bound on
/// memory for catalogs of millions of products (each entry is about 100 bytes).
const MAX_PRICES: usize = 200_000;

#[derive(Default)]
pub struct PriceCache {
    state: Versioned<State>,
}

#[derive(Default)]
struct State {
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
        } = self
            .state
            .read(version, |state| state.lookup(viewer, product_ids));
        let context = match context {
            Some(context) => context,
            None => {
                let context = Arc::new(price_context(db, viewer).await?);
                self.state.write(version, |state| {
                    state.contexts.insert(viewer, context.clone());
                });
                context
            }
        };
        let missing: Vec<i64> = missing.unwrap_or_else(|| product_ids.to_vec());
        if !missing.is_empty() {
            let mut read = list_prices(db, &context, &missing).await?;
            let fetched: Vec<(i64, Option<ListPrice>)> =
                missing.iter().map(|id| (*id, read.remove(id))).collect();
            self.state.write(version, |state| {
                state.store_prices(&context.lists, &fetched)
            });
            found.extend(
                fetched
                    .into_iter()
                    .filter_map(|(id, price)| price.map(|price| (id, price))),
            );
        }
        Ok((context, found))
    }
}

impl State {
    fn lookup(&self, viewer: CatalogViewer, product_ids: &[i64]) -> Lookup {
        let Some(context) = self.contexts.get(&viewer).cloned() else {
            return Lookup {
                context: None,
                found: HashMap::new(),
                missing: None,
            };
        };
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        let cached = self.prices.get(&context.lists);
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

    fn store_prices(&mut self, lists: &[i64], fetched: &[(i64, Option<ListPrice>)]) {
        if self.price_count + fetched.len() > MAX_PRICES {
            self.prices.clear();
            self.price_count = 0;
        }
        let prices = self.prices.entry(lists.to_vec()).or_default();
        let before = prices.len();
        prices.extend(fetched.iter().cloned());
        let added = prices.len() - before;
        self.price_count += added;
    }
}
