//! The customer's requests on an order: the one waiting for an answer, which staff
//! accept in one click or decline with a reason, and the history with the answers.

use leptos::prelude::*;
use shared::Role;

use super::steps::{OpenSheet, StepRunner};
use crate::api::fulfilment::{OrderRequest, accept_request};
use crate::api::orders::Order;
use crate::components::orders::format;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

/// "Asked by Dana Katz, 04/05/2026 14:30".
fn asked(request: &OrderRequest) -> impl Fn(&crate::i18n::Texts) -> String + use<> {
    let name = request
        .requested_by
        .as_ref()
        .map(|person| person.name.clone())
        .unwrap_or_default();
    let when = format::date_time(&request.requested_at);
    move |t| (t.fulfilment.requested_by)(&name, &when)
}

/// What a return request gives back, in words ("The whole order" or `SKU × 4, ...`).
fn returned_lines(request: &OrderRequest) -> Option<String> {
    (request.kind == "RETURN").then(|| {
        request
            .lines
            .iter()
            .map(|line| format!("{} × {}", line.sku, line.quantity))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The open request on top of a staff member's order page, with the answer buttons.
#[component]
pub fn OpenRequestAnswer(order: Order, runner: StepRunner) -> impl IntoView {
    let i18n = use_i18n();
    if use_session().role() != Some(Role::SupplierStaff) {
        return None;
    }
    let request = order.open_request()?.clone();
    let kind = request.kind.clone();
    let asked = asked(&request);
    let lines = returned_lines(&request).map(|lines| {
        let whole = lines.is_empty();
        view! {
            <p data-testid="request-lines">
                {move || if whole { i18n.t().fulfilment.whole_order.to_owned() } else { lines.clone() }}
            </p>
        }
    });
    let request_id = request.id.clone();
    let on_accept = move |_| {
        let id = request_id.clone();
        runner.run(async move { accept_request(&id).await });
    };
    let decline_id = request.id.clone();
    let hint_kind = kind.clone();
    Some(view! {
        <section class="card order-section open-request" role="region" aria-labelledby="open-request-heading" data-testid="open-request">
            <h2 id="open-request-heading">
                {tr(|t| t.fulfilment.open_request_heading)}
                ": "
                <span class="request-tag" data-testid="open-request-kind">
                    {move || (i18n.t().fulfilment.request_kind)(&kind)}
                </span>
            </h2>
            <blockquote class="request-message" data-testid="open-request-message">{request.message.clone()}</blockquote>
            {lines}
            <p class="muted">{move || asked(i18n.t())}</p>
            <p class="hint">{move || (i18n.t().fulfilment.accept_hint)(&hint_kind)}</p>
            <div class="workflow-actions">
                <button
                    type="button"
                    class="button primary"
                    data-testid="accept-request"
                    disabled=move || runner.busy.get()
                    on:click=on_accept
                >
                    {tr(|t| t.fulfilment.accept)}
                </button>
                <button
                    type="button"
                    class="button danger-outline"
                    data-testid="decline-request"
                    aria-haspopup="dialog"
                    disabled=move || runner.busy.get()
                    on:click=move |_| runner.open(OpenSheet::Decline(decline_id.clone()))
                >
                    {tr(|t| t.fulfilment.decline)}
                </button>
            </div>
        </section>
    })
}

/// Every request on the order with its answer, newest first.
#[component]
pub fn RequestHistory(requests: Vec<OrderRequest>) -> impl IntoView {
    let i18n = use_i18n();
    if requests.is_empty() {
        return None;
    }
    let items = requests
        .into_iter()
        .rev()
        .map(|request| {
            let kind = request.kind.clone();
            let status = request.status.clone();
            let status_class = format!("request-status request-{}", status.to_lowercase());
            let asked = asked(&request);
            let lines = returned_lines(&request).filter(|lines| !lines.is_empty());
            let answer = (!request.decision_comment.trim().is_empty()).then(|| {
                let comment = request.decision_comment.clone();
                view! {
                    <p class="request-answer">
                        <strong>{tr(|t| t.fulfilment.answer)} ": "</strong>
                        {comment}
                    </p>
                }
            });
            view! {
                <li class="request-item" data-testid="request-item">
                    <p class="request-head">
                        <span class="request-tag">{move || (i18n.t().fulfilment.request_kind)(&kind)}</span>
                        " "
                        <span class=status_class data-testid="request-status">
                            {move || (i18n.t().fulfilment.request_status)(&status)}
                        </span>
                    </p>
                    <p class="request-message">{request.message.clone()}</p>
                    {lines.map(|lines| view! { <p dir="ltr" class="request-lines">{lines}</p> })}
                    <p class="muted">{move || asked(i18n.t())}</p>
                    {answer}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="card order-section" data-testid="order-requests">
            <h2>{tr(|t| t.fulfilment.requests_heading)}</h2>
            <ul class="request-list">{items}</ul>
        </section>
    })
}
