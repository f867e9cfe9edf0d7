//! A field edited in place in a table row: Enter saves the row, Escape undoes its
//! changes. Its label is for screen readers (the column header shows it on screen).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::amount::Text;
use crate::i18n::use_i18n;

/// What a row does when one of its fields asks.
#[derive(Clone, Copy)]
pub struct RowActions {
    pub save: Callback<()>,
    pub cancel: Callback<()>,
    /// Typing clears the row's last message.
    pub edit: Callback<()>,
}

#[component]
pub fn RowInput(
    text: RwSignal<String>,
    invalid: RwSignal<bool>,
    label: Signal<String>,
    placeholder: Text,
    test_id: &'static str,
    actions: RowActions,
    /// An amount (left to right, a decimal keyboard on phones) rather than a name.
    #[prop(optional)]
    amount: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            actions.save.run(());
        }
        "Escape" => {
            event.prevent_default();
            actions.cancel.run(());
        }
        _ => {}
    };
    view! {
        <input
            type="text"
            class="rules-row-input"
            class:rules-amount=amount
            inputmode=if amount { "decimal" } else { "text" }
            dir=if amount { "ltr" } else { "auto" }
            maxlength=if amount { "20" } else { "120" }
            autocomplete="off"
            data-testid=test_id
            aria-label=move || label.get()
            aria-invalid=move || if invalid.get() { "true" } else { "false" }
            placeholder=move || placeholder(i18n.t())
            prop:value=move || text.get()
            on:input=move |event| {
                text.set(event_target_value(&event));
                invalid.set(false);
                actions.edit.run(());
            }
            on:keydown=keydown
        />
    }
}
