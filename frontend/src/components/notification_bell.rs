//! The notifications link in the top bar with the unread count.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

#[component]
pub fn NotificationBell() -> impl IntoView {
    view! {
        <A href="/notifications" attr:class="header-icon-link">
            {tr(|t| t.app.notifications)}
        </A>
    }
}
