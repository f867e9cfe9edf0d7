//! The banner of a suspended company's users: they read everything, but ordering and
//! approving are paused (the server refuses both with `COMPANY_SUSPENDED`).

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn SuspendedBanner() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let company = session
            .user()?
            .company
            .filter(|company| company.suspended)?;
        Some(view! {
            <div class="notice warning suspended-banner" role="status" data-testid="suspended-banner">
                <p><strong>{tr(|t| t.onboarding.suspended_title)}</strong></p>
                <p>{tr(|t| t.onboarding.suspended_text)}</p>
                {company.suspended_reason.map(|reason| view! {
                    <p>{move || (i18n.t().onboarding.suspended_reason)(&reason)}</p>
                })}
            </div>
        })
    }
}
