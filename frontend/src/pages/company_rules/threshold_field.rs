//! One threshold of the form: a switch that turns the rule on or off, and its amount.

use leptos::prelude::*;
use shared::Money;

use super::amount::{AmountError, Text, amount_text, parse_amount};
use crate::i18n::{tr, use_i18n};

/// One threshold as the form holds it: whether the rule is on, and the typed amount.
#[derive(Clone, Copy)]
pub struct ThresholdField {
    pub on: RwSignal<bool>,
    pub text: RwSignal<String>,
    pub error: RwSignal<Option<Text>>,
}

impl ThresholdField {
    pub fn new() -> ThresholdField {
        ThresholdField {
            on: RwSignal::new(false),
            text: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }

    pub fn show(self, amount: Option<Money>) {
        self.on.set(amount.is_some());
        self.text.set(amount_text(amount));
        self.error.set(None);
    }

    /// The amount of a rule that is on; a rule that is on needs an amount.
    pub fn read(self) -> Result<Option<Money>, Text> {
        if !self.on.get_untracked() {
            return Ok(None);
        }
        match parse_amount(&self.text.get_untracked()) {
            Ok(Some(amount)) => Ok(Some(amount)),
            Ok(None) => Err(|t| t.company_rules.threshold_missing),
            Err(error) => Err(AmountError::text(error)),
        }
    }

    /// The amount of a rule that is on and valid, following the typing (for the example).
    pub fn read_tracked(self) -> Option<Money> {
        if !self.on.get() {
            return None;
        }
        parse_amount(&self.text.get()).ok().flatten()
    }
}

#[component]
pub fn ThresholdInput(
    field: ThresholdField,
    id: &'static str,
    toggle: Text,
    label: Text,
) -> impl IntoView {
    let i18n = use_i18n();
    let toggle_id = format!("{id}-on");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = format!("{hint_id} {error_id}");
    view! {
        <div class="rules-threshold">
            <label class="checkbox">
                <input
                    id=toggle_id
                    type="checkbox"
                    data-testid=format!("{id}-toggle")
                    prop:checked=move || field.on.get()
                    on:change=move |event| {
                        field.on.set(event_target_checked(&event));
                        field.error.set(None);
                    }
                />
                {tr(toggle)}
            </label>
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    dir="ltr"
                    autocomplete="off"
                    data-testid=format!("{id}-input")
                    disabled=move || !field.on.get()
                    aria-invalid=move || if field.error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=move || field.text.get()
                    on:input=move |event| {
                        field.text.set(event_target_value(&event));
                        field.error.set(None);
                    }
                />
                <p id=hint_id class="hint">{tr(|t| t.company_rules.amount_hint)}</p>
                <p id=error_id class="hint hint-error" data-testid=format!("{id}-error")>
                    {move || field.error.get().map(|text| text(i18n.t()))}
                </p>
            </div>
        </div>
    }
}
