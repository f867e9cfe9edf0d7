//! The back-office routes in each bundle: the staff bundle renders the pages, the
//! customer bundle reloads the address so that the server answers it with the staff
//! bundle (see `lib.rs` and `shared::bundles`).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::app::StaffPage;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::tr;
use crate::pages::companies::CompaniesPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::integrations::{ApiKeysPage, WebhooksPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::payments::PaymentsPage;
use crate::pages::staff_assortments::StaffAssortmentsPage;
use crate::pages::staff_entry::StaffOrderEntryPage;
use crate::pages::staff_import::StaffImportPage;
use crate::pages::staff_orders::StaffOrdersPage;
use crate::pages::staff_pick_list::PickListPage;
use crate::pages::staff_products::StaffProductsPage;

/// The staff bundle's back-office pages.
pub fn staff_pages(page: StaffPage) -> AnyView {
    match page {
        StaffPage::Dashboard => view! { <DashboardPage /> }.into_any(),
        StaffPage::Companies => view! { <CompaniesPage /> }.into_any(),
        StaffPage::Products => view! { <StaffProductsPage /> }.into_any(),
        StaffPage::Import => view! { <StaffImportPage /> }.into_any(),
        StaffPage::Assortments => view! { <StaffAssortmentsPage /> }.into_any(),
        StaffPage::Orders => view! { <StaffOrdersPage /> }.into_any(),
        StaffPage::PickList => view! { <PickListPage /> }.into_any(),
        StaffPage::OrderEntry => view! { <StaffOrderEntryPage /> }.into_any(),
        StaffPage::Payments => view! { <PaymentsPage /> }.into_any(),
        StaffPage::ApiKeys => view! { <ApiKeysPage /> }.into_any(),
        StaffPage::Webhooks => view! { <WebhooksPage /> }.into_any(),
    }
}

/// The customer bundle's stand-in for every back-office page.
pub fn load_staff_bundle(_page: StaffPage) -> AnyView {
    view! { <StaffBundleLoader /> }.into_any()
}

/// Where the last reload into the staff bundle went, and when.
const LAST_RELOAD_KEY: &str = "portal.staff-bundle-reload";

/// Loads the current address as a new page once the router has put it in the address
/// bar (a link's navigation renders the route before it pushes the history entry).
/// Should the server answer it with the customer bundle again (a misconfigured proxy,
/// an old server), a second load of the same address within seconds would loop forever:
/// that case shows "not found" instead.
#[component]
fn StaffBundleLoader() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    // Whether the router's search and hash carry their `?` and `#` or not, the
    // address gets them once.
    let with_mark = |mark: char, text: String| match text.trim_start_matches(mark) {
        "" => String::new(),
        rest => format!("{mark}{rest}"),
    };
    let target = format!(
        "{path}{}{}",
        with_mark('?', location.search.get_untracked()),
        with_mark('#', location.hash.get_untracked())
    );
    let storage = window().session_storage().ok().flatten();
    let now = js_sys::Date::now();
    let looping = storage
        .as_ref()
        .and_then(|storage| storage.get_item(LAST_RELOAD_KEY).ok().flatten())
        .and_then(|last| {
            let (at, last_path) = last.split_once(' ')?;
            Some(last_path == path && now - at.parse::<f64>().ok()? < 10_000.0)
        })
        .unwrap_or(false);
    if looping {
        return view! { <NotFoundPage /> }.into_any();
    }
    if let Some(storage) = &storage {
        let _ = storage.set_item(LAST_RELOAD_KEY, &format!("{now} {path}"));
    }
    set_timeout(
        move || {
            let location = window().location();
            if location.pathname().ok().as_deref() == Some(path.as_str()) {
                let _ = location.reload();
            } else {
                let _ = location.assign(&target);
            }
        },
        std::time::Duration::ZERO,
    );
    view! {
        <section class="page" aria-busy="true">
            <p class="visually-hidden" role="status">{tr(|t| t.app.loading)}</p>
            <TableSkeleton rows=6 columns=4 />
        </section>
    }
    .into_any()
}
