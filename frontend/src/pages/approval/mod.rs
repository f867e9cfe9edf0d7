//! The mobile-first approval page of one pending order (`/approvals/:id`): summary,
//! lines, reasons, budget impact, approve with one tap, reject with a reason.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn ApprovalPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.orders.title)}</h1>
        </section>
    }
}
