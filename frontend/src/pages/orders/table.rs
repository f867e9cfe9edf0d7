//! The orders table: one row per order, the whole row a link to the order. On a phone
//! the shared `.data-table` rules turn each row into a card.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::orders::Order;
use crate::components::catalog::price::MoneyText;
use crate::components::orders::format;
use crate::components::orders::status::StatusBadge;
use crate::i18n::use_i18n;

#[component]
pub fn OrdersTable(orders: RwSignal<Vec<Order>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().orders;
        view! {
            <tr>
                <th scope="col">{t.col_number}</th>
                <th scope="col">{t.col_date}</th>
                <th scope="col">{t.col_status}</th>
                <th scope="col">{t.col_total}</th>
                <th scope="col">{t.col_placed_by}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table orders-table" data-testid="orders-table">
                <thead>{header}</thead>
                <tbody>
                    <For
                        each=move || orders.get()
                        key=|order| (order.id.clone(), order.status, order.approvals)
                        let(order)
                    >
                        <OrderRow order />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn OrderRow(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        move |field: fn(&crate::i18n::OrdersTexts) -> &'static str| move || field(&i18n.t().orders);
    let href = format!("/orders/{}", order.id);
    let buyer = order.buyer_name();
    let number = order.number.clone();
    let order_id = order.id.clone();
    view! {
        <tr
            class="order-row"
            data-testid="order-row"
            data-order-id=order_id
            data-number=order.number.clone()
        >
            <td data-label=label(|t| t.col_number) class="cell-strong">
                <A href=href attr:class="row-link">
                    <bdi dir="ltr">{number}</bdi>
                </A>
            </td>
            <td data-label=label(|t| t.col_date) class="cell-number">
                <time datetime=order.created_at.clone()>{format::date(&order.created_at)}</time>
            </td>
            <td data-label=label(|t| t.col_status)>
                <StatusBadge status=order.status />
            </td>
            <td data-label=label(|t| t.col_total) class="cell-number">
                <MoneyText amount=order.total />
            </td>
            <td data-label=label(|t| t.col_placed_by)>{buyer}</td>
        </tr>
    }
}
