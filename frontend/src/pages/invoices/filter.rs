//! The filter of the invoices list: a date range and an order number.

use leptos::prelude::*;

use super::list::InvoiceList;
use crate::api::documents::InvoiceFilter;
use crate::i18n::tr;

#[component]
pub fn FilterForm(list: InvoiceList) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let order_number = RwSignal::new(String::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        list.filter.set(InvoiceFilter {
            from: from.get_untracked(),
            to: to.get_untracked(),
            order_number: order_number.get_untracked(),
        });
        list.reload();
    };
    let clear = move |_| {
        from.set(String::new());
        to.set(String::new());
        order_number.set(String::new());
        list.filter.set(InvoiceFilter::default());
        list.reload();
    };
    view! {
        <form class="documents-filter" on:submit=submit data-testid="invoices-filter">
            <div class="field">
                <label for="invoices-from">{tr(|t| t.documents.from)}</label>
                <input id="invoices-from" type="date" bind:value=from />
            </div>
            <div class="field">
                <label for="invoices-to">{tr(|t| t.documents.to)}</label>
                <input id="invoices-to" type="date" bind:value=to />
            </div>
            <div class="field">
                <label for="invoices-order">{tr(|t| t.documents.order_number)}</label>
                <input
                    id="invoices-order"
                    type="search"
                    dir="ltr"
                    placeholder=tr(|t| t.documents.order_number_placeholder)
                    bind:value=order_number
                />
            </div>
            <div class="documents-filter-actions">
                <button type="submit" class="button primary">{tr(|t| t.documents.apply)}</button>
                <button type="button" class="button" on:click=clear>
                    {tr(|t| t.documents.clear)}
                </button>
            </div>
        </form>
    }
}
