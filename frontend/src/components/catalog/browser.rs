//! The state of a catalog list: what is typed and chosen, the products loaded so far
//! (Relay pages appended by "Load more"), and whether a request is running or failed.
//!
//! The search waits for a pause in typing (200 ms) before asking the server. Every
//! filter change starts over from the first page; an answer to an older request is
//! dropped, so a slow answer never overwrites a newer one. The filter is mirrored into
//! the address (`?q=&category=&sort=`) so a reload or the back button keeps it.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::catalog::{Product, ProductFilter, ProductSort, products};
pub use crate::components::paged::ListStatus;

const SEARCH_DELAY: Duration = Duration::from_millis(200);

#[derive(Clone, Copy)]
pub struct CatalogBrowser {
    /// The text in the search box, as typed.
    pub search_text: RwSignal<String>,
    /// The search the list shows (the typed text after the pause).
    pub search: RwSignal<String>,
    pub category: RwSignal<Option<String>>,
    pub sort: RwSignal<ProductSort>,
    pub products: RwSignal<Vec<Product>>,
    pub status: RwSignal<ListStatus>,
    pub has_next_page: RwSignal<bool>,
    /// The SKUs of the page that arrived last: fresh levels that replace live ones.
    pub arrived: RwSignal<Vec<String>>,
    end_cursor: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
    pending_search: StoredValue<Option<TimeoutHandle>>,
}

impl CatalogBrowser {
    /// A list that starts from the address's filter and keeps `path` in step with it.
    pub fn new(path: &'static str) -> CatalogBrowser {
        let query = use_query_map();
        let initial = filter_in(&query.get_untracked());
        let browser = CatalogBrowser {
            search_text: RwSignal::new(initial.search.clone()),
            search: RwSignal::new(initial.search),
            category: RwSignal::new(initial.category_id),
            sort: RwSignal::new(initial.sort),
            products: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            has_next_page: RwSignal::new(false),
            arrived: RwSignal::new(Vec::new()),
            end_cursor: RwSignal::new(None),
            generation: StoredValue::new(0),
            pending_search: StoredValue::new(None),
        };
        let navigate = use_navigate();
        Effect::new(move |previous: Option<ProductFilter>| {
            let filter = browser.filter();
            if previous.as_ref() != Some(&filter) {
                if previous.is_some() {
                    navigate(
                        &address(path, &filter),
                        NavigateOptions {
                            replace: true,
                            scroll: false,
                            ..NavigateOptions::default()
                        },
                    );
                }
                browser.load_first(filter.clone());
            }
            filter
        });
        // A link to the same page with another filter (the menu's "Catalog", a
        // breadcrumb) changes the address but keeps this component: follow it. The
        // address this list writes itself always equals its filter, so that is a no-op.
        Effect::new(move |_| {
            let wanted = filter_in(&query.get());
            if wanted != browser.filter_untracked() {
                browser.search_text.set(wanted.search.clone());
                browser.search.set(wanted.search);
                browser.category.set(wanted.category_id);
                browser.sort.set(wanted.sort);
            }
        });
        browser
    }

    /// The filter the list shows; reading it subscribes to changes.
    pub fn filter(self) -> ProductFilter {
        ProductFilter {
            search: self.search.get(),
            category_id: self.category.get(),
            sort: self.sort.get(),
        }
    }

    /// Takes a keystroke of the search box; the list follows after a pause in typing.
    pub fn type_search(self, text: String) {
        self.search_text.set(text.clone());
        if let Some(handle) = self.pending_search.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                self.search.try_set(text.trim().to_owned());
            },
            SEARCH_DELAY,
        )
        .ok();
        self.pending_search.set_value(handle);
    }

    /// Reads the first page again with the same filter (after a failure or a change).
    pub fn reload(self) {
        self.load_first(self.filter_untracked());
    }

    fn filter_untracked(self) -> ProductFilter {
        ProductFilter {
            search: self.search.get_untracked(),
            category_id: self.category.get_untracked(),
            sort: self.sort.get_untracked(),
        }
    }

    fn next_generation(self) -> u64 {
        let next = self.generation.get_value() + 1;
        self.generation.set_value(next);
        next
    }

    /// Whether the answer to request `generation` is still wanted.
    fn is_current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    fn load_first(self, filter: ProductFilter) {
        let generation = self.next_generation();
        self.status.set(ListStatus::Loading);
        spawn_local(async move {
            let result = products(&filter, None).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.arrived
                        .set(page.items.iter().map(|p| p.sku.clone()).collect());
                    self.products.set(page.items);
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) => {
                    self.products.set(Vec::new());
                    self.has_next_page.set(false);
                    self.status.set(ListStatus::Failed(error));
                }
            }
        });
    }

    pub fn load_more(self) {
        let ready = matches!(
            self.status.get_untracked(),
            ListStatus::Ready | ListStatus::MoreFailed(_)
        );
        if !ready || !self.has_next_page.get_untracked() {
            return;
        }
        let filter = self.filter_untracked();
        let after = self.end_cursor.get_untracked();
        let generation = self.next_generation();
        self.status.set(ListStatus::LoadingMore);
        spawn_local(async move {
            let result = products(&filter, after.as_deref()).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.arrived
                        .set(page.items.iter().map(|p| p.sku.clone()).collect());
                    self.products.update(|list| list.extend(page.items));
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) => self.status.set(ListStatus::MoreFailed(error)),
            }
        });
    }

    /// Shows a saved product in place; a product not on screen reloads the list.
    pub fn replace(self, product: Product) {
        let mut found = false;
        self.products.update(|list| {
            if let Some(slot) = list.iter_mut().find(|item| item.sku == product.sku) {
                *slot = product.clone();
                found = true;
            }
        });
        if found {
            self.arrived.set(vec![product.sku]);
        } else {
            self.reload();
        }
    }
}

/// The filter an address asks for.
fn filter_in(query: &leptos_router::params::ParamsMap) -> ProductFilter {
    ProductFilter {
        search: query.get("q").unwrap_or_default().trim().to_owned(),
        category_id: query.get("category").filter(|id| !id.is_empty()),
        sort: query
            .get("sort")
            .and_then(|sort| ProductSort::parse(&sort))
            .unwrap_or_default(),
    }
}

/// `/catalog?q=screw&category=6&sort=NAME`, leaving out what is not set.
fn address(path: &str, filter: &ProductFilter) -> String {
    let mut parameters = Vec::new();
    if !filter.search.is_empty() {
        parameters.push(format!(
            "q={}",
            js_sys::encode_uri_component(&filter.search)
        ));
    }
    if let Some(category) = &filter.category_id {
        parameters.push(format!(
            "category={}",
            js_sys::encode_uri_component(category)
        ));
    }
    if filter.sort != ProductSort::default() {
        parameters.push(format!("sort={}", filter.sort.as_str()));
    }
    if parameters.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", parameters.join("&"))
    }
}
