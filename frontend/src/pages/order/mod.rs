//! One order: header, approvals, lines, totals, shipment, status timeline, live
//! updates, "Order again", the workflow steps (staff move the order, customers ask
//! to cancel, change or return), the requests and the order's documents.

mod documents;
pub mod lines;
mod reorder;
mod requests;
mod return_sheet;
mod step_form;
mod step_sheets;
mod steps;
pub mod summary;
mod timeline;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::OrderStatus;

use crate::api::orders::{Order, order};
use crate::api::{ApiError, ErrorCode};
use crate::components::orders::feed::{OrderNews, listen};
use crate::components::orders::totals::OrderTotals;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use documents::OrderDocuments;
use lines::OrderLines;
use reorder::ReorderButton;
use requests::{OpenRequestAnswer, RequestHistory};
use step_sheets::StepSheets;
use steps::{StepButtons, StepRunner};
use summary::OrderSummary;
use timeline::Timeline;

/// The page's frame, where focus lands after a workflow step: the order inside it is
/// drawn again on every change (a live push follows each step), the frame stays.
pub const PAGE_ID: &str = "order-page";

/// An order page's content: loading, not there (or not visible), failed, or shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    Loading,
    Missing,
    Failed(ApiError),
    Ready(Box<Order>),
}

/// The order of the address's `:id`, kept current from the live feed.
#[derive(Clone, Copy)]
pub struct LiveOrder {
    pub loaded: RwSignal<Loaded>,
    /// The status the last live change brought, for the polite announcement.
    pub changed: RwSignal<Option<OrderStatus>>,
    id: Memo<String>,
    generation: StoredValue<u64>,
}

impl LiveOrder {
    pub fn follow() -> LiveOrder {
        let params = use_params_map();
        let live = LiveOrder {
            loaded: RwSignal::new(Loaded::Loading),
            changed: RwSignal::new(None),
            id: Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default())),
            generation: StoredValue::new(0),
        };
        Effect::new(move |_| {
            live.id.track();
            live.load(false);
        });
        listen(move |news| match news {
            OrderNews::Updated(update) if update.id == live.id.get_untracked() => {
                live.take(update.as_ref().clone());
            }
            OrderNews::Resync => live.load(true),
            OrderNews::Updated(_) | OrderNews::NotificationsRead => {}
        });
        live
    }

    pub fn id(self) -> String {
        self.id.get_untracked()
    }

    /// Reads the order again; `quiet` keeps the current one on screen meanwhile.
    pub fn load(self, quiet: bool) {
        let Some(current) = self.generation.try_update_value(|value| {
            *value += 1;
            *value
        }) else {
            return;
        };
        if !quiet {
            self.loaded.set(Loaded::Loading);
        }
        let id = self.id();
        spawn_local(async move {
            let result = order(&id).await;
            if self.generation.try_get_value() != Some(current) {
                return;
            }
            self.loaded.try_set(match result {
                Ok(Some(order)) => Loaded::Ready(Box::new(order)),
                Ok(None)
                | Err(ApiError::Api {
                    code: ErrorCode::NotFound,
                    ..
                }) => Loaded::Missing,
                Err(error) => Loaded::Failed(error),
            });
        });
    }

    /// Shows a newer state of the order (a live change, a decision's answer).
    pub fn take(self, update: Order) {
        let before = self.loaded.with_untracked(|loaded| match loaded {
            Loaded::Ready(order) => Some(order.status),
            _ => None,
        });
        if before.is_some_and(|status| status != update.status) {
            self.changed.set(Some(update.status));
        }
        // Newer than the answer of any request still on its way.
        self.generation.update_value(|value| *value += 1);
        self.loaded.set(Loaded::Ready(Box::new(update)));
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = LiveOrder::follow();
    let runner = StepRunner::new(live);
    let announcement = move || {
        live.changed
            .get()
            .map(|status| (i18n.t().orders.status_changed)(status))
    };
    let content = move || match live.loaded.get() {
        Loaded::Loading => view! { <TableSkeleton rows=6 columns=4 /> }.into_any(),
        Loaded::Missing => view! { <OrderNotFound /> }.into_any(),
        Loaded::Failed(error) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Loaded::Ready(order) => view! { <OrderDetails order=*order runner /> }.into_any(),
    };
    view! {
        <section class="page order-page" id=PAGE_ID tabindex="-1" data-testid="order-page">
            <A href="/orders" attr:class="back-link">
                <span class="back-arrow" aria-hidden="true">"←"</span>
                {tr(|t| t.orders.back_to_orders)}
            </A>
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="status-announcement">
                {announcement}
            </div>
            {content}
            <StepSheets runner live />
        </section>
    }
}

/// The clear answer for an order that does not exist or is not the caller's to see;
/// `from_inbox` leads back to the approvals instead of the orders.
#[component]
pub fn OrderNotFound(#[prop(optional)] from_inbox: bool) -> impl IntoView {
    let back = if from_inbox {
        view! { <A href="/approvals" attr:class="button">{tr(|t| t.orders.back_to_inbox)}</A> }
    } else {
        view! { <A href="/orders" attr:class="button">{tr(|t| t.orders.back_to_orders)}</A> }
    };
    view! {
        <div class="card empty-card" data-testid="order-not-found">
            <h1>{tr(|t| t.orders.not_found_title)}</h1>
            <p class="muted">{tr(|t| t.orders.not_found_text)}</p>
            {back}
        </div>
    }
}

#[component]
fn OrderDetails(order: Order, runner: StepRunner) -> impl IntoView {
    let session = use_session();
    let id = order.id.clone();
    let reorder = session
        .can_order()
        .then(|| view! { <ReorderButton order_id=id /> });
    view! {
        <OrderSummary order=order.clone()>{reorder}</OrderSummary>
        <OpenRequestAnswer order=order.clone() runner />
        <StepButtons order=order.clone() runner />
        <OrderDocuments order=order.clone() />
        <section class="card order-section">
            <h2>{tr(|t| t.orders.lines_heading)}</h2>
            <OrderLines lines=order.lines.clone() />
            <OrderTotals order=order.clone() />
        </section>
        <section class="card order-section">
            <h2>{tr(|t| t.orders.timeline_heading)}</h2>
            <Timeline events=order.events.clone() reasons=order.approval_reasons.clone() />
        </section>
        <RequestHistory requests=order.requests.clone() />
    }
}
