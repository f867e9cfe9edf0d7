//! The invoices list (a `PagedList`) and what the results area shows: a skeleton, an
//! error, an empty state or the table.

use leptos::prelude::*;
use leptos_router::components::A;

use super::table::InvoicesTable;
use crate::api::documents::{Invoice, InvoiceFilter};
use crate::components::paged::{ListPhase, LoadMore, PagedList};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

/// The invoices list: Relay pages of the current filter, appended by "Load more".
pub type InvoiceList = PagedList<InvoiceFilter, Invoice>;

#[component]
pub fn Results(list: InvoiceList) -> impl IntoView {
    let i18n = use_i18n();
    let phase = list.phase();
    move || match phase.get() {
        ListPhase::Loading => view! {
            <div class="card table-card"><TableSkeleton rows=6 columns=6 /></div>
        }
        .into_any(),
        ListPhase::Failed(error) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| list.reload()>
                    {tr(|t| t.documents.retry)}
                </button>
            </div>
        }
        .into_any(),
        ListPhase::Empty(filtered) => view! {
            <div class="card empty-card" data-testid="invoices-empty">
                <p class="empty-state">
                    {move || {
                        let t = &i18n.t().documents;
                        if filtered { t.invoices_empty_filtered } else { t.invoices_empty }
                    }}
                </p>
                <A href="/orders" attr:class="button">{tr(|t| t.documents.go_to_orders)}</A>
            </div>
        }
        .into_any(),
        ListPhase::List => view! {
            <div class="card table-card">
                <InvoicesTable invoices=list.items />
            </div>
            <LoadMore
                status=list.status
                has_next_page=list.has_next_page
                on_load=Callback::new(move |()| list.load_more())
                texts=|t| (t.documents.load_more, t.documents.loading_more)
            />
        }
        .into_any(),
    }
}
