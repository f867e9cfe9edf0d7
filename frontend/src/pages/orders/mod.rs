//! "My orders" (for staff: the orders that left the customer's approval), with a status
//! filter kept in the address (`/orders?status=SUBMITTED`), "Load more", and live
//! changes from the order feed.

mod table;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::{OrderStatus, Role};

use crate::api::orders::OrderFilter;
use crate::components::orders::feed::{OrderNews, listen};
use crate::components::orders::list::{ListFailed, ListPhase, OrdersList, OrdersLoadMore};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use table::OrdersTable;

fn status_in_address(query: &leptos_router::params::ParamsMap) -> Option<OrderStatus> {
    query
        .get("status")
        .and_then(|status| OrderStatus::parse(&status))
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let list = OrdersList::new(OrderFilter::of_status(status_in_address(
        &query.get_untracked(),
    )));

    // The address is the filter's one source: the select writes it, the back button
    // and links change it, and the list follows.
    Effect::new(move |previous: Option<Option<OrderStatus>>| {
        let wanted = status_in_address(&query.get());
        if previous != Some(wanted) {
            list.filter.set(OrderFilter::of_status(wanted));
            list.reload();
        }
        wanted
    });
    listen(move |news| match news {
        OrderNews::Updated(order) => list.apply(order.as_ref().clone()),
        OrderNews::Resync => list.reload(),
        OrderNews::NotificationsRead => {}
    });

    let choose = move |value: String| {
        let address = match OrderStatus::parse(&value) {
            Some(status) => format!("/orders?status={}", status.as_str()),
            None => "/orders".to_owned(),
        };
        navigate(
            &address,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };

    let intro = move || {
        let t = &i18n.t().orders;
        if session.role() == Some(Role::SupplierStaff) {
            t.intro_staff
        } else {
            t.intro_customer
        }
    };
    let options = move || {
        let t = &i18n.t().orders;
        OrderStatus::ALL
            .into_iter()
            .map(|status| view! { <option value=status.as_str()>{(t.status)(status)}</option> })
            .collect_view()
    };
    let announcement = move || {
        list.last_change
            .get()
            .map(|(number, status)| (i18n.t().orders.status_changed_of)(&number, status))
    };

    view! {
        <section class="page orders-page" data-testid="orders-page">
            <header class="page-header">
                <h1>{tr(|t| t.orders.title)}</h1>
                <p class="lead">{intro}</p>
            </header>
            <div class="orders-toolbar">
                <div class="field">
                    <label for="orders-status">{tr(|t| t.orders.filter_label)}</label>
                    <select
                        id="orders-status"
                        class="select"
                        data-testid="status-filter"
                        prop:value=move || {
                            list.filter.with(|filter| filter.status.map_or("", OrderStatus::as_str))
                        }
                        on:change=move |event| choose(event_target_value(&event))
                    >
                        <option value="">{tr(|t| t.orders.filter_all)}</option>
                        {options}
                    </select>
                </div>
            </div>
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="orders-announcement">
                {announcement}
            </div>
            <OrdersResults list />
        </section>
    }
}

#[component]
fn OrdersResults(list: OrdersList) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let phase = list.phase();
    move || match phase.get() {
        ListPhase::Loading => view! {
            <div class="card table-card"><TableSkeleton rows=6 columns=5 /></div>
        }
        .into_any(),
        ListPhase::Failed(error) => view! { <ListFailed list error /> }.into_any(),
        ListPhase::Empty => {
            let filtered = list.filter.with_untracked(|filter| filter.status);
            let text = move || {
                let t = &i18n.t().orders;
                match filtered {
                    Some(status) => (t.empty_filtered)(status),
                    None if session.role() == Some(Role::SupplierStaff) => t.empty_staff.to_owned(),
                    None => t.empty_customer.to_owned(),
                }
            };
            let next_step = match filtered {
                Some(_) => Some(
                    view! { <A href="/orders" attr:class="button">{tr(|t| t.orders.show_all)}</A> }
                        .into_any(),
                ),
                None => session.can_order().then(|| {
                    view! {
                        <A href="/catalog" attr:class="button primary">
                            {tr(|t| t.orders.go_to_catalog)}
                        </A>
                    }
                    .into_any()
                }),
            };
            view! {
                <div class="card empty-card" data-testid="orders-empty">
                    <p class="empty-state">{text}</p>
                    {next_step}
                </div>
            }
            .into_any()
        }
        ListPhase::Shown => view! {
            <div class="card table-card">
                <OrdersTable orders=list.orders />
            </div>
            <OrdersLoadMore list />
        }
        .into_any(),
    }
}
