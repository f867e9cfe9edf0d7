//! The supplier's order queue (staff): every order that left the customer's approval,
//! from every channel, newest first, with the orders whose customer asked for something
//! (cancel, change, return) on top. The filters live in the address, rows follow the
//! live order feed, and several orders move in one step.

mod address;
mod bulk;
mod filters;
mod queue;
mod table;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::orders::OrderFilter;
use crate::components::export_csv::ExportCsv;
use crate::components::orders::feed::{OrderNews, listen};
use crate::components::orders::list::{ListFailed, ListPhase, OrdersList, OrdersLoadMore};
use crate::components::orders::requests::open_request_count;
use crate::components::skeleton::TableSkeleton;
use crate::components::staff::StaffOnly;
use crate::i18n::{Texts, tr, use_i18n};
pub use address::QUEUE_PATH;
pub use address::REQUESTS_ADDRESS;
use address::{address, filter_in};
use bulk::BulkBar;
use filters::FilterBar;
use queue::Queue;
use table::QueueTable;

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <QueuePage />
        </StaffOnly>
    }
}

#[component]
fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let queue = Queue::new(filter_in(&query.get_untracked()));

    // The address is the filter's one source: the controls write it, the back button
    // and links change it, and the queue follows.
    Effect::new(move |previous: Option<OrderFilter>| {
        let wanted = filter_in(&query.get());
        if previous.is_some_and(|previous| previous != wanted) {
            queue.show(wanted.clone());
        }
        wanted
    });
    listen(move |news| match news {
        OrderNews::Updated(order) => queue.apply(order),
        OrderNews::Resync => queue.reload(),
        OrderNews::NotificationsRead => {}
    });

    let announcement = move |list: OrdersList| {
        move || {
            list.last_change
                .get()
                .map(|(number, status)| (i18n.t().orders.status_changed_of)(&number, status))
        }
    };

    // The export follows the filter's dates.
    let export_range = Signal::derive(move || {
        queue.filter.with(|filter| {
            (
                filter.from.clone().unwrap_or_default(),
                filter.to.clone().unwrap_or_default(),
            )
        })
    });

    view! {
        <section class="page queue-page" data-testid="queue-page">
            <header class="page-header queue-header">
                <div>
                    <h1>{tr(|t| t.staff_orders.title)}</h1>
                    <p class="lead">{tr(|t| t.staff_orders.intro)}</p>
                </div>
                <div class="button-row">
                    <ExportCsv kind="ORDERS" range=export_range />
                    // Phone, e-mail and WhatsApp orders enter the same queue from here.
                    <A href="/staff/orders/new" attr:class="button primary" attr:data-testid="enter-order">
                        {tr(|t| t.staff_entry.title)}
                    </A>
                </div>
            </header>
            <RequestsAlert queue />
            <FilterBar filter=queue.filter />
            <BulkBar queue />
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="queue-announcement">
                <span>{announcement(queue.requests)}</span>
                " "
                <span>{announcement(queue.others)}</span>
            </div>
            <QueueSections queue />
        </section>
    }
}

/// "3 requests wait for an answer" with the way to them, counted live; while only the
/// requests show, the way back to every order.
#[component]
fn RequestsAlert(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let count = open_request_count();
    let requests_only = Memo::new(move |_| queue.requests_only());
    let every_order = move || {
        queue.filter.with(|filter| {
            address(&OrderFilter {
                has_open_request: None,
                ..filter.clone()
            })
        })
    };
    let content = move || {
        if requests_only.get() {
            return Some(
                view! {
                    <div class="notice requests-alert" data-testid="requests-only">
                        <span>{tr(|t| t.staff_orders.requests_only)}</span>
                        <A href=every_order attr:class="button small">
                            {tr(|t| t.staff_orders.show_all_orders)}
                        </A>
                    </div>
                }
                .into_any(),
            );
        }
        let waiting = count.get().filter(|count| *count > 0)?;
        Some(
            view! {
                <div class="notice warning requests-alert" data-testid="requests-alert" data-count=waiting>
                    <span class="requests-alert-text">
                        <span class="requests-alert-icon" aria-hidden="true">"!"</span>
                        {move || (i18n.t().staff_orders.requests_waiting)(waiting)}
                    </span>
                    <A href=REQUESTS_ADDRESS attr:class="button small" attr:data-testid="show-requests">
                        {tr(|t| t.staff_orders.show_requests)}
                    </A>
                </div>
            }
            .into_any(),
        )
    };
    // The region stays in the page so that a changed count is read out.
    view! { <div role="status" aria-live="polite">{content}</div> }
}

/// The requests on top, then the other orders; only the first while the address asks
/// for requests alone.
#[component]
fn QueueSections(queue: Queue) -> impl IntoView {
    let requests_only = Memo::new(move |_| queue.requests_only());
    move || {
        let requests = view! {
            <QueueSection
                queue
                list=queue.requests
                heading=|t| t.staff_orders.requests_heading
                test_id="queue-requests"
                hide_when_empty=!requests_only.get()
            />
        };
        let others = (!requests_only.get()).then(|| {
            view! {
                <QueueSection
                    queue
                    list=queue.others
                    heading=|t| t.staff_orders.orders_heading
                    test_id="queue-orders"
                />
            }
        });
        view! { {requests} {others} }
    }
}

#[component]
fn QueueSection(
    queue: Queue,
    list: OrdersList,
    heading: fn(&Texts) -> &'static str,
    test_id: &'static str,
    /// The requests above the other orders: nothing at all while there are none.
    #[prop(optional)]
    hide_when_empty: bool,
) -> impl IntoView {
    let phase = list.phase();
    let heading_id = format!("{test_id}-heading");
    move || {
        let phase = phase.get();
        if hide_when_empty && matches!(phase, ListPhase::Loading | ListPhase::Empty) {
            return None;
        }
        let content = match phase {
            ListPhase::Loading => view! {
                <div class="card table-card"><TableSkeleton rows=6 columns=7 /></div>
            }
            .into_any(),
            ListPhase::Failed(error) => view! { <ListFailed list error /> }.into_any(),
            ListPhase::Empty => view! { <QueueEmpty queue /> }.into_any(),
            ListPhase::Shown => view! {
                <div class="card table-card">
                    <QueueTable queue orders=list.orders />
                </div>
                <OrdersLoadMore list />
            }
            .into_any(),
        };
        Some(view! {
            <section class="queue-section" aria-labelledby=heading_id.clone() data-testid=test_id>
                <h2 id=heading_id.clone()>{tr(heading)}</h2>
                {content}
            </section>
        })
    }
}

#[component]
fn QueueEmpty(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let filtered = queue
        .filter
        .with_untracked(|filter| *filter != OrderFilter::default());
    view! {
        <div class="card empty-card" data-testid="queue-empty">
            <p class="empty-state">
                {move || {
                    let t = &i18n.t().staff_orders;
                    if filtered { t.empty_filtered } else { t.empty }
                }}
            </p>
            {filtered.then(|| view! {
                <A href=QUEUE_PATH attr:class="button">{tr(|t| t.staff_orders.clear_filters)}</A>
            })}
        </div>
    }
}
