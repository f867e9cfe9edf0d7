//! The balance cards: balance, credit limit, available credit, overdue (in the danger
//! colour when there is any) and the payment terms in words.

use leptos::prelude::*;
use shared::Money;

use crate::api::documents::Ledger;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{DocumentsTexts, tr, use_i18n};

#[component]
fn AmountCard(
    title: fn(&DocumentsTexts) -> &'static str,
    amount: Money,
    test_id: &'static str,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card balance-card" class:danger=danger data-testid=test_id>
            <h2>{move || title(&i18n.t().documents)}</h2>
            <p class="balance-value"><MoneyText amount /></p>
        </div>
    }
}

#[component]
pub fn BalanceCards(ledger: Ledger) -> impl IntoView {
    let i18n = use_i18n();
    let terms = ledger.payment_terms.clone();
    let overdue = ledger.overdue.amount() > rust_decimal::Decimal::ZERO;
    view! {
        <div class="balance-cards">
            <AmountCard title=|t| t.balance amount=ledger.balance test_id="ledger-balance" />
            <AmountCard
                title=|t| t.credit_limit
                amount=ledger.credit_limit
                test_id="ledger-credit-limit"
            />
            <AmountCard
                title=|t| t.available_credit
                amount=ledger.available_credit
                test_id="ledger-available-credit"
                danger=ledger.available_credit.amount().is_sign_negative()
            />
            <AmountCard
                title=|t| t.overdue
                amount=ledger.overdue
                test_id="ledger-overdue"
                danger=overdue
            />
            <div class="card balance-card" data-testid="ledger-terms">
                <h2>{tr(|t| t.documents.payment_terms)}</h2>
                <p class="balance-value">
                    {move || (i18n.t().documents.payment_terms_words)(&terms)}
                </p>
            </div>
        </div>
    }
}
