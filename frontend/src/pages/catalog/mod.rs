//! The catalog: every role's products at its own prices, with live stock. Search as you
//! type, a category tree, sort, table or grid, and "Load more".

mod results;

use leptos::prelude::*;
use shared::Role;
use shared::money::VAT_RATE_PERCENT;

use crate::components::catalog::browser::CatalogBrowser;
use crate::components::catalog::category_tree::CategorySidebar;
use crate::components::catalog::live_stock::{LiveStock, LiveStockStatus};
use crate::components::catalog::toolbar::{CatalogToolbar, CatalogView};
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
pub use results::CatalogResults;

/// Whether a role places orders (and so sees quantities and line totals). The server
/// decides who may order; this only keeps the stepper from people who never do.
pub fn orders(role: Option<Role>) -> bool {
    matches!(role, Some(Role::Buyer | Role::Approver))
}

/// The SKUs on screen, for the live stock subscription.
pub fn skus_on_screen(browser: CatalogBrowser) -> Signal<Vec<String>> {
    Memo::new(move |_| {
        browser
            .products
            .with(|products| products.iter().map(|product| product.sku.clone()).collect())
    })
    .into()
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = session.role();
    let ordering = orders(role);
    let browser = CatalogBrowser::new("/catalog");
    let live = LiveStock::follow(skus_on_screen(browser));
    Effect::new(move |_| live.forget(&browser.arrived.get()));
    let view_mode = RwSignal::new(CatalogView::remembered());
    let intro = move || {
        let t = &i18n.t().catalog;
        if role == Some(Role::SupplierStaff) {
            t.staff_intro
        } else {
            t.intro
        }
    };

    view! {
        <section class="page catalog-page" data-testid="catalog-page">
            <header class="page-header">
                <h1>{tr(|t| t.catalog.title)}</h1>
                <p class="lead">{intro}</p>
            </header>
            <CatalogToolbar browser view_mode />
            <div class="catalog-layout">
                <CategorySidebar selected=browser.category />
                <div class="catalog-results">
                    <div class="results-bar">
                        <span class="muted" data-testid="results-count">
                            {move || (i18n.t().catalog.showing)(browser.products.with(Vec::len))}
                        </span>
                        <LiveStockStatus live />
                    </div>
                    <CatalogResults browser live view_mode ordering />
                    <p class="muted vat-note" data-testid="vat-note">
                        {move || (i18n.t().catalog.vat_note)(VAT_RATE_PERCENT)}
                    </p>
                </div>
            </div>
        </section>
    }
}
