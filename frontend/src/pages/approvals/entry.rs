//! One waiting order in the inbox: a card that links to its approval page.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Money;

use crate::api::orders::Order;
use crate::components::catalog::price::MoneyText;
use crate::components::orders::approval::{ApprovalProgress, reason_text};
use crate::components::orders::format;
use crate::i18n::use_i18n;
use crate::session::use_session;

/// Why the caller cannot decide on an order now, for the entry's tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Yours,
    AboveLimit,
    OwnOrder,
    OtherApprover,
}

#[component]
pub fn InboxEntry(order: Order, limit: Option<Money>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let own_id = session
        .user_untracked()
        .map(|user| user.id)
        .unwrap_or_default();
    let placed_by_self = order
        .placed_by
        .as_ref()
        .is_some_and(|person| person.id == own_id);
    let standing = match (order.can_decide, limit) {
        (true, Some(limit)) if order.subtotal > limit => Standing::AboveLimit,
        (true, _) => Standing::Yours,
        (false, _) if placed_by_self => Standing::OwnOrder,
        (false, _) => Standing::OtherApprover,
    };
    let tag = move || {
        let t = &i18n.t().orders;
        match standing {
            Standing::Yours => t.tag_yours,
            Standing::AboveLimit => t.tag_above_limit,
            Standing::OwnOrder => t.tag_own_order,
            Standing::OtherApprover => t.tag_other_approver,
        }
    };
    let reasons = order.approval_reasons.clone();
    let summary = move || {
        let t = &i18n.t().orders;
        reasons
            .iter()
            .map(|reason| reason_text(t, reason))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let created_at = order.created_at.clone();
    let age = move || (i18n.t().orders.age)(format::age(&created_at));
    let href = format!("/approvals/{}", order.id);
    let (id, number, can_decide) = (order.id.clone(), order.number.clone(), order.can_decide);
    let buyer = order.buyer_name();
    view! {
        <li
            class="inbox-entry card"
            class:actionable=standing == Standing::Yours
            data-testid="approval-entry"
            data-order-id=id
            data-number=order.number.clone()
            data-can-decide=can_decide.to_string()
        >
            <A href=href attr:class="inbox-link">
                <span class="inbox-head">
                    <bdi dir="ltr" class="inbox-number">{number}</bdi>
                    <span class="inbox-tag" class:yours=standing == Standing::Yours>{tag}</span>
                </span>
                <span class="inbox-buyer">{buyer}</span>
                <span class="inbox-amount">
                    <MoneyText amount=order.subtotal />
                    " "
                    <span class="muted">{move || i18n.t().orders.before_vat}</span>
                </span>
                <span class="inbox-reasons">{summary}</span>
                <span class="inbox-meta">
                    <span>{age}</span>
                    <ApprovalProgress approvals=order.approvals required=order.approvals_required />
                </span>
            </A>
        </li>
    }
}
