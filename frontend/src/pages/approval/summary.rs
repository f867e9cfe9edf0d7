//! What an approver reads before deciding, in one column for a phone: the order and
//! its amounts, who placed it and for what, why it needs approval, the approvals so
//! far, and the lines (folded away until asked for).

use leptos::prelude::*;

use crate::api::orders::Order;
use crate::components::catalog::price::MoneyText;
use crate::components::orders::approval::{ApprovalProgress, ApprovalReasons};
use crate::components::orders::format;
use crate::components::orders::status::StatusBadge;
use crate::i18n::{tr, use_i18n};
use crate::pages::order::lines::line_name;
use crate::pages::order::summary::CostCenterFact;

#[component]
pub fn ApprovalSummary(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let company = order
        .placed_by
        .as_ref()
        .and_then(|person| person.company.as_ref())
        .map(|company| company.name.clone());
    let buyer = match company {
        Some(company) => format!("{} · {company}", order.buyer_name()),
        None => order.buyer_name(),
    };
    let note = (!order.note.trim().is_empty()).then(|| {
        let note = order.note.clone();
        view! {
            <dt>{tr(|t| t.orders.note)}</dt>
            <dd class="order-note" data-testid="order-note">{note}</dd>
        }
    });
    let created_at = order.created_at.clone();
    let age = move || (i18n.t().orders.age)(format::age(&created_at));
    let reasons = (order.approvals_required > 0 || !order.approval_reasons.is_empty()).then(|| {
        view! {
            <section class="card approval-why" data-testid="order-approvals">
                <h2>{tr(|t| t.orders.reasons_heading)}</h2>
                <ApprovalReasons reasons=order.approval_reasons.clone() />
                <ApprovalProgress approvals=order.approvals required=order.approvals_required />
            </section>
        }
    });
    view! {
        <section class="card approval-summary" data-testid="approval-summary">
            <div class="approval-title">
                <h1>
                    {tr(|t| t.orders.order_word)}
                    " "
                    <bdi dir="ltr" data-testid="order-number">{order.number.clone()}</bdi>
                </h1>
                <StatusBadge status=order.status />
            </div>
            <p class="approval-buyer" data-testid="order-placed-by">{buyer}</p>
            <div class="approval-amounts">
                <div class="amount-main">
                    <span class="amount-label">{tr(|t| t.orders.total_before_vat)}</span>
                    <strong data-testid="approval-subtotal"><MoneyText amount=order.subtotal /></strong>
                </div>
                <div>
                    <span class="amount-label">{tr(|t| t.orders.total_with_vat)}</span>
                    <span data-testid="approval-total"><MoneyText amount=order.total /></span>
                </div>
            </div>
            <dl class="order-facts">
                <dt>{tr(|t| t.orders.placed_on)}</dt>
                <dd>
                    <time datetime=order.created_at.clone()>{format::date_time(&order.created_at)}</time>
                    " · "
                    <span data-testid="order-age">{age}</span>
                </dd>
                <CostCenterFact id=order.cost_center_id.clone() />
                {note}
            </dl>
        </section>
        {reasons}
        <ApprovalLines order />
    }
}

/// The lines as a folded list: one tap opens them, each line wraps instead of
/// scrolling sideways.
#[component]
fn ApprovalLines(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let count = order.lines.len();
    let lines = order.lines;
    let items = move || {
        let lang = i18n.lang();
        lines
            .iter()
            .map(|line| {
                view! {
                    <li class="approval-line" data-testid="order-line" data-sku=line.sku.clone()>
                        <span class="approval-line-name">{line_name(line, lang)}</span>
                        <span class="approval-line-meta">
                            <bdi dir="ltr" class="cell-sku">{line.sku.clone()}</bdi>
                            <bdi dir="ltr">{format!("{} × {}", line.quantity, line.unit_price.format_ils())}</bdi>
                        </span>
                        <span class="approval-line-total"><MoneyText amount=line.line_total /></span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="card approval-lines" data-testid="approval-lines">
            <summary>{move || (i18n.t().orders.lines_count)(count)}</summary>
            <ul>{items}</ul>
        </details>
    }
}
