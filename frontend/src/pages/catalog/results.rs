//! The list part of the catalog: skeletons while loading, the error with a retry, the
//! empty state, the products as table or grid, and "Load more".

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::catalog::browser::{CatalogBrowser, ListStatus};
use crate::components::catalog::live_stock::LiveStock;
use crate::components::catalog::product_list::{ProductGrid, ProductTable};
use crate::components::catalog::toolbar::CatalogView;
use crate::components::paged::LoadMore;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Shown {
    Skeleton,
    Failed(ApiError),
    Empty,
    Products,
}

#[component]
pub fn CatalogResults(
    browser: CatalogBrowser,
    live: LiveStock,
    view_mode: RwSignal<CatalogView>,
    ordering: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // What the list area shows changes less often than the status: "Load more" running
    // or failing keeps the same products, and their rows (with the quantities typed)
    // stay as they are.
    let shown = Memo::new(move |_| match browser.status.get() {
        ListStatus::Loading => Shown::Skeleton,
        ListStatus::Failed(error) => Shown::Failed(error),
        ListStatus::Ready | ListStatus::LoadingMore | ListStatus::MoreFailed(_) => {
            if browser.products.with(Vec::is_empty) {
                Shown::Empty
            } else {
                Shown::Products
            }
        }
    });
    let content = move || match (shown.get(), view_mode.get()) {
        (Shown::Skeleton, CatalogView::Table) => view! {
            <div class="card table-card"><TableSkeleton rows=6 columns=6 /></div>
        }
        .into_any(),
        (Shown::Skeleton, CatalogView::Grid) => view! { <GridSkeleton /> }.into_any(),
        (Shown::Failed(error), _) => view! {
            <div class="notice error list-error" role="alert" data-testid="catalog-error">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| browser.reload()>
                    {tr(|t| t.catalog.retry)}
                </button>
            </div>
        }
        .into_any(),
        (Shown::Empty, _) => view! { <EmptyState browser /> }.into_any(),
        (Shown::Products, CatalogView::Table) => view! {
            <div class="card table-card">
                <ProductTable products=browser.products live ordering />
            </div>
        }
        .into_any(),
        (Shown::Products, CatalogView::Grid) => {
            view! { <ProductGrid products=browser.products live ordering /> }.into_any()
        }
    };
    view! {
        {content}
        <LoadMore
            status=browser.status
            has_next_page=browser.has_next_page
            on_load=Callback::new(move |()| browser.load_more())
            texts=|t| (t.catalog.load_more, t.catalog.loading_more)
        />
    }
}

#[component]
fn EmptyState(browser: CatalogBrowser) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let t = &i18n.t().catalog;
        let search = browser.search.get();
        if !search.is_empty() {
            (t.empty_search)(&search)
        } else if browser.category.get().is_some() {
            t.empty_category.to_owned()
        } else {
            t.empty.to_owned()
        }
    };
    view! {
        <div class="card">
            <p class="empty-state" data-testid="catalog-empty">{text}</p>
        </div>
    }
}

#[component]
fn GridSkeleton() -> impl IntoView {
    view! {
        <div class="product-grid" aria-busy="true">
            <span class="visually-hidden">{tr(|t| t.app.loading)}</span>
            {(0..6)
                .map(|_| {
                    view! {
                        <div class="card product-card skeleton" aria-hidden="true">
                            <span class="skeleton-cell"></span>
                            <span class="skeleton-cell"></span>
                            <span class="skeleton-cell"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
