//! The form that adds a cost centre, with an optional monthly budget.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::amount::{Text, parse_amount};
use super::cost_centers::{name_refusal, valid_name};
use super::feedback::{Feedback, FeedbackText};
use crate::api::company_rules::{CostCenter, save_cost_center};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn AddCostCenterForm(on_added: Callback<CostCenter>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let budget = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<Text>);
    let budget_error = RwSignal::new(None::<Text>);
    let feedback = RwSignal::new(Feedback::Idle);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if feedback.with_untracked(Feedback::is_saving) {
            return;
        }
        let checked_name = valid_name(&name.get_untracked());
        let checked_budget = parse_amount(&budget.get_untracked());
        name_error.set(
            checked_name
                .is_none()
                .then_some(|t| t.company_rules.name_required),
        );
        budget_error.set(checked_budget.err().map(|error| error.text()));
        let (Some(new_name), Ok(new_budget)) = (checked_name, checked_budget) else {
            feedback.set(Feedback::Idle);
            return;
        };
        feedback.set(Feedback::Saving);
        spawn_local(async move {
            match save_cost_center(None, &new_name, new_budget).await {
                Ok(center) => {
                    name.try_set(String::new());
                    budget.try_set(String::new());
                    feedback.try_set(Feedback::SavedNamed(
                        |t, name| (t.company_rules.added)(name),
                        center.name.clone(),
                    ));
                    on_added.run(center);
                }
                Err(error) => {
                    let refusal = name_refusal(&error);
                    name_error.try_set(refusal);
                    feedback.try_set(if refusal.is_some() {
                        Feedback::Idle
                    } else {
                        Feedback::Failed(error)
                    });
                }
            }
        });
    };

    let error_text =
        move |error: RwSignal<Option<Text>>| move || error.get().map(|text| text(i18n.t()));

    view! {
        <form
            class="rules-add-form"
            on:submit=submit
            novalidate
            aria-labelledby="add-cost-center-title"
            data-testid="add-cost-center-form"
        >
            <h3 id="add-cost-center-title">{tr(|t| t.company_rules.add_title)}</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="new-cost-center-name">{tr(|t| t.company_rules.new_name)}</label>
                    <input
                        id="new-cost-center-name"
                        type="text"
                        maxlength="120"
                        autocomplete="off"
                        required
                        aria-invalid=move || if name_error.get().is_some() { "true" } else { "false" }
                        aria-describedby="new-cost-center-name-error"
                        prop:value=move || name.get()
                        on:input=move |event| {
                            name.set(event_target_value(&event));
                            name_error.set(None);
                        }
                    />
                    <p id="new-cost-center-name-error" class="hint hint-error">
                        {error_text(name_error)}
                    </p>
                </div>
                <div class="field">
                    <label for="new-cost-center-budget">{tr(|t| t.company_rules.new_budget)}</label>
                    <input
                        id="new-cost-center-budget"
                        type="text"
                        inputmode="decimal"
                        dir="ltr"
                        autocomplete="off"
                        aria-invalid=move || if budget_error.get().is_some() { "true" } else { "false" }
                        aria-describedby="new-cost-center-budget-hint new-cost-center-budget-error"
                        prop:value=move || budget.get()
                        on:input=move |event| {
                            budget.set(event_target_value(&event));
                            budget_error.set(None);
                        }
                    />
                    <p id="new-cost-center-budget-hint" class="hint">
                        {tr(|t| t.company_rules.budget_hint)}
                    </p>
                    <p id="new-cost-center-budget-error" class="hint hint-error">
                        {error_text(budget_error)}
                    </p>
                </div>
            </div>
            <div class="rules-actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="add-cost-center-submit"
                    disabled=move || feedback.with(Feedback::is_saving)
                >
                    {move || {
                        let t = &i18n.t().company_rules;
                        if feedback.with(Feedback::is_saving) { t.adding } else { t.add_submit }
                    }}
                </button>
                <FeedbackText feedback test_id="add-cost-center-feedback" />
            </div>
        </form>
    }
}
