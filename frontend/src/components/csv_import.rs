//! The two steps of a CSV import (the catalog, payments): "Check" runs a dry run, and
//! the apply button (possible only after a check that found no error) asks for a
//! confirmation first. Below them, what runs now and a request that failed.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::staff::Confirm;
use crate::i18n::{Text, tr, use_i18n};

#[component]
pub fn CheckThenApply(
    /// What runs now, in words; `None` when nothing does.
    #[prop(into)]
    running: Signal<Option<Text>>,
    /// Whether there is a file to check.
    #[prop(into)]
    can_check: Signal<bool>,
    /// Whether the last check found no error in the file there now.
    #[prop(into)]
    can_apply: Signal<bool>,
    #[prop(into)] apply_label: Signal<String>,
    /// Why the apply button may be disabled.
    apply_hint: Text,
    #[prop(into)] confirm_question: Signal<String>,
    #[prop(into)] failure: Signal<Option<ApiError>>,
    /// Runs the import: `true` for the dry run.
    on_run: Callback<bool>,
    /// More buttons after the two (the catalog's export).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let busy = move || running.with(Option::is_some);
    let run = move |dry_run: bool| {
        confirming.set(false);
        on_run.run(dry_run);
    };
    let progress = move || {
        running.get().map(|label| {
            let label = label(i18n.t());
            view! {
                <div class="progress" role="status" data-testid="import-progress">
                    <progress aria-label=label></progress>
                    <span>{label}</span>
                </div>
            }
        })
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class="button"
                data-testid="import-check"
                disabled=move || busy() || !can_check.get()
                on:click=move |_| run(true)
            >
                {tr(|t| t.staff_import.check)}
            </button>
            <button
                type="button"
                class="button primary"
                data-testid="import-apply"
                disabled=move || busy() || !can_apply.get()
                aria-describedby="apply-hint"
                on:click=move |_| confirming.set(true)
            >
                {move || apply_label.get()}
            </button>
            {children.map(|children| children())}
        </div>
        <p class="hint" id="apply-hint">{tr(apply_hint)}</p>
        // A new file (or none) takes the question away with the apply button.
        {move || (confirming.get() && can_apply.get()).then(|| view! {
            <Confirm
                question=confirm_question
                on_confirm=Callback::new(move |()| run(false))
                on_cancel=Callback::new(move |()| confirming.set(false))
            />
        })}
        {progress}
        {move || failure.get().map(|error| view! {
            <p class="form-error" role="alert">{i18n.t().errors.message(&error)}</p>
        })}
    }
}
