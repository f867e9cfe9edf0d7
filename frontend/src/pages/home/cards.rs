//! The cards of the home page: a link to a page, or a fact about the user.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::orders::pending_decisions_count;
use crate::components::orders::requests::open_request_count;
use crate::i18n::{Texts, tr, use_i18n};
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

/// A link card whose title carries a count (`None` until it is known) and whose text
/// says what the count means.
#[component]
fn CountCard(
    href: &'static str,
    test_id: &'static str,
    count_test_id: &'static str,
    title: fn(&Texts) -> &'static str,
    text: fn(&Texts, Option<usize>) -> String,
    #[prop(into)] count: Signal<Option<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <A href=href attr:class="card link-card" attr:data-testid=test_id>
            <h2>
                {tr(title)}
                {move || {
                    count
                        .get()
                        .map(|count| {
                            view! {
                                " "
                                <span class="badge" class:badge-off=count == 0 data-testid=count_test_id>
                                    {count}
                                </span>
                            }
                        })
                }}
            </h2>
            <p class="muted" aria-live="polite">{move || text(i18n.t(), count.get())}</p>
            <span class="card-arrow" aria-hidden="true">"→"</span>
        </A>
    }
}

/// The approver's way in: how many pending orders wait for their decision now.
#[component]
pub fn ApprovalsCard() -> impl IntoView {
    let waiting = LocalResource::new(pending_decisions_count);
    view! {
        <CountCard
            href="/approvals"
            test_id="approvals-card"
            count_test_id="approvals-count"
            title=|t| t.home.approvals_card_title
            text=|t, count| {
                count.map_or_else(|| t.home.approvals_card_text.to_owned(), t.home.approvals_waiting)
            }
            count=Signal::derive(move || waiting.get().and_then(Result::ok))
        />
    }
}

/// Staff's way to the customer requests waiting for an answer, counted live.
#[component]
pub fn RequestsCard() -> impl IntoView {
    view! {
        <CountCard
            href=REQUESTS_ADDRESS
            test_id="requests-card"
            count_test_id="requests-count"
            title=|t| t.staff_orders.requests_card_title
            text=|t, count| match count {
                Some(count) if count > 0 => (t.staff_orders.requests_waiting)(count),
                _ => t.staff_orders.requests_card_text.to_owned(),
            }
            count=open_request_count()
        />
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
