//! The state of the invoices list (Relay pages appended by "Load more") and what the
//! results area shows: a skeleton, an error, an empty state or the table.
//!
//! An answer to an older request is dropped, so a slow answer never overwrites the
//! list of a newer filter.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::table::InvoicesTable;
use crate::api::ApiError;
use crate::api::documents::{Invoice, InvoiceFilter, PAGE_SIZE, invoices};
use crate::components::paged::{ListStatus, LoadMore};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Copy)]
pub struct InvoiceList {
    pub filter: RwSignal<InvoiceFilter>,
    pub invoices: RwSignal<Vec<Invoice>>,
    pub status: RwSignal<ListStatus>,
    pub has_next_page: RwSignal<bool>,
    end_cursor: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

impl InvoiceList {
    pub fn new() -> InvoiceList {
        InvoiceList {
            filter: RwSignal::new(InvoiceFilter::default()),
            invoices: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            has_next_page: RwSignal::new(false),
            end_cursor: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    fn next_generation(self) -> u64 {
        let next = self.generation.get_value() + 1;
        self.generation.set_value(next);
        next
    }

    fn fetch(self, after: Option<String>) {
        let filter = self.filter.get_untracked();
        let generation = self.next_generation();
        let more = after.is_some();
        self.status.set(if more {
            ListStatus::LoadingMore
        } else {
            ListStatus::Loading
        });
        spawn_local(async move {
            let result = invoices(&filter, PAGE_SIZE, after.as_deref()).await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    if more {
                        self.invoices.update(|list| list.extend(page.items));
                    } else {
                        self.invoices.set(page.items);
                    }
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) if more => self.status.set(ListStatus::MoreFailed(error)),
                Err(error) => {
                    self.invoices.set(Vec::new());
                    self.has_next_page.set(false);
                    self.status.set(ListStatus::Failed(error));
                }
            }
        });
    }

    /// Reads the first page of the current filter again.
    pub fn reload(self) {
        self.fetch(None);
    }

    pub fn load_more(self) {
        let ready = matches!(
            self.status.get_untracked(),
            ListStatus::Ready | ListStatus::MoreFailed(_)
        );
        if ready && self.has_next_page.get_untracked() {
            self.fetch(self.end_cursor.get_untracked());
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Phase {
    Loading,
    Failed(ApiError),
    Empty(bool),
    List,
}

#[component]
pub fn Results(list: InvoiceList) -> impl IntoView {
    let i18n = use_i18n();
    let phase = Memo::new(move |_| match list.status.get() {
        ListStatus::Loading => Phase::Loading,
        ListStatus::Failed(error) => Phase::Failed(error),
        _ if list.invoices.with(Vec::is_empty) => {
            Phase::Empty(list.filter.get() != InvoiceFilter::default())
        }
        _ => Phase::List,
    });
    move || match phase.get() {
        Phase::Loading => view! {
            <div class="card table-card"><TableSkeleton rows=6 columns=6 /></div>
        }
        .into_any(),
        Phase::Failed(error) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| list.reload()>
                    {tr(|t| t.documents.retry)}
                </button>
            </div>
        }
        .into_any(),
        Phase::Empty(filtered) => view! {
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
        Phase::List => view! {
            <div class="card table-card">
                <InvoicesTable invoices=list.invoices />
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
