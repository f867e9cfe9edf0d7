//! The customer's invoices, newest first: a filter by dates and order number, a PDF
//! link per invoice, "Load more" (Relay), and cards on a phone.

mod filter;
mod list;
mod table;

use leptos::prelude::*;

use crate::api::documents::invoices;
use crate::components::paged::PagedList;
use crate::i18n::tr;
use filter::FilterForm;
use list::{InvoiceList, Results};

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let list: InvoiceList = PagedList::new(|filter, after| Box::pin(invoices(filter, after)));
    list.reload();
    view! {
        <section class="page documents-page" data-testid="invoices-page">
            <header class="page-header">
                <h1>{tr(|t| t.documents.invoices_title)}</h1>
                <p class="lead">{tr(|t| t.documents.invoices_intro)}</p>
            </header>
            <FilterForm list />
            <Results list />
        </section>
    }
}
