//! The audit log (supplier staff: every entry; company admins: their company's):
//! filters, a table that becomes cards on a phone, before/after side by side, and
//! "Load more". The server scopes what each role sees.

mod filter;
mod table;

use leptos::prelude::*;

use crate::api::audit::{AuditEntry, AuditFilter, audit_log};
use crate::components::paged::{ListPhase, LoadMore, PagedList};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use filter::FilterForm;
use table::AuditTable;

pub type AuditList = PagedList<AuditFilter, AuditEntry>;

#[component]
pub fn AuditPage() -> impl IntoView {
    let list: AuditList = PagedList::new(|filter, after| Box::pin(audit_log(filter, after)));
    list.reload();
    view! {
        <section class="page audit-page" data-testid="audit-page">
            <header class="page-header">
                <h1>{tr(|t| t.audit.title)}</h1>
                <p class="lead">{tr(|t| t.audit.intro)}</p>
            </header>
            <FilterForm list />
            <Results list />
        </section>
    }
}

#[component]
fn Results(list: AuditList) -> impl IntoView {
    let i18n = use_i18n();
    let phase = list.phase();
    move || match phase.get() {
        ListPhase::Loading => view! {
            <div class="card table-card"><TableSkeleton rows=6 columns=5 /></div>
        }
        .into_any(),
        ListPhase::Failed(error) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| list.reload()>
                    {tr(|t| t.audit.retry)}
                </button>
            </div>
        }
        .into_any(),
        ListPhase::Empty(filtered) => view! {
            <p class="card empty-state" data-testid="audit-empty">
                {move || {
                    let t = &i18n.t().audit;
                    if filtered { t.empty_filtered } else { t.empty }
                }}
            </p>
        }
        .into_any(),
        ListPhase::List => view! {
            <div class="card table-card">
                <AuditTable entries=list.items />
            </div>
            <LoadMore
                status=list.status
                has_next_page=list.has_next_page
                on_load=Callback::new(move |()| list.load_more())
                texts=|t| (t.audit.load_more, t.audit.loading_more)
            />
        }
        .into_any(),
    }
}
