//! The approval preview: whether the order goes straight to the supplier or waits for
//! one or two approvals and why, the totals, and the cost centre's budget after it.

use leptos::prelude::*;
use shared::Money;
use shared::money::VAT_RATE_PERCENT;

use crate::api::ApiError;
use crate::api::cart::{ApprovalReason, OrderQuote};
use crate::components::catalog::price::MoneyText;
use crate::i18n::{CartTexts, tr, use_i18n};

/// A reason in the reader's language, from its kind and amounts.
pub fn reason_text(t: &CartTexts, reason: &ApprovalReason) -> String {
    let amount = |money: Option<Money>| money.map(Money::format_ils).unwrap_or_default();
    match reason.kind.as_str() {
        "ABOVE_AUTO_APPROVAL" => (t.reason_above_auto)(&amount(reason.limit)),
        "ABOVE_DUAL_APPROVAL" => (t.reason_above_dual)(&amount(reason.limit)),
        "ABOVE_BUYER_LIMIT" => (t.reason_buyer_limit)(&amount(reason.limit)),
        "OVER_BUDGET" => (t.reason_over_budget)(
            reason.cost_center.as_deref().unwrap_or_default(),
            &amount(reason.over_by),
        ),
        _ => reason.message.clone(),
    }
}

#[component]
pub fn ApprovalPreview(quote: Signal<Option<Result<OrderQuote, ApiError>>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        match quote.get() {
            None => view! {
                <p class="muted" aria-busy="true" data-testid="approval-preview">{t.cart.quoting}</p>
            }
            .into_any(),
            Some(Err(error)) => view! {
                <p class="notice error" role="alert" data-testid="approval-preview">
                    {t.errors.message(&error)}
                </p>
            }
            .into_any(),
            Some(Ok(quote)) => {
                let straight = quote.approvals_required == 0;
                let headline = if straight {
                    t.cart.straight_to_supplier.to_owned()
                } else {
                    (t.cart.needs_approvals)(quote.approvals_required)
                };
                let reasons: Vec<String> = quote
                    .approval_reasons
                    .iter()
                    .map(|reason| reason_text(&t.cart, reason))
                    .collect();
                view! {
                    <div
                        class="approval-preview"
                        class:needs-approval=!straight
                        data-testid="approval-preview"
                        data-approvals=quote.approvals_required
                    >
                        <p class="approval-headline" data-testid="approval-headline">{headline}</p>
                        {(!reasons.is_empty()).then(|| view! {
                            <ul class="approval-reasons" data-testid="approval-reasons">
                                {reasons.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                            </ul>
                        })}
                        {quote.budget_left_after.map(|left| view! { <BudgetLeft left /> })}
                    </div>
                    <QuoteTotals quote />
                }
                .into_any()
            }
        }
    }
}

#[component]
fn BudgetLeft(left: Money) -> impl IntoView {
    let i18n = use_i18n();
    let over = left.amount().is_sign_negative() && !left.amount().is_zero();
    // Over budget reads "over by ₪ 1,200.00" rather than a negative amount.
    let shown = Money::new(left.amount().abs());
    view! {
        <p class="budget-left" class:over-budget=over data-testid="budget-left" data-over=over.to_string()>
            {move || {
                let t = &i18n.t().cart;
                if over { t.budget_over } else { t.budget_left }
            }}
            " "
            <MoneyText amount=shown />
        </p>
    }
}

#[component]
fn QuoteTotals(quote: OrderQuote) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="totals" data-testid="checkout-totals">
            <div>
                <dt>{tr(|t| t.cart.subtotal)}</dt>
                <dd data-testid="checkout-subtotal"><MoneyText amount=quote.subtotal /></dd>
            </div>
            <div>
                <dt>{move || (i18n.t().cart.vat)(VAT_RATE_PERCENT)}</dt>
                <dd><MoneyText amount=quote.vat /></dd>
            </div>
            <div class="grand-total">
                <dt>{tr(|t| t.cart.total)}</dt>
                <dd data-testid="checkout-total"><MoneyText amount=quote.total /></dd>
            </div>
        </dl>
    }
}
