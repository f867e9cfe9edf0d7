//! The invoices table; on a phone the shared `.data-table` rules turn each row into a
//! card.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::documents::Invoice;
use crate::components::catalog::price::MoneyText;
use crate::components::documents::day;
use crate::i18n::{DocumentsTexts, use_i18n};

#[component]
pub fn InvoicesTable(invoices: RwSignal<Vec<Invoice>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().documents;
        view! {
            <tr>
                <th scope="col">{t.col_number}</th>
                <th scope="col">{t.col_issued}</th>
                <th scope="col">{t.col_due}</th>
                <th scope="col">{t.col_order}</th>
                <th scope="col">{t.col_total}</th>
                <th scope="col">{t.col_pdf}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table invoices-table" data-testid="invoices-table">
                <thead>{header}</thead>
                <tbody>
                    <For each=move || invoices.get() key=|invoice| invoice.id.clone() let(invoice)>
                        <InvoiceRow invoice />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn InvoiceRow(invoice: Invoice) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        move |field: fn(&DocumentsTexts) -> &'static str| move || field(&i18n.t().documents);
    let order = invoice.order.clone().map(|order| {
        view! {
            <A href=format!("/orders/{}", order.id)>
                <bdi dir="ltr">{order.number}</bdi>
            </A>
        }
    });
    view! {
        <tr data-testid="invoice-row" data-number=invoice.number.clone()>
            <td data-label=label(|t| t.col_number) class="cell-strong">
                <bdi dir="ltr">{invoice.number.clone()}</bdi>
            </td>
            <td data-label=label(|t| t.col_issued) class="cell-number">
                {day(&invoice.issue_date)}
            </td>
            <td data-label=label(|t| t.col_due) class="cell-number">
                {day(&invoice.due_date)}
            </td>
            <td data-label=label(|t| t.col_order)>{order}</td>
            <td data-label=label(|t| t.col_total) class="cell-number" data-testid="invoice-total">
                <MoneyText amount=invoice.total />
            </td>
            <td data-label=label(|t| t.col_pdf)>
                <a
                    class="button small"
                    href=invoice.pdf_url.clone()
                    target="_blank"
                    rel="noopener"
                    data-testid="invoice-pdf"
                >
                    {label(|t| t.download_pdf)}
                </a>
            </td>
        </tr>
    }
}
