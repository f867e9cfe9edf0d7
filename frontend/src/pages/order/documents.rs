//! The order's documents: its invoice and credit notes as PDFs, and for staff the pick
//! list while the goods are still to be picked.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::{OrderStatus, Role};

use crate::api::fulfilment::DocumentRef;
use crate::api::orders::Order;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

/// A link to a document's PDF (a signed link, fresh with every reading of the order).
fn pdf_link(
    document: DocumentRef,
    label: fn(&crate::i18n::Texts, &str) -> String,
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = document.number;
    view! {
        <li>
            <a href=document.pdf_url target="_blank" rel="noopener" class="document-link" data-testid=test_id>
                {move || label(i18n.t(), &number)}
                " "
                <span class="muted">"(" {tr(|t| t.fulfilment.pdf)} ")"</span>
            </a>
        </li>
    }
}

#[component]
pub fn OrderDocuments(order: Order) -> impl IntoView {
    let staff = use_session().role() == Some(Role::SupplierStaff);
    let pick_list = (staff
        && matches!(
            order.status,
            OrderStatus::Submitted | OrderStatus::Confirmed | OrderStatus::Picking
        ))
    .then(|| {
        let href = format!("/staff/orders/{}/pick-list", order.id);
        view! {
            <li>
                <A href=href attr:class="document-link" attr:data-testid="pick-list-link">
                    {tr(|t| t.fulfilment.pick_list)}
                </A>
            </li>
        }
    });
    let invoice = order.invoice.clone().map(|invoice| {
        pdf_link(
            invoice,
            |t, number| (t.fulfilment.invoice)(number),
            "invoice-link",
        )
    });
    let credit_notes = order
        .credit_notes
        .iter()
        .cloned()
        .map(|note| {
            pdf_link(
                note,
                |t, number| (t.fulfilment.credit_note)(number),
                "credit-note-link",
            )
        })
        .collect_view();
    if pick_list.is_none() && invoice.is_none() && order.credit_notes.is_empty() {
        return None;
    }
    Some(view! {
        <section class="card order-section" data-testid="order-documents">
            <h2>{tr(|t| t.fulfilment.documents_heading)}</h2>
            <ul class="document-list">{pick_list} {invoice} {credit_notes}</ul>
        </section>
    })
}
