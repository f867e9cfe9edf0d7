//! What became of a payment sent to the server: recorded (with the company's balance
//! before and after it), or refused in words.

use leptos::prelude::*;
use shared::Money;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::use_i18n;

/// A recorded payment, with the company's balance before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub company: String,
    pub reference: String,
    pub amount: Money,
    pub before: Option<Money>,
    pub after: Option<Money>,
}

#[component]
pub fn RecordedNotice(done: Recorded) -> impl IntoView {
    let i18n = use_i18n();
    let amount = |money: Option<Money>| money.map(Money::format_ils).unwrap_or_default();
    move || {
        let t = &i18n.t().payments;
        let headline = (t.recorded)(&done.reference, &done.amount.format_ils(), &done.company);
        let change = (t.balance_change)(&amount(done.before), &amount(done.after));
        view! {
            <div class="notice success" role="status" data-testid="payment-recorded">
                <p class="cell-strong">{headline}</p>
                <p dir="auto">{change}</p>
            </div>
        }
    }
}

/// The server refused the payment; a reference recorded before is the usual reason.
#[component]
pub fn RecordFailure(error: ApiError, reference: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = reference.get_untracked();
    let text = move || {
        let t = i18n.t();
        match error.code() {
            Some(ErrorCode::Conflict) => (t.payments.duplicate_reference)(typed.trim()),
            Some(ErrorCode::BadUserInput) => t.payments.refused.to_owned(),
            Some(ErrorCode::NotFound) => t.payments.no_such_company.to_owned(),
            _ => t.errors.message(&error).to_owned(),
        }
    };
    view! {
        <p id="payment-error" class="notice error" role="alert" data-testid="payment-error">{text}</p>
    }
}
