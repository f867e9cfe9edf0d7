//! The rejection sheet: a modal dialog that asks for the reason the buyer will read.
//!
//! Focus moves into the reason field when it opens and stays inside the dialog (Tab
//! wraps around); Escape or Cancel closes it and the caller puts focus back on the
//! Reject button. On a phone it rises from the bottom like a sheet.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, use_i18n};

const TITLE_ID: &str = "reject-title";
const REASON_ID: &str = "reject-reason";
const REASON_HINT_ID: &str = "reject-reason-hint";

#[component]
pub fn RejectDialog(
    number: String,
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    on_confirm: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    // Shown once a confirm was tried without a reason.
    let missing = RwSignal::new(false);
    let field = NodeRef::<html::Textarea>::new();
    let confirm_button = NodeRef::<html::Button>::new();

    // Into the dialog as soon as it is on screen.
    Effect::new(move |_| {
        if let Some(field) = field.get() {
            let _ = field.focus();
        }
    });

    let confirm = move || {
        let text = reason.get_untracked();
        if text.trim().is_empty() {
            missing.set(true);
            if let Some(field) = field.get_untracked() {
                let _ = field.focus();
            }
            return;
        }
        on_confirm.run(text);
    };

    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            on_close.run(());
        }
        // The field comes first and the confirm button last: Tab wraps between them.
        "Tab" => {
            let active = document().active_element();
            let (Some(first), Some(last)) = (field.get_untracked(), confirm_button.get_untracked())
            else {
                return;
            };
            let first: &web_sys::Element = &first;
            let last: &web_sys::Element = &last;
            if event.shift_key() && active.as_ref() == Some(first) {
                event.prevent_default();
                let _ = confirm_button.get_untracked().map(|button| button.focus());
            } else if !event.shift_key() && active.as_ref() == Some(last) {
                event.prevent_default();
                let _ = field.get_untracked().map(|field| field.focus());
            }
        }
        _ => {}
    };

    let error_text = move || {
        let t = i18n.t();
        if let Some(error) = error.get() {
            Some(t.errors.message(&error))
        } else if missing.get() {
            Some(t.orders.reject_reason_missing)
        } else {
            None
        }
    };
    let invalid = move || {
        if error_text().is_some() {
            "true"
        } else {
            "false"
        }
    };

    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class="sheet"
            role="dialog"
            aria-modal="true"
            aria-labelledby=TITLE_ID
            data-testid="reject-dialog"
            on:keydown=on_keydown
        >
            <h2 id=TITLE_ID>
                {tr(|t| t.orders.reject_title)}
                " "
                <bdi dir="ltr">{number}</bdi>
            </h2>
            <form novalidate on:submit=move |event| {
                event.prevent_default();
                confirm();
            }>
                <div class="field">
                    <label for=REASON_ID>{tr(|t| t.orders.reject_reason_label)}</label>
                    <textarea
                        id=REASON_ID
                        rows="3"
                        required
                        node_ref=field
                        data-testid="reject-reason"
                        aria-invalid=invalid
                        aria-describedby=REASON_HINT_ID
                        prop:value=move || reason.get()
                        on:input=move |event| {
                            reason.set(event_target_value(&event));
                            missing.set(false);
                        }
                    ></textarea>
                    <p id=REASON_HINT_ID class="hint" class:hint-error=move || error_text().is_some() role="alert">
                        {move || error_text().unwrap_or(i18n.t().orders.reject_reason_hint)}
                    </p>
                </div>
                <div class="sheet-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr(|t| t.orders.cancel)}
                    </button>
                    <button
                        type="submit"
                        class="button danger"
                        data-testid="reject-confirm"
                        node_ref=confirm_button
                        disabled=move || busy.get()
                    >
                        {move || {
                            let t = &i18n.t().orders;
                            if busy.get() { t.rejecting } else { t.reject_confirm }
                        }}
                    </button>
                </div>
            </form>
        </div>
    }
}
