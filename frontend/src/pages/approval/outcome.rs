//! What the approval page shows instead of the buttons: the result of the decision
//! just made, or why this person cannot decide on the order.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{Money, OrderStatus};

use super::Decision;
use crate::components::orders::approval::ApprovalProgress;
use crate::i18n::{tr, use_i18n};

/// Why the signed-in user cannot decide on the order now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// It is no longer waiting for approval.
    Decided(OrderStatus),
    OwnOrder,
    /// This approver gave one of two approvals; the other must come from someone else.
    AlreadyApproved,
    NotApprover,
    AboveLimit(Money),
    Other,
}

impl Blocker {
    fn name(self) -> &'static str {
        match self {
            Blocker::Decided(_) => "decided",
            Blocker::OwnOrder => "own-order",
            Blocker::AlreadyApproved => "already-approved",
            Blocker::NotApprover => "not-approver",
            Blocker::AboveLimit(_) => "above-limit",
            Blocker::Other => "other",
        }
    }
}

#[component]
pub fn BlockerCard(blocker: Blocker, order_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let t = &i18n.t().orders;
        match blocker {
            Blocker::Decided(status) => (t.why_decided)(status),
            Blocker::OwnOrder => t.why_own_order.to_owned(),
            Blocker::AlreadyApproved => t.why_already_approved.to_owned(),
            Blocker::NotApprover => t.why_not_approver.to_owned(),
            Blocker::AboveLimit(limit) => (t.why_above_limit)(&limit.format_ils()),
            Blocker::Other => t.why_other.to_owned(),
        }
    };
    let href = format!("/orders/{order_id}");
    view! {
        <section class="card blocker-card" data-testid="approval-blocked" data-reason=blocker.name()>
            <p>{text}</p>
            <div class="outcome-links">
                <A href="/approvals" attr:class="button primary">{tr(|t| t.orders.back_to_inbox)}</A>
                <A href=href attr:class="button">{tr(|t| t.orders.view_order)}</A>
            </div>
        </section>
    }
}

/// How a decision ended, as the server answered it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// Approved and sent on to the supplier.
    Approved,
    /// Approved, but a second approver is still needed.
    Waiting,
    Rejected,
}

impl Ending {
    fn name(self) -> &'static str {
        match self {
            Ending::Approved => "approved",
            Ending::Waiting => "waiting",
            Ending::Rejected => "rejected",
        }
    }
}

#[component]
pub fn DecisionResult(decision: Decision) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H2>::new();
    // The result replaces the buttons that had focus: move it to the result's heading.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let (order, ending) = match decision {
        Decision::Approved(order) if order.status == OrderStatus::PendingApproval => {
            (order, Ending::Waiting)
        }
        Decision::Approved(order) => (order, Ending::Approved),
        Decision::Rejected(order) => (order, Ending::Rejected),
    };
    let (approvals, required) = (order.approvals, order.approvals_required);
    let title = move || {
        let t = &i18n.t().orders;
        match ending {
            Ending::Waiting => t.result_waiting_title,
            Ending::Approved => t.result_approved_title,
            Ending::Rejected => t.result_rejected_title,
        }
    };
    let text = move || {
        let t = &i18n.t().orders;
        match ending {
            Ending::Waiting => (t.result_waiting_text)(approvals, required),
            Ending::Approved => t.result_approved_text.to_owned(),
            Ending::Rejected => t.result_rejected_text.to_owned(),
        }
    };
    let progress =
        (ending == Ending::Waiting).then(|| view! { <ApprovalProgress approvals required /> });
    let href = format!("/orders/{}", order.id);
    view! {
        <section
            class=format!("card decision-result result-{}", ending.name())
            role="status"
            data-testid="decision-result"
            data-result=ending.name()
        >
            <span class="result-icon" aria-hidden="true">
                {if ending == Ending::Rejected { "✕" } else { "✓" }}
            </span>
            <h2 tabindex="-1" node_ref=heading>
                {title}
                " "
                <bdi dir="ltr">{order.number.clone()}</bdi>
            </h2>
            <p>{text}</p>
            {progress}
            <div class="outcome-links">
                <A href="/approvals" attr:class="button primary">{tr(|t| t.orders.back_to_inbox)}</A>
                <A href=href attr:class="button">{tr(|t| t.orders.view_order)}</A>
            </div>
        </section>
    }
}
