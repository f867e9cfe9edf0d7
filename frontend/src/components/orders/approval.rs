//! Why an order needs approval and how far its approvals are: shared by the order
//! page, the approvals inbox and the approval page.

use leptos::prelude::*;

use crate::api::orders::ApprovalReason;
use crate::i18n::{OrdersTexts, use_i18n};

/// One reason in the user's language, from its kind and amounts; the server's English
/// sentence for a kind this build does not know.
pub fn reason_text(t: &OrdersTexts, reason: &ApprovalReason) -> String {
    let limit = reason
        .limit
        .map(|limit| limit.format_ils())
        .unwrap_or_default();
    match reason.kind.as_str() {
        "ABOVE_AUTO_APPROVAL" => (t.reason_above_auto)(&limit),
        "ABOVE_DUAL_APPROVAL" => (t.reason_above_dual)(&limit),
        "ABOVE_BUYER_LIMIT" => (t.reason_above_buyer_limit)(&limit),
        "OVER_BUDGET" => {
            let over_by = reason
                .over_by
                .map(|amount| amount.format_ils())
                .unwrap_or_default();
            let cost_center = reason.cost_center.clone().unwrap_or_default();
            (t.reason_over_budget)(&cost_center, &limit, &over_by)
        }
        _ => reason.message.clone(),
    }
}

/// The reasons as a list; nothing when there are none.
#[component]
pub fn ApprovalReasons(reasons: Vec<ApprovalReason>) -> impl IntoView {
    let i18n = use_i18n();
    (!reasons.is_empty()).then(|| {
        view! {
            <ul class="approval-reasons" data-testid="approval-reasons">
                {move || {
                    let t = &i18n.t().orders;
                    reasons
                        .iter()
                        .map(|reason| {
                            let budget = reason.kind == "OVER_BUDGET";
                            view! {
                                <li class:budget=budget data-kind=reason.kind.clone()>
                                    {reason_text(t, reason)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        }
    })
}

/// "1 of 2 approvals" with a bar; nothing for an order that needed none.
#[component]
pub fn ApprovalProgress(approvals: u32, required: u32) -> impl IntoView {
    let i18n = use_i18n();
    (required > 0).then(|| {
        let done = approvals.min(required);
        view! {
            <div class="approval-progress" data-testid="approval-progress">
                <span class="approval-progress-text">
                    {move || (i18n.t().orders.approvals_progress)(done, required)}
                </span>
                <span class="approval-steps" aria-hidden="true">
                    {(0..required)
                        .map(|step| view! { <span class="approval-step" class:done=step < done></span> })
                        .collect_view()}
                </span>
            </div>
        }
    })
}
