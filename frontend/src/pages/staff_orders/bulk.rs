//! Bulk moves: select orders (or all shown), choose a step, apply. Cancelling asks
//! first. The server moves each order in its own transaction and answers per order;
//! moved rows update in place and the summary names every order that did not move and
//! why. The orders that did not move stay selected.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::OrderStatus;

use super::filters::ChoiceField;
use super::queue::Queue;
use crate::api::fulfilment::OrderAction;
use crate::api::orders::Order;
use crate::api::queue::{BULK_ACTIONS, MoveResult, move_orders};
use crate::api::{ApiError, ErrorCode};
use crate::components::staff::Confirm;
use crate::i18n::{Texts, tr, use_i18n};

/// An order that did not move, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
struct NotMoved {
    number: String,
    /// The status it had when it was sent.
    status: Option<OrderStatus>,
    /// Why, worded like any API error (`ErrorTexts::message`).
    error: ApiError,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Done {
        moved: usize,
        not_moved: Vec<NotMoved>,
    },
    /// The request as a whole failed: nothing is known to have moved.
    Failed(ApiError),
}

fn action_named(code: &str) -> Option<OrderAction> {
    BULK_ACTIONS
        .into_iter()
        .find(|action| action.as_str() == code)
}

#[component]
pub fn BulkBar(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let action = RwSignal::new(None::<OrderAction>);
    // How many orders are being moved now.
    let running = RwSignal::new(None::<usize>);
    let confirming = RwSignal::new(false);
    let apply_button = NodeRef::<html::Button>::new();
    let outcome = RwSignal::new(None::<Outcome>);

    let shown_count = Memo::new(move |_| queue.shown().len());
    let selected = Memo::new(move |_| queue.selected_orders());
    let selected_count = move || selected.with(Vec::len);
    let all_selected = move || shown_count.get() > 0 && selected_count() == shown_count.get();
    let some_selected = move || selected_count() > 0 && !all_selected();
    let can_apply =
        move || running.get().is_none() && selected_count() > 0 && action.get().is_some();

    let run = move || {
        confirming.set(false);
        let (Some(step), orders) = (action.get_untracked(), selected.get_untracked()) else {
            return;
        };
        let ids: Vec<String> = orders.iter().map(|order| order.id.clone()).collect();
        running.set(Some(ids.len()));
        outcome.set(None);
        spawn_local(async move {
            let result = move_orders(&ids, step).await;
            // The page was left while the server worked: nothing to show.
            if running.try_set(None).is_some() {
                return;
            }
            outcome.set(Some(match result {
                Ok(results) => settle(queue, &orders, results),
                Err(error) => Outcome::Failed(error),
            }));
        });
    };
    let apply = move |_| {
        if action.get_untracked() == Some(OrderAction::Cancel) {
            confirming.set(true);
        } else {
            run();
        }
    };

    // Each step says how many of the selected orders can take it now.
    let choices = Signal::derive(move || {
        let t = &i18n.t().staff_orders;
        let orders = selected.get();
        BULK_ACTIONS
            .into_iter()
            .map(|step| {
                let fit = orders
                    .iter()
                    .filter(|order| order.available_actions.contains(&step))
                    .count();
                let words = if orders.is_empty() {
                    (t.action)(step).to_owned()
                } else {
                    format!(
                        "{} ({})",
                        (t.action)(step),
                        (t.action_fits)(fit, orders.len())
                    )
                };
                (step.as_str().to_owned(), words)
            })
            .collect()
    });

    view! {
        <div
            class="bulk-bar card"
            role="group"
            aria-label=tr(|t| t.staff_orders.bulk_label)
            data-testid="bulk-bar"
        >
            <label class="checkbox bulk-select-all">
                <input
                    type="checkbox"
                    data-testid="select-all-shown"
                    prop:checked=all_selected
                    prop:indeterminate=some_selected
                    disabled=move || shown_count.get() == 0
                    on:change=move |event| queue.select_all_shown(event_target_checked(&event))
                />
                <span>{move || (i18n.t().staff_orders.select_all_shown)(shown_count.get())}</span>
            </label>
            <span class="bulk-count" aria-live="polite" data-testid="selected-count">
                {move || (i18n.t().staff_orders.selected_count)(selected_count())}
            </span>
            <ChoiceField
                id="bulk-action"
                label=|t| t.staff_orders.action_label
                any=|t| t.staff_orders.action_choose
                choices
                chosen=Signal::derive(move || action.get().map_or("", OrderAction::as_str).to_owned())
                on_change=Callback::new(move |code: Option<String>| {
                    action.set(code.as_deref().and_then(action_named));
                })
            />
            <button
                type="button"
                class="button primary"
                data-testid="bulk-apply"
                node_ref=apply_button
                disabled=move || !can_apply()
                aria-busy=move || running.get().is_some().then_some("true")
                on:click=apply
            >
                {tr(|t| t.staff_orders.apply)}
            </button>
            {move || running.get().map(|count| view! {
                <p class="bulk-progress" role="status" data-testid="bulk-progress">
                    <span class="spinner" aria-hidden="true"></span>
                    {move || (i18n.t().staff_orders.moving)(count)}
                </p>
            })}
        </div>
        {move || confirming.get().then(|| view! {
            <Confirm
                question=Signal::derive(move || (i18n.t().staff_orders.confirm_cancel)(selected_count()))
                on_confirm=Callback::new(move |()| run())
                on_cancel=Callback::new(move |()| {
                    confirming.set(false);
                    if let Some(button) = apply_button.get_untracked() {
                        let _ = button.focus();
                    }
                })
                confirm_label=|t: &Texts| t.staff_orders.confirm_cancel_yes
                cancel_label=|t: &Texts| t.staff_orders.confirm_cancel_no
                destructive=true
            />
        })}
        {move || outcome.get().map(|result| view! {
            <MoveSummary result on_close=Callback::new(move |()| outcome.set(None)) />
        })}
    }
}

