//! The customer's account ("kartesset"): balance cards, open invoices (overdue ones
//! highlighted), the statement of a date range with its running balance, and the
//! statement's export as CSV or PDF (signed links from the server).

mod cards;
mod open_items;
mod statement;

use leptos::prelude::*;

use crate::api::documents::{Ledger, ledger};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use cards::BalanceCards;
use open_items::OpenItems;
use statement::Statement;

#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The range the statement shows; the inputs only change it on "Filter".
    let range = RwSignal::new((String::new(), String::new()));
    let data = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { ledger(&from, &to).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        range.set((from.get_untracked(), to.get_untracked()));
    };
    let clear = move |_| {
        from.set(String::new());
        to.set(String::new());
        range.set((String::new(), String::new()));
    };
    let body = move || match data.get() {
        None => view! {
            <div class="card table-card"><TableSkeleton rows=4 columns=4 /></div>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| data.refetch()>
                    {tr(|t| t.documents.retry)}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(ledger)) => view! { <LedgerBody ledger /> }.into_any(),
    };
    view! {
        <section class="page documents-page" data-testid="ledger-page">
            <header class="page-header">
                <h1>{tr(|t| t.documents.ledger_title)}</h1>
                <p class="lead">{tr(|t| t.documents.ledger_intro)}</p>
            </header>
            <form class="documents-filter" on:submit=submit data-testid="ledger-filter">
                <div class="field">
                    <label for="ledger-from">{tr(|t| t.documents.from)}</label>
                    <input id="ledger-from" type="date" bind:value=from />
                </div>
                <div class="field">
                    <label for="ledger-to">{tr(|t| t.documents.to)}</label>
                    <input id="ledger-to" type="date" bind:value=to />
                </div>
                <div class="documents-filter-actions">
                    <button type="submit" class="button primary">
                        {tr(|t| t.documents.apply)}
                    </button>
                    <button type="button" class="button" on:click=clear>
                        {tr(|t| t.documents.clear)}
                    </button>
                </div>
            </form>
            {body}
        </section>
    }
}

#[component]
fn LedgerBody(ledger: Ledger) -> impl IntoView {
    let csv_url = ledger.csv_url.clone();
    let pdf_url = ledger.pdf_url.clone();
    view! {
        <BalanceCards ledger=ledger.clone() />
        <OpenItems items=ledger.open_items.clone() />
        <section class="documents-section">
            <div class="documents-section-header">
                <h2>{tr(|t| t.documents.statement_title)}</h2>
                <div class="documents-exports">
                    <a class="button small" href=csv_url download="statement.csv"
                        data-testid="export-csv">
                        {tr(|t| t.documents.export_csv)}
                    </a>
                    <a class="button small" href=pdf_url target="_blank" rel="noopener"
                        data-testid="export-pdf">
                        {tr(|t| t.documents.export_pdf)}
                    </a>
                </div>
            </div>
            <Statement ledger />
        </section>
    }
}
