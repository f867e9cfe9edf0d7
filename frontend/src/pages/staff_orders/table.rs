//! A table of queue orders: a check box to select each, the number (a link to the
//! order) with the customer's open request, company, channel, status, date, total and
//! the pick list. On a phone each row becomes a card (`staff_orders.css`).

use leptos::prelude::*;
use leptos_router::components::A;

use super::queue::Queue;
use crate::api::orders::Order;
use crate::components::catalog::price::MoneyText;
use crate::components::orders::format;
use crate::components::orders::requests::RequestTag;
use crate::components::orders::status::StatusBadge;
use crate::i18n::{OrdersTexts, StaffOrdersTexts, use_i18n};

/// What makes a row draw again: a live change of its status or its request.
fn row_key(order: &Order) -> (String, shared::OrderStatus, Option<String>) {
    (
        order.id.clone(),
        order.status,
        order
            .open_request()
            .map(|request| request.requested_at.clone()),
    )
}

#[component]
pub fn QueueTable(queue: Queue, orders: RwSignal<Vec<Order>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = i18n.t();
        view! {
            <tr>
                <th scope="col"><span class="visually-hidden">{t.staff_orders.col_select}</span></th>
                <th scope="col">{t.orders.col_number}</th>
                <th scope="col">{t.staff_orders.col_company}</th>
                <th scope="col">{t.staff_orders.col_channel}</th>
                <th scope="col">{t.orders.col_status}</th>
                <th scope="col">{t.orders.col_date}</th>
                <th scope="col">{t.orders.col_total}</th>
                <th scope="col">{t.staff_orders.col_pick_list}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table queue-table" data-testid="queue-table">
                <thead>{header}</thead>
                <tbody>
                    <For each=move || orders.get() key=row_key let(order)>
                        <QueueRow queue order />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn QueueRow(queue: Queue, order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let orders_label =
        move |field: fn(&OrdersTexts) -> &'static str| move || field(&i18n.t().orders);
    let queue_label =
        move |field: fn(&StaffOrdersTexts) -> &'static str| move || field(&i18n.t().staff_orders);
    let Order {
        id,
        number,
        status,
        channel,
        total,
        created_at,
        company,
        ..
    } = order.clone();
    let request = order.open_request().cloned();
    let has_request = request.is_some();
    let company = company.map(|company| company.name);
    let order_href = format!("/orders/{id}");
    let pick_list_href = format!("/staff/orders/{id}/pick-list");
    let checkbox_label = {
        let number = number.clone();
        move || (i18n.t().staff_orders.select_order)(&number)
    };
    let selected = {
        let id = id.clone();
        Signal::derive(move || queue.is_selected(&id))
    };
    let toggle = {
        let id = id.clone();
        move |event| queue.set_selected(&id, event_target_checked(&event))
    };
    let test_number = number.clone();
    let hidden_number = number.clone();
    view! {
        <tr
            class="queue-row"
            class:selected=selected
            class:has-request=has_request
            data-testid="queue-row"
            data-order-id=id
            data-number=test_number
        >
            <td class="cell-select">
                <input
                    type="checkbox"
                    data-testid="select-order"
                    aria-label=checkbox_label
                    prop:checked=selected
                    on:change=toggle
                />
            </td>
            <td data-label=orders_label(|t| t.col_number) class="cell-order">
                <A href=order_href attr:class="order-link">
                    <bdi dir="ltr">{number}</bdi>
                </A>
                {request.map(|request| view! { <RequestTag request /> })}
            </td>
            <td data-label=queue_label(|t| t.col_company) class="cell-company">{company}</td>
            <td data-label=queue_label(|t| t.col_channel) class="cell-channel">
                {move || (i18n.t().orders.channel_name)(&channel)}
            </td>
            <td data-label=orders_label(|t| t.col_status) class="cell-status">
                <StatusBadge status />
            </td>
            <td data-label=orders_label(|t| t.col_date) class="cell-number cell-date">
                <time datetime=created_at.clone()>{format::date(&created_at)}</time>
            </td>
            <td data-label=orders_label(|t| t.col_total) class="cell-number cell-total">
                <MoneyText amount=total />
            </td>
            <td class="cell-pick">
                <A
                    href=pick_list_href
                    attr:class="button small ghost"
                    attr:data-testid="pick-list-link"
                >
                    {queue_label(|t| t.pick_list_link)}
                    <span class="visually-hidden">" " {hidden_number}</span>
                </A>
            </td>
        </tr>
    }
}
