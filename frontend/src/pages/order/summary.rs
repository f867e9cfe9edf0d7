//! The head of an order page: number and status, the actions (the way to the approval
//! page for someone who may decide, and the page's own, e.g. "Order again"), the facts
//! (date, buyer, cost centre, note), the approvals and why they are needed, and the
//! shipment.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

use crate::api::orders::{Order, cost_center_name};
use crate::components::orders::approval::{ApprovalProgress, ApprovalReasons};
use crate::components::orders::format;
use crate::components::orders::status::StatusBadge;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn OrderSummary(order: Order, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let decide = order.can_decide.then(|| {
        let href = format!("/approvals/{}", order.id);
        view! {
            <A href=href attr:class="button primary decide-link" attr:data-testid="decide-link">
                {tr(|t| t.orders.decide_link)}
            </A>
        }
    });
    let approvals =
        (order.approvals_required > 0 || !order.approval_reasons.is_empty()).then(|| {
            view! {
                <section class="card order-section" data-testid="order-approvals">
                    <h2>{tr(|t| t.orders.approvals_heading)}</h2>
                    <ApprovalProgress approvals=order.approvals required=order.approvals_required />
                    <ApprovalReasons reasons=order.approval_reasons.clone() />
                </section>
            }
        });
    let shipment = order.shipment.clone().map(|shipment| {
        let link = shipment.tracking_url.clone().map(|url| {
            view! {
                <a href=url target="_blank" rel="noopener noreferrer" class="button" data-testid="tracking-link">
                    {tr(|t| t.orders.track_shipment)}
                </a>
            }
        });
        let shipped = shipment.shipped_at.as_deref().map(|at| {
            let (datetime, at) = (at.to_owned(), format::date_time(at));
            view! {
                <dt>{tr(|t| t.fulfilment.shipped_on)}</dt>
                <dd><time datetime=datetime>{at}</time></dd>
            }
        });
        let delivered = shipment.delivered_at.as_deref().map(|at| {
            let (datetime, at) = (at.to_owned(), format::date_time(at));
            let note = (!shipment.delivery_note.trim().is_empty())
                .then(|| format!(" · {}", shipment.delivery_note));
            view! {
                <dt>{tr(|t| t.fulfilment.delivered_on)}</dt>
                <dd data-testid="delivered-at"><time datetime=datetime>{at}</time> {note}</dd>
            }
        });
        view! {
            <section class="card order-section" data-testid="order-shipment">
                <h2>{tr(|t| t.orders.shipment_heading)}</h2>
                <dl class="order-facts">
                    <dt>{tr(|t| t.orders.carrier)}</dt>
                    <dd>{shipment.carrier}</dd>
                    <dt>{tr(|t| t.orders.tracking_number)}</dt>
                    <dd><bdi dir="ltr" data-testid="tracking-number">{shipment.tracking_number}</bdi></dd>
                    {shipped}
                    {delivered}
                </dl>
                {link}
            </section>
        }
    });
    let note = (!order.note.trim().is_empty()).then(|| {
        let note = order.note.clone();
        view! {
            <dt>{tr(|t| t.orders.note)}</dt>
            <dd class="order-note" data-testid="order-note">{note}</dd>
        }
    });
    let actions = (decide.is_some() || children.is_some()).then(|| {
        view! { <div class="order-actions">{decide} {children.map(|children| children())}</div> }
    });
    let channel = order.channel.clone();
    let number = order.number.clone();
    view! {
        <header class="order-header">
            <h1>
                {tr(|t| t.orders.order_word)}
                " "
                <bdi dir="ltr" data-testid="order-number">{number.clone()}</bdi>
            </h1>
            <StatusBadge status=order.status />
        </header>
        {actions}
        <div class="order-overview">
            <section class="card order-section">
                <dl class="order-facts">
                    <dt>{tr(|t| t.orders.placed_on)}</dt>
                    <dd>
                        <time datetime=order.created_at.clone()>{format::date_time(&order.created_at)}</time>
                    </dd>
                    <dt>{tr(|t| t.orders.placed_by)}</dt>
                    <dd data-testid="order-placed-by">{order.buyer_name()}</dd>
                    <CostCenterFact id=order.cost_center_id.clone() />
                    <dt>{tr(|t| t.orders.channel)}</dt>
                    <dd>{move || (i18n.t().orders.channel_name)(&channel)}</dd>
                    {note}
                </dl>
            </section>
            {approvals}
            {shipment}
        </div>
    }
}

/// The cost centre's name; only customers who may order or manage read cost centres.
#[component]
pub fn CostCenterFact(id: Option<String>) -> impl IntoView {
    let session = use_session();
    let readable = matches!(
        session.role(),
        Some(Role::Buyer | Role::Approver | Role::CompanyAdmin)
    );
    id.filter(|_| readable).map(|id| {
        let name = LocalResource::new(move || {
            let id = id.clone();
            async move { cost_center_name(&id).await.ok().flatten() }
        });
        view! {
            <dt>{tr(|t| t.orders.cost_center)}</dt>
            <dd data-testid="order-cost-center">
                {move || name.get().flatten().unwrap_or_default()}
            </dd>
        }
    })
}
