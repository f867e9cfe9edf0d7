//! The cards of the home page: a link to a page, or a fact about the user.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::orders::pending_decisions_count;
use crate::components::orders::requests::open_request_count;
use crate::i18n::{tr, use_i18n};
use crate::pages::staff_orders::REQUESTS_ADDRESS;

#[component]
pub fn LinkCard(href: &'static str, title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <A href=href attr:class="card link-card">
            <h2>{title}</h2>
            <p class="muted">{text}</p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}

#[component]
pub fn InfoCard(title: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="card info-card">
            <h2>{title}</h2>
            <p class="info-value">{value}</p>
        </div>
    }
}

/// The approver's way in: how many pending orders wait for their decision now.
#[component]
pub fn ApprovalsCard() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = LocalResource::new(pending_decisions_count);
    let count = move || waiting.get().and_then(Result::ok);
    view! {
        <A href="/approvals" attr:class="card link-card" attr:data-testid="approvals-card">
            <h2>
                {tr(|t| t.home.approvals_card_title)}
                {move || {
                    count()
                        .map(|count| {
                            view! {
                                " "
                                <span class="badge" data-testid="approvals-count">
                                    {count}
                                </span>
                            }
                        })
                }}
            </h2>
            <p class="muted" aria-live="polite">
                {move || {
                    let t = &i18n.t().home;
                    count().map_or_else(|| t.approvals_card_text.to_owned(), t.approvals_waiting)
                }}
            </p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}

/// Staff's way to the customer requests waiting for an answer, counted live.
#[component]
pub fn RequestsCard() -> impl IntoView {
    let i18n = use_i18n();
    let count = open_request_count();
    view! {
        <A href=REQUESTS_ADDRESS attr:class="card link-card" attr:data-testid="requests-card">
            <h2>
                {tr(|t| t.staff_orders.requests_card_title)}
                {move || {
                    count
                        .get()
                        .map(|count| {
                            view! {
                                " "
                                <span class="badge" class:badge-off=count == 0 data-testid="requests-count">
                                    {count}
                                </span>
                            }
                        })
                }}
            </h2>
            <p class="muted" aria-live="polite">
                {move || {
                    let t = &i18n.t().staff_orders;
                    match count.get() {
                        Some(count) if count > 0 => (t.requests_waiting)(count),
                        _ => t.requests_card_text.to_owned(),
                    }
                }}
            </p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}

/// The way to the company's account, with its balance now.
#[component]
pub fn AccountCard() -> impl IntoView {
    let balance = LocalResource::new(crate::api::documents::balance);
    let amount = move || {
        balance.get().and_then(Result::ok).map(|amount| {
            view! {
                <p class="info-value">
                    {tr(|t| t.documents.balance_label)} " "
                    <bdi class="money" dir="ltr" data-testid="home-balance">
                        {amount.format_ils()}
                    </bdi>
                </p>
            }
        })
    };
    view! {
        <A href="/ledger" attr:class="card link-card" attr:data-testid="account-card">
            <h2>{tr(|t| t.documents.account_card_title)}</h2>
            <div aria-live="polite">{amount}</div>
            <p class="muted">{tr(|t| t.documents.account_card_text)}</p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}
