//! The signed-in user's notifications, newest first.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.orders.title)}</h1>
        </section>
    }
}
