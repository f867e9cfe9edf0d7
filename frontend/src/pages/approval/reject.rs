//! The rejection sheet: a modal dialog that asks for the reason the buyer will read.
//! The reason is required; an empty one is refused here before the server says so.

use leptos::html;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::sheet::Sheet;
use crate::i18n::{tr, use_i18n};

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

    let error_text = move || {
        let t = i18n.t();
        if let Some(error) = error.get() {
            Some(t.errors.message(&error))
        } else if missing.get() {
            Some(t.orders.reject_reason_missing.to_owned())
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
    let title = move || {
        view! {
            {tr(|t| t.orders.reject_title)}
            " "
            <bdi dir="ltr">{number.clone()}</bdi>
        }
    };

    view! {
        <Sheet title test_id="reject-dialog" on_close>
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
                        {move || error_text().unwrap_or_else(|| i18n.t().orders.reject_reason_hint.to_owned())}
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
                        disabled=move || busy.get()
                    >
                        {move || {
                            let t = &i18n.t().orders;
                            if busy.get() { t.rejecting } else { t.reject_confirm }
                        }}
                    </button>
                </div>
            </form>
        </Sheet>
    }
}
