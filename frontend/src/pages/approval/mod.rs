//! The mobile-first approval page of one pending order (`/approvals/:id`), opened from a
//! notification: summary, why it needs approval (with the budget impact), approvals so
//! far, the lines, and a sticky bar to approve with one tap or reject with a reason.
//!
//! Someone who cannot decide (already decided, own order, above the limit) is told why
//! instead of seeing the buttons. After a decision the page shows its result.

mod actions;
mod outcome;
mod reject;
mod summary;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::{Money, OrderStatus, Role};

use crate::api::ApiError;
use crate::api::orders::{Order, my_approval_limit};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::pages::order::{LiveOrder, Loaded, OrderNotFound};
use crate::session::use_session;
use actions::DecisionBar;
use outcome::{Blocker, BlockerCard, DecisionResult};
use summary::ApprovalSummary;

/// What the approver decided, with the order as the server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approved(Order),
    Rejected(Order),
}

/// A problem with the last attempt to decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Someone else decided first; the order was read again.
    Conflict,
    Failed(ApiError),
}

/// Why the signed-in user cannot decide on `order` now, if anything stops them.
fn blocker(
    order: &Order,
    user_id: &str,
    role: Option<Role>,
    limit: Option<Money>,
) -> Option<Blocker> {
    if order.status != OrderStatus::PendingApproval {
        return Some(Blocker::Decided(order.status));
    }
    if order
        .placed_by
        .as_ref()
        .is_some_and(|person| person.id == user_id)
    {
        return Some(Blocker::OwnOrder);
    }
    if order.approved_by(user_id) {
        return Some(Blocker::AlreadyApproved);
    }
    if role != Some(Role::Approver) {
        return Some(Blocker::NotApprover);
    }
    if let Some(limit) = limit
        && order.subtotal > limit
    {
        return Some(Blocker::AboveLimit(limit));
    }
    (!order.can_decide).then_some(Blocker::Other)
}

#[component]
pub fn ApprovalPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let live = LiveOrder::follow();
    let limit = LocalResource::new(|| async { my_approval_limit().await.ok().flatten() });
    let decision = RwSignal::new(None::<Decision>);
    let problem = RwSignal::new(None::<Problem>);
    // Kept here, so a live change that redraws the order keeps what was typed.
    let comment = RwSignal::new(String::new());

    let content =
        move || {
            if let Some(decision) = decision.get() {
                return view! { <DecisionResult decision /> }.into_any();
            }
            match live.loaded.get() {
            Loaded::Loading => view! { <TableSkeleton rows=5 columns=2 /> }.into_any(),
            Loaded::Missing => view! { <OrderNotFound from_inbox=true /> }.into_any(),
            Loaded::Failed(error) => view! {
                <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
            }
            .into_any(),
            Loaded::Ready(order) => {
                let user = session.user_untracked();
                let user_id = user.as_ref().map(|user| user.id.clone()).unwrap_or_default();
                // Until the approver's limit is known, neither the buttons nor a reason.
                let bottom = limit.get().map(|limit| {
                    match blocker(&order, &user_id, session.role(), limit) {
                        Some(blocker) => {
                            view! { <BlockerCard blocker order_id=order.id.clone() /> }.into_any()
                        }
                        None => view! {
                            <DecisionBar
                                order_id=order.id.clone()
                                number=order.number.clone()
                                comment
                                live
                                decision
                                problem
                            />
                        }
                        .into_any(),
                    }
                });
                view! {
                    <ApprovalSummary order=*order />
                    {bottom}
                }
                .into_any()
            }
        }
        };
    let problem_notice = move || {
        problem.get().map(|problem| {
            let t = i18n.t();
            let text = match &problem {
                Problem::Conflict => t.orders.conflict.to_owned(),
                Problem::Failed(error) => t.errors.message(error),
            };
            view! { <p class="notice error" role="alert" data-testid="decision-problem">{text}</p> }
        })
    };

    view! {
        <section class="page approval-page" data-testid="approval-page">
            <A href="/approvals" attr:class="back-link">
                <span class="back-arrow" aria-hidden="true">"←"</span>
                {tr(|t| t.orders.back_to_inbox)}
            </A>
            {problem_notice}
            {content}
        </section>
    }
}
