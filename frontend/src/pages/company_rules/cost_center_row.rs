//! One cost centre, renamed or given another budget in place.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::amount::{amount_text, parse_amount};
use super::cost_centers::{name_refusal, valid_name};
use super::feedback::{Feedback, FeedbackText};
use super::row_input::{RowActions, RowInput};
use crate::api::company_rules::{CostCenter, save_cost_center};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn CostCenterRow(center: CostCenter) -> impl IntoView {
    let i18n = use_i18n();
    let name_text = RwSignal::new(center.name.clone());
    let budget_text = RwSignal::new(amount_text(center.monthly_budget));
    let name_invalid = RwSignal::new(false);
    let budget_invalid = RwSignal::new(false);
    let saved = RwSignal::new(center);
    let feedback = RwSignal::new(Feedback::Idle);

    let changed = move || {
        saved.with(|center| {
            name_text.with(|name| name.trim() != center.name)
                || budget_text.with(|budget| parse_amount(budget) != Ok(center.monthly_budget))
        })
    };
    let show = move |center: &CostCenter| {
        name_text.set(center.name.clone());
        budget_text.set(amount_text(center.monthly_budget));
        name_invalid.set(false);
        budget_invalid.set(false);
    };

    let save = move || {
        if feedback.with_untracked(Feedback::is_saving) || !changed() {
            return;
        }
        let Some(name) = valid_name(&name_text.get_untracked()) else {
            name_invalid.set(true);
            feedback.set(Feedback::Invalid(|t| t.company_rules.name_required));
            return;
        };
        let budget = match parse_amount(&budget_text.get_untracked()) {
            Ok(budget) => budget,
            Err(error) => {
                budget_invalid.set(true);
                feedback.set(Feedback::Invalid(error.text()));
                return;
            }
        };
        let id = saved.with_untracked(|center| center.id.clone());
        feedback.set(Feedback::Saving);
        spawn_local(async move {
            match save_cost_center(Some(&id), &name, budget).await {
                Ok(stored) => {
                    show(&stored);
                    saved.try_set(stored);
                    feedback.try_set(Feedback::Saved(|t| t.company_rules.saved));
                }
                Err(error) => {
                    let refusal = name_refusal(&error);
                    name_invalid.try_set(refusal.is_some());
                    feedback.try_set(refusal.map_or(Feedback::Failed(error), Feedback::Invalid));
                }
            }
        });
    };
    let actions = RowActions {
        save: Callback::new(move |()| save()),
        cancel: Callback::new(move |()| {
            saved.with_untracked(|center| show(center));
            feedback.set(Feedback::Idle);
        }),
        edit: Callback::new(move |()| {
            if !feedback.with_untracked(Feedback::is_saving) {
                feedback.set(Feedback::Idle);
            }
        }),
    };
    // Labels name the cost centre as saved, so they stay put while it is renamed.
    let saved_name = move || saved.with(|center| center.name.clone());
    let name_label = Signal::derive(move || (i18n.t().company_rules.name_of)(&saved_name()));
    let budget_label = Signal::derive(move || (i18n.t().company_rules.budget_of)(&saved_name()));

    view! {
        <tr data-testid="cost-center-row" data-name=saved_name>
            <td data-label=tr(|t| t.company_rules.column_name)>
                <RowInput
                    text=name_text
                    invalid=name_invalid
                    label=name_label
                    placeholder=|t| t.company_rules.column_name
                    test_id="cost-center-name-input"
                    actions
                />
            </td>
            <td data-label=tr(|t| t.company_rules.column_budget)>
                <RowInput
                    text=budget_text
                    invalid=budget_invalid
                    label=budget_label
                    placeholder=|t| t.company_rules.unlimited
                    test_id="cost-center-budget-input"
                    actions
                    amount=true
                />
            </td>
            <td data-label=tr(|t| t.company_rules.column_save)>
                <div class="rules-row-save">
                    <button
                        type="button"
                        class="button small"
                        data-testid="cost-center-save"
                        aria-label=move || (i18n.t().company_rules.save_cost_center_of)(&saved_name())
                        disabled=move || !changed() || feedback.with(Feedback::is_saving)
                        on:click=move |_| save()
                    >
                        {tr(|t| t.company_rules.save)}
                    </button>
                    <FeedbackText feedback test_id="cost-center-feedback" />
                </div>
            </td>
        </tr>
    }
}
