//! What every step sheet shares: the dialog, its fields, the problem line (a missing
//! field found here, or the server's answer) and the close and submit buttons.

use leptos::prelude::*;

use super::steps::StepRunner;
use crate::components::sheet::Sheet;
use crate::i18n::{FulfilmentTexts, use_i18n};

/// A text of the fulfilment texts, kept as a function so it follows the language.
pub type Text = fn(&FulfilmentTexts) -> &'static str;

#[component]
pub fn StepForm(
    #[prop(into)] title: ViewFn,
    test_id: &'static str,
    submit: Text,
    /// The close button's words ("Close" unless the step wants e.g. "Keep the order").
    #[prop(optional)]
    close: Option<Text>,
    /// A destructive step: the submit button is red.
    #[prop(optional)]
    danger: bool,
    runner: StepRunner,
    /// A problem found before sending, e.g. a required field left empty.
    invalid: RwSignal<Option<Text>>,
    on_submit: Callback<()>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_close = Callback::new(move |()| runner.close());
    let problem = move || {
        let t = i18n.t();
        if let Some(text) = invalid.get() {
            Some(text(&t.fulfilment).to_owned())
        } else {
            runner
                .error
                .get()
                .map(|error| t.errors.message(&error).to_owned())
        }
    };
    let close = close.unwrap_or(|t| t.close);
    view! {
        <Sheet title test_id on_close>
            <form novalidate on:submit=move |event| {
                event.prevent_default();
                if !runner.busy.get_untracked() {
                    on_submit.run(());
                }
            }>
                {children()}
                <p class="hint hint-error" role="alert" data-testid="sheet-problem">{problem}</p>
                <div class="sheet-actions">
                    <button type="button" class="button" on:click=move |_| runner.close()>
                        {move || close(&i18n.t().fulfilment)}
                    </button>
                    <button
                        type="submit"
                        class=if danger { "button danger" } else { "button primary" }
                        data-testid="sheet-submit"
                        disabled=move || runner.busy.get()
                    >
                        {move || {
                            let t = &i18n.t().fulfilment;
                            if runner.busy.get() { t.working } else { submit(t) }
                        }}
                    </button>
                </div>
            </form>
        </Sheet>
    }
}

/// A labelled text field (one line, or several with `rows`), with a hint under it.
#[component]
pub fn TextField(
    id: &'static str,
    label: Text,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] required: bool,
    #[prop(optional)] input_type: Option<&'static str>,
    /// Cleared whenever the text changes: the problem it named may be gone.
    invalid: RwSignal<Option<Text>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let described_by = hint.is_some().then(|| hint_id.clone());
    let hint = hint.map(|hint| {
        view! { <p id=hint_id class="hint">{move || hint(&i18n.t().fulfilment)}</p> }
    });
    let on_input = move |event| {
        value.set(event_target_value(&event));
        invalid.set(None);
    };
    let label_text = move || {
        let t = &i18n.t().fulfilment;
        if required {
            label(t).to_owned()
        } else {
            format!("{} {}", label(t), t.optional)
        }
    };
    let control = match rows {
        Some(rows) => view! {
            <textarea
                id=id
                rows=rows
                required=required
                data-testid=id
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id
                type=input_type.unwrap_or("text")
                required=required
                data-testid=id
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label_text}</label>
            {control}
            {hint}
        </div>
    }
}
