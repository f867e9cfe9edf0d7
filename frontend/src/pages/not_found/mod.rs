//! The page for an address that matches no route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page narrow" data-testid="not-found">
            <h1>{tr(|t| t.not_found.title)}</h1>
            <p class="muted">{tr(|t| t.not_found.text)}</p>
            <A href="/" attr:class="button primary">
                {tr(|t| t.not_found.back_home)}
            </A>
        </section>
    }
}
