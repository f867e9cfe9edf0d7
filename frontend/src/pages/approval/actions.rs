//! The decision: an optional comment, and a bar stuck to the bottom of the screen with
//! Approve (one tap) and Reject (opens a sheet that asks for the reason).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::reject::RejectDialog;
use super::{Decision, Problem};
use crate::api::orders::{approve, reject};
use crate::api::{ApiError, ErrorCode};
use crate::i18n::{tr, use_i18n};
use crate::pages::order::LiveOrder;

/// The problem an answer reports; a conflict or a refusal reads the order again, so the
/// page shows why it can no longer be decided.
fn problem_of(error: ApiError, live: LiveOrder) -> Problem {
    match error.code() {
        Some(ErrorCode::Conflict) => {
            live.load(true);
            Problem::Conflict
        }
        Some(ErrorCode::Forbidden | ErrorCode::InvalidTransition | ErrorCode::NotFound) => {
            live.load(true);
            Problem::Failed(error)
        }
        _ => Problem::Failed(error),
    }
}

#[component]
pub fn DecisionBar(
    order_id: String,
    number: String,
    comment: RwSignal<String>,
    live: LiveOrder,
    decision: RwSignal<Option<Decision>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    // A suspended company's approvals are refused (approving is ordering).
    let session = crate::session::use_session();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let dialog_open = RwSignal::new(false);
    let reject_button = NodeRef::<html::Button>::new();
    let order_id = StoredValue::new(order_id);

    let on_approve = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let text = comment.get_untracked();
        spawn_local(async move {
            let result = approve(&order_id.get_value(), &text).await;
            busy.try_set(false);
            match result {
                Ok(order) => {
                    live.take(order.clone());
                    comment.try_set(String::new());
                    decision.try_set(Some(Decision::Approved(order)));
                }
                Err(error) => {
                    problem.try_set(Some(problem_of(error, live)));
                }
            }
        });
    };

    // The sheet reports its own errors; a conflict closes it and shows the new state.
    let dialog_error = RwSignal::new(None::<ApiError>);
    let on_reject = Callback::new(move |reason: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        dialog_error.set(None);
        problem.set(None);
        spawn_local(async move {
            let result = reject(&order_id.get_value(), &reason).await;
            busy.try_set(false);
            match result {
                Ok(order) => {
                    dialog_open.try_set(false);
                    live.take(order.clone());
                    decision.try_set(Some(Decision::Rejected(order)));
                }
                Err(error) if error.code() == Some(ErrorCode::BadUserInput) => {
                    dialog_error.try_set(Some(error));
                }
                Err(error) => {
                    dialog_open.try_set(false);
                    problem.try_set(Some(problem_of(error, live)));
                }
            }
        });
    });
    let close_dialog = Callback::new(move |()| {
        dialog_open.set(false);
        dialog_error.set(None);
        if let Some(button) = reject_button.get_untracked() {
            let _ = button.focus();
        }
    });

    view! {
        <section class="card approval-comment">
            <div class="field">
                <label for="approval-comment">{tr(|t| t.orders.comment_label)}</label>
                <textarea
                    id="approval-comment"
                    rows="2"
                    data-testid="approval-comment"
                    prop:value=move || comment.get()
                    on:input=move |event| comment.set(event_target_value(&event))
                ></textarea>
            </div>
        </section>
        <div class="decision-bar" role="group" aria-label=move || i18n.t().orders.decision_label>
            <button
                type="button"
                class="button danger-outline decision-button"
                data-testid="reject"
                node_ref=reject_button
                disabled=move || busy.get()
                aria-haspopup="dialog"
                on:click=move |_| dialog_open.set(true)
            >
                {tr(|t| t.orders.reject)}
            </button>
            <button
                type="button"
                class="button primary decision-button"
                data-testid="approve"
                disabled=move || busy.get() || session.company_suspended()
                on:click=on_approve
            >
                {move || {
                    let t = &i18n.t().orders;
                    if busy.get() && !dialog_open.get() { t.approving } else { t.approve }
                }}
            </button>
        </div>
        <Show when=move || dialog_open.get()>
            <RejectDialog
                number=number.clone()
                busy
                error=dialog_error
                on_confirm=on_reject
                on_close=close_dialog
            />
        </Show>
    }
}
