//! The cards of the home page: a link to a page, or a fact about the user.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn LinkCard(href: &'static str, title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <A href=href attr:class="card link-card">
            <h2>{title}</h2>
            <p class="muted">{text}</p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}

#[component]
pub fn InfoCard(title: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="card info-card">
            <h2>{title}</h2>
            <p class="info-value">{value}</p>
        </div>
    }
}
