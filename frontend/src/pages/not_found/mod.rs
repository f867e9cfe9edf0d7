//! The page for an address that matches no route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow" data-testid="not-found">
            <h1>{move || i18n.t().not_found.title}</h1>
            <p class="muted">{move || i18n.t().not_found.text}</p>
            <A href="/" attr:class="button primary">
                {move || i18n.t().not_found.back_home}
            </A>
        </section>
    }
}
