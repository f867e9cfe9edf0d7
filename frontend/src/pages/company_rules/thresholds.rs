//! The approval thresholds: one approval above an amount, two different approvers
//! above a higher one; each can be turned off.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::example::ThresholdsExample;
use super::feedback::{Feedback, FeedbackText};
use super::threshold_field::{ThresholdField, ThresholdInput};
use crate::api::company_rules::{ApprovalRules, approval_rules, set_approval_rules};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

/// The checks of the server (`setApprovalRules`), so a refusal is explained at the field.
fn validate(auto: ThresholdField, dual: ThresholdField) -> Option<ApprovalRules> {
    let auto_amount = auto.read();
    let dual_amount = dual.read();
    auto.error.set(auto_amount.err());
    dual.error.set(dual_amount.err());
    let rules = ApprovalRules {
        auto_approval_limit: auto_amount.ok()?,
        dual_approval_limit: dual_amount.ok()?,
    };
    if let (Some(one), Some(two)) = (rules.auto_approval_limit, rules.dual_approval_limit)
        && two <= one
    {
        dual.error
            .set(Some(|t| t.company_rules.dual_not_above_auto));
        return None;
    }
    Some(rules)
}

#[component]
pub fn ThresholdsSection() -> impl IntoView {
    let i18n = use_i18n();
    let rules = LocalResource::new(approval_rules);
    move || match rules.get() {
        None => view! { <TableSkeleton rows=2 columns=2 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(saved)) => view! { <ThresholdsForm saved /> }.into_any(),
    }
}

#[component]
fn ThresholdsForm(saved: ApprovalRules) -> impl IntoView {
    let auto = ThresholdField::new();
    let dual = ThresholdField::new();
    auto.show(saved.auto_approval_limit);
    dual.show(saved.dual_approval_limit);
    let feedback = RwSignal::new(Feedback::Idle);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if feedback.with_untracked(Feedback::is_saving) {
            return;
        }
        let Some(wanted) = validate(auto, dual) else {
            feedback.set(Feedback::Idle);
            return;
        };
        feedback.set(Feedback::Saving);
        spawn_local(async move {
            match set_approval_rules(wanted).await {
                Ok(stored) => {
                    auto.show(stored.auto_approval_limit);
                    dual.show(stored.dual_approval_limit);
                    feedback.try_set(Feedback::Saved(|t| t.company_rules.thresholds_saved));
                }
                Err(error) => {
                    feedback.try_set(Feedback::Failed(error));
                }
            }
        });
    };

    view! {
        <form class="rules-thresholds" on:submit=submit novalidate data-testid="thresholds-form">
            <div class="rules-threshold-grid">
                <ThresholdInput
                    field=auto
                    id="rules-auto"
                    toggle=|t| t.company_rules.auto_toggle
                    label=|t| t.company_rules.auto_label
                />
                <ThresholdInput
                    field=dual
                    id="rules-dual"
                    toggle=|t| t.company_rules.dual_toggle
                    label=|t| t.company_rules.dual_label
                />
            </div>
            <ThresholdsExample
                auto=Signal::derive(move || auto.read_tracked())
                dual=Signal::derive(move || dual.read_tracked())
            />
            <div class="rules-actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="thresholds-save"
                    disabled=move || feedback.with(Feedback::is_saving)
                >
                    {tr(|t| t.company_rules.save_thresholds)}
                </button>
                <FeedbackText feedback test_id="thresholds-feedback" />
            </div>
        </form>
    }
}
