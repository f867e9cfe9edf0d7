//! Supplier staff's products: the catalog list (search, categories, sort, live stock)
//! with a create and edit form, inline stock adjustment and prices per price list.

mod category_form;
mod form;
mod prices;
mod row;
mod stock;

use leptos::prelude::*;

use crate::api::catalog::{Category, Product};
use crate::components::catalog::browser::{CatalogBrowser, ListStatus};
use crate::components::catalog::category_tree::CategorySidebar;
use crate::components::catalog::live_stock::{LiveStock, LiveStockStatus};
use crate::components::catalog::toolbar::{CatalogToolbar, CatalogView};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::skeleton::TableSkeleton;
use crate::components::staff::{StaffOnly, StaffTabs};
use crate::i18n::{tr, use_i18n};
use crate::pages::catalog::skus_on_screen;
use category_form::CategoryForm;
use form::ProductForm;
use row::StaffProductRow;

/// What the form above the list edits.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Editing {
    New,
    Existing(Product),
    NewCategory,
}

#[component]
pub fn StaffProductsPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <StaffProducts />
        </StaffOnly>
    }
}

#[component]
fn StaffProducts() -> impl IntoView {
    let i18n = use_i18n();
    let browser = CatalogBrowser::new("/staff/products");
    let live = LiveStock::follow(skus_on_screen(browser));
    Effect::new(move |_| live.forget(&browser.arrived.get()));
    let notice = RwSignal::new(None::<Notice>);
    let editing = RwSignal::new(None::<Editing>);
    let created_categories = RwSignal::new(Vec::<Category>::new());
    // The staff list is always a table; the toggle is not shown here.
    let view_mode = RwSignal::new(CatalogView::Table);

    let on_saved = Callback::new(move |product: Product| {
        notice.set(Some(Notice::DoneWith(
            |t, sku| (t.staff_products.saved)(sku),
            product.sku.clone(),
        )));
        editing.set(None);
        browser.replace(product);
    });
    let on_category_saved = Callback::new(move |category: Category| {
        notice.set(Some(Notice::DoneWith(
            |t, name| (t.staff_products.category_saved)(name),
            category.name_en.clone(),
        )));
        created_categories.update(|created| created.push(category));
        editing.set(None);
    });
    let on_cancel = Callback::new(move |()| editing.set(None));
    let on_edit = Callback::new(move |product: Product| {
        notice.set(None);
        editing.set(Some(Editing::Existing(product)));
    });

    let form = move || {
        editing.get().map(|editing_now| match editing_now {
            Editing::NewCategory => view! {
                <CategoryForm created=created_categories on_saved=on_category_saved on_cancel />
            }
            .into_any(),
            Editing::New => view! {
                <ProductForm existing=None created_categories on_saved on_cancel />
            }
            .into_any(),
            Editing::Existing(product) => view! {
                <ProductForm existing=Some(product) created_categories on_saved on_cancel />
            }
            .into_any(),
        })
    };

    view! {
        <section class="page catalog-page" data-testid="staff-products-page">
            <header class="page-header">
                <h1>{tr(|t| t.staff_products.title)}</h1>
                <p class="lead">{tr(|t| t.staff_products.intro)}</p>
            </header>
            <StaffTabs />
            <NoticeBanner notice />
            <div class="page-actions">
                <button
                    type="button"
                    class="button primary"
                    data-testid="new-product"
                    on:click=move |_| {
                        notice.set(None);
                        editing.set(Some(Editing::New));
                    }
                >
                    {tr(|t| t.staff_products.new_product)}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="new-category"
                    on:click=move |_| {
                        notice.set(None);
                        editing.set(Some(Editing::NewCategory));
                    }
                >
                    {tr(|t| t.staff_products.new_category)}
                </button>
            </div>
            {form}
            <CatalogToolbar browser view_mode show_view_toggle=false />
            <div class="catalog-layout">
                <CategorySidebar selected=browser.category />
                <div class="catalog-results">
                    <div class="results-bar">
                        <span class="muted" data-testid="results-count">
                            {move || (i18n.t().catalog.showing)(browser.products.with(Vec::len))}
                        </span>
                        <LiveStockStatus live />
                    </div>
                    <StaffList browser live on_edit notice />
                </div>
            </div>
        </section>
    }
}

#[component]
fn StaffList(
    browser: CatalogBrowser,
    live: LiveStock,
    on_edit: Callback<Product>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = Memo::new(move |_| browser.products.with(Vec::is_empty));
    let status = Memo::new(move |_| match browser.status.get() {
        ListStatus::Loading => Some(None),
        ListStatus::Failed(error) => Some(Some(error)),
        _ => None,
    });
    let header = move || {
        let t = i18n.t();
        view! {
            <tr>
                <th scope="col">{t.catalog.sku}</th>
                <th scope="col">{t.catalog.product}</th>
                <th scope="col">{t.catalog.unit}</th>
                <th scope="col">{t.catalog.price}</th>
                <th scope="col">{t.catalog.availability}</th>
                <th scope="col">{t.staff_products.status}</th>
                <th scope="col">{t.staff_products.actions}</th>
            </tr>
        }
    };
    let content = move || match status.get() {
        Some(None) => {
            view! { <div class="card table-card"><TableSkeleton rows=6 columns=6 /></div> }
                .into_any()
        }
        Some(Some(error)) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| browser.reload()>
                    {tr(|t| t.catalog.retry)}
                </button>
            </div>
        }
        .into_any(),
        None if empty.get() => view! {
            <div class="card"><p class="empty-state" data-testid="catalog-empty">
                {move || {
                    let search = browser.search.get();
                    let t = &i18n.t().catalog;
                    if search.is_empty() { t.empty.to_owned() } else { (t.empty_search)(&search) }
                }}
            </p></div>
        }
        .into_any(),
        None => view! {
            <div class="card table-card">
                <div class="table-scroll catalog-scroll">
                    <table class="catalog-table staff-table" data-testid="staff-products-table">
                        <thead>{header}</thead>
                        <tbody>
                            <For
                                each=move || browser.products.get()
                                key=|product| product.sku.clone()
                                let:product
                            >
                                <StaffProductRow product live browser on_edit notice />
                            </For>
                        </tbody>
                    </table>
                </div>
            </div>
        }
        .into_any(),
    };
    view! {
        {content}
        {move || {
            let loading = browser.status.get() == ListStatus::LoadingMore;
            (browser.has_next_page.get() && status.get().is_none()).then(|| view! {
                <div class="load-more">
                    <button
                        type="button"
                        class="button"
                        data-testid="load-more"
                        disabled=loading
                        on:click=move |_| browser.load_more()
                    >
                        {move || {
                            let t = &i18n.t().catalog;
                            if loading { t.loading_more } else { t.load_more }
                        }}
                    </button>
                </div>
            })
        }}
    }
}
