//! An order's subtotal before VAT, the VAT and the total.

use leptos::prelude::*;

use crate::api::orders::Order;
use crate::components::catalog::price::MoneyText;
use crate::i18n::tr;

#[component]
pub fn OrderTotals(order: Order) -> impl IntoView {
    view! {
        <dl class="order-totals" data-testid="order-totals">
            <div>
                <dt>{tr(|t| t.orders.subtotal)}</dt>
                <dd data-testid="order-subtotal"><MoneyText amount=order.subtotal /></dd>
            </div>
            <div>
                <dt>{tr(|t| t.orders.vat)}</dt>
                <dd><MoneyText amount=order.vat /></dd>
            </div>
            <div class="order-total">
                <dt>{tr(|t| t.orders.total)}</dt>
                <dd data-testid="order-total"><MoneyText amount=order.total /></dd>
            </div>
        </dl>
    }
}
