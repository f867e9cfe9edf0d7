//! Where a customer's account stands, for staff working on it: what it owes, its
//! credit limit and the credit still available; with a payment being typed, what the
//! balance and the available credit will be after it.

use leptos::prelude::*;
use shared::Money;

use crate::api::ApiError;
use crate::api::companies::CompanySummary;
use crate::api::payments::{CompanyBalance, company_balance};
use crate::components::catalog::price::MoneyText;
use crate::components::company_picker::load_for_company;
use crate::i18n::{Texts, use_i18n};

/// The balance of the chosen company, read again whenever `refresh` changes; `None`
/// without a company or while it loads.
pub fn balance_of(
    company: RwSignal<Option<CompanySummary>>,
    refresh: RwSignal<u32>,
) -> Memo<Option<Result<CompanyBalance, ApiError>>> {
    load_for_company(company, Some(refresh), |id| async move {
        company_balance(&id).await
    })
}

#[component]
pub fn BalanceFacts(
    balance: Memo<Option<Result<CompanyBalance, ApiError>>>,
    /// A valid amount being paid, to show the account after it.
    #[prop(optional, into)]
    paying: Signal<Option<Money>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        match balance.get()? {
            Err(error) => Some(
                view! { <p class="hint hint-error" role="alert">{t.errors.message(&error)}</p> }
                    .into_any(),
            ),
            Ok(now) => {
                let after = paying.get().map(|amount| CompanyBalance {
                    balance: now.balance - amount,
                    available_credit: now.available_credit + amount,
                    ..now
                });
                Some(view! { <BalanceList now after /> }.into_any())
            }
        }
    }
}

#[component]
fn BalanceList(now: CompanyBalance, after: Option<CompanyBalance>) -> impl IntoView {
    let i18n = use_i18n();
    let fact = move |label: fn(&Texts) -> &'static str, amount: Money, id: &'static str| {
        view! {
            <div>
                <dt>{move || label(i18n.t())}</dt>
                <dd data-testid=id><MoneyText amount /></dd>
            </div>
        }
    };
    view! {
        <dl class="facts balance-facts" data-testid="company-balance" aria-live="polite">
            {fact(|t| t.companies.balance_now, now.balance, "balance-now")}
            {fact(|t| t.companies.credit_limit, now.credit_limit, "credit-limit")}
            {fact(|t| t.companies.available_credit, now.available_credit, "available-credit")}
            {after.map(|after| view! {
                {fact(|t| t.companies.balance_after, after.balance, "balance-after")}
                {fact(|t| t.companies.available_after, after.available_credit, "available-after")}
            })}
        </dl>
    }
}