/// Puts the moved orders in place and keeps the others selected.
fn settle(queue: Queue, sent: &[Order], results: Vec<MoveResult>) -> Outcome {
    let mut moved = 0;
    let mut not_moved = Vec::new();
    for result in results {
        match (result.order, result.error) {
            (Some(order), _) => {
                moved += 1;
                queue.set_selected(&order.id, false);
                queue.apply(&order);
            }
            (None, error) => {
                let error = error.unwrap_or_default();
                let sent_order = sent.iter().find(|order| order.id == result.id);
                not_moved.push(NotMoved {
                    number: sent_order.map_or(result.id.clone(), |order| order.number.clone()),
                    status: sent_order.map(|order| order.status),
                    error: ApiError::Api {
                        code: ErrorCode::parse(&error.code),
                        message: error.message,
                        reason: None,
                        retry_after_seconds: None,
                    },
                });
            }
        }
    }
    Outcome::Done { moved, not_moved }
}

/// "28 moved, 2 not moved" and a line for each order that did not move. It takes the
/// focus when it appears, so a keyboard or screen reader user lands on the answer.
#[component]
fn MoveSummary(result: Outcome, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(summary) = summary.get() {
            let _ = summary.focus();
        }
    });
    let failed = match &result {
        Outcome::Failed(_) => true,
        Outcome::Done { not_moved, .. } => !not_moved.is_empty(),
    };
    let body = match result {
        Outcome::Failed(error) => view! {
            <p class="move-headline">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Outcome::Done { moved, not_moved } => {
            let not_moved_count = not_moved.len();
            let lines = not_moved
                .into_iter()
                .map(|order| view! { <NotMovedLine order /> })
                .collect_view();
            view! {
                <p class="move-headline" data-testid="move-headline">
                    {move || (i18n.t().staff_orders.moved_summary)(moved, not_moved_count)}
                </p>
                {(not_moved_count > 0).then(|| view! {
                    <p class="move-subheading">{tr(|t| t.staff_orders.not_moved_heading)}</p>
                    <ul class="move-failures">{lines}</ul>
                })}
            }
            .into_any()
        }
    };
    view! {
        <div
            class="notice move-summary"
            class:success=!failed
            class:warning=failed
            role="status"
            tabindex="-1"
            data-testid="move-summary"
            node_ref=summary
        >
            <div class="move-summary-text">{body}</div>
            <button type="button" class="button small" on:click=move |_| on_close.run(())>
                {tr(|t| t.staff_orders.dismiss)}
            </button>
        </div>
    }
}

#[component]
fn NotMovedLine(order: NotMoved) -> impl IntoView {
    let i18n = use_i18n();
    let NotMoved {
        number,
        status,
        error,
    } = order;
    let reason = move || i18n.t().errors.message(&error);
    let test_number = number.clone();
    view! {
        <li data-testid="move-failure" data-number=test_number>
            <bdi dir="ltr" class="cell-strong">{number}</bdi>
            {move || status.map(|status| format!(" ({})", (i18n.t().orders.status)(status)))}
            ": "
            {reason}
        </li>
    }
}
