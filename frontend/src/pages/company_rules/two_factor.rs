//! "Approvers must use two-factor authentication": a company admin's rule, saved as
//! soon as the box changes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::feedback::{Feedback, FeedbackText};
use crate::api::security;
use crate::i18n::tr;

#[component]
pub fn ApproverTwoFactorSection() -> impl IntoView {
    let required = RwSignal::new(None::<bool>);
    let feedback = RwSignal::new(Feedback::Idle);
    spawn_local(async move {
        match security::approvers_require_totp().await {
            Ok(value) => {
                required.try_set(Some(value));
            }
            Err(error) => {
                feedback.try_set(Feedback::Failed(error));
            }
        }
    });
    let change = move |event: leptos::ev::Event| {
        let wanted = event_target_checked(&event);
        feedback.set(Feedback::Saving);
        spawn_local(async move {
            match security::set_approvers_require_totp(wanted).await {
                Ok(saved) => {
                    required.try_set(Some(saved));
                    feedback.try_set(Feedback::Saved(|t| t.security.saved));
                }
                Err(error) => {
                    required.try_set(Some(!wanted));
                    feedback.try_set(Feedback::Failed(error));
                }
            }
        });
    };
    view! {
        <div class="field checkbox-field">
            <input
                id="approvers-require-totp"
                type="checkbox"
                aria-describedby="approvers-require-totp-hint"
                prop:checked=move || required.get().unwrap_or(false)
                disabled=move || required.get().is_none() || feedback.with(Feedback::is_saving)
                on:change=change
            />
            <label for="approvers-require-totp">{tr(|t| t.security.approvers_label)}</label>
        </div>
        <p id="approvers-require-totp-hint" class="muted">{tr(|t| t.security.approvers_hint)}</p>
        <FeedbackText feedback test_id="approvers-totp-feedback" />
    }
}
