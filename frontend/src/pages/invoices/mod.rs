//! The customer's invoices, newest first: a filter by dates and order number, a PDF
//! link per invoice, "Load more" (Relay), and cards on a phone.

mod filter;
mod list;
mod table;

use leptos::prelude::*;

use crate::api::documents::invoices;
use crate::components::export_csv::ExportCsv;
use crate::components::paged::PagedList;
use crate::i18n::tr;
use filter::FilterForm;
use list::{InvoiceList, Results};

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let list: InvoiceList = PagedList::new(|filter, after| Box::pin(invoices(filter, after)));
    list.reload();
    // The export follows the dates of the filter last applied.
    let export_range = Signal::derive(move || {
        list.filter
            .with(|filter| (filter.from.clone(), filter.to.clone()))
    });
    view! {
        <section class="page documents-page" data-testid="invoices-page">
            <header class="page-header queue-header">
                <div>
                    <h1>{tr(|t| t.documents.invoices_title)}</h1>
                    <p class="lead">{tr(|t| t.documents.invoices_intro)}</p>
                </div>
                <ExportCsv kind="INVOICES" range=export_range />
            </header>
            <FilterForm list />
            <Results list />
        </section>
    }
}
