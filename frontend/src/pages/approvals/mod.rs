//! The approvals inbox: the company's orders waiting for an approval.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.orders.title)}</h1>
        </section>
    }
}
