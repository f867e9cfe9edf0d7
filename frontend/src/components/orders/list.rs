//! A list of orders (the customer's orders, a section of the supplier's queue): its
//! filter, the orders loaded so far (Relay pages appended by "Load more"), live changes
//! folded in as they arrive, and the "Load more" button.
//!
//! An answer to an older request is dropped, so a slow answer never overwrites the
//! list of a newer filter.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::OrderStatus;

use crate::api::ApiError;
use crate::api::orders::{Order, OrderFilter, PAGE_SIZE, orders};
pub use crate::components::paged::ListStatus;
use crate::components::paged::LoadMore;
use crate::i18n::use_i18n;

#[derive(Clone, Copy)]
pub struct OrdersList {
    pub filter: RwSignal<OrderFilter>,
    pub orders: RwSignal<Vec<Order>>,
    pub status: RwSignal<ListStatus>,
    pub has_next_page: RwSignal<bool>,
    /// The last live change of an order on screen, for the polite announcement.
    pub last_change: RwSignal<Option<(String, OrderStatus)>>,
    end_cursor: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

impl OrdersList {
    pub fn new(filter: OrderFilter) -> OrdersList {
        OrdersList {
            filter: RwSignal::new(filter),
            orders: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            has_next_page: RwSignal::new(false),
            last_change: RwSignal::new(None),
            end_cursor: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    fn next_generation(self) -> u64 {
        let next = self.generation.get_value() + 1;
        self.generation.set_value(next);
        next
    }

    fn is_current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Reads the first page of the current filter again.
    pub fn reload(self) {
        let filter = self.filter.get_untracked();
        let generation = self.next_generation();
        self.status.set(ListStatus::Loading);
        spawn_local(async move {
            let result = orders(&filter, PAGE_SIZE, None).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.orders.set(page.items);
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) => {
                    self.orders.set(Vec::new());
                    self.has_next_page.set(false);
                    self.status.set(ListStatus::Failed(error));
                }
            }
        });
    }

    pub fn load_more(self) {
        let ready = matches!(
            self.status.get_untracked(),
            ListStatus::Ready | ListStatus::MoreFailed(_)
        );
        if !ready || !self.has_next_page.get_untracked() {
            return;
        }
        let filter = self.filter.get_untracked();
        let after = self.end_cursor.get_untracked();
        let generation = self.next_generation();
        self.status.set(ListStatus::LoadingMore);
        spawn_local(async move {
            let result = orders(&filter, PAGE_SIZE, after.as_deref()).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.orders.update(|list| {
                        // A live change may have brought one of these in already.
                        for order in page.items {
                            if !list.iter().any(|shown| shown.id == order.id) {
                                list.push(order);
                            }
                        }
                    });
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) => self.status.set(ListStatus::MoreFailed(error)),
            }
        });
    }

    /// Folds in a live change: the row is updated, leaves a list whose filter it no
    /// longer matches, or joins one it now matches, in its place (newest first).
    pub fn apply(self, order: Order) {
        let matches = self.filter.with_untracked(|filter| filter.admits(&order));
        let more_to_load = self.has_next_page.get_untracked();
        let mut announced = None;
        self.orders.update(|list| {
            let position = list.iter().position(|shown| shown.id == order.id);
            match (position, matches) {
                (Some(index), true) => {
                    if list[index].status != order.status {
                        announced = Some((order.number.clone(), order.status));
                    }
                    list[index] = order;
                }
                (Some(index), false) => {
                    announced = Some((order.number.clone(), order.status));
                    list.remove(index);
                }
                (None, true) => {
                    let key = order.sort_key();
                    let place = list.iter().position(|shown| shown.sort_key() < key);
                    match place {
                        Some(index) => list.insert(index, order),
                        // Older than every order shown: "Load more" brings it in order.
                        None if more_to_load => {}
                        None => list.push(order),
                    }
                }
                (None, false) => {}
            }
        });
        if announced.is_some() {
            self.last_change.set(announced);
        }
    }
}

/// What the area of a list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListPhase {
    Loading,
    Failed(ApiError),
    Empty,
    Shown,
}

impl OrdersList {
    /// The phase as a memo, so a new page of orders or a live change updates the table
    /// in place instead of drawing the area again.
    pub fn phase(self) -> Memo<ListPhase> {
        Memo::new(move |_| match self.status.get() {
            ListStatus::Loading => ListPhase::Loading,
            ListStatus::Failed(error) => ListPhase::Failed(error),
            _ if self.orders.with(Vec::is_empty) => ListPhase::Empty,
            _ => ListPhase::Shown,
        })
    }
}

/// The list could not be read: why, and a button to try again.
#[component]
pub fn ListFailed(list: OrdersList, error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice error list-error" role="alert" data-testid="list-error">
            <span>{move || i18n.t().errors.message(&error)}</span>
            <button type="button" class="button small" on:click=move |_| list.reload()>
                {move || i18n.t().orders.retry}
            </button>
        </div>
    }
}

/// "Load more" of an orders list.
#[component]
pub fn OrdersLoadMore(list: OrdersList) -> impl IntoView {
    view! {
        <LoadMore
            status=list.status
            has_next_page=list.has_next_page
            on_load=Callback::new(move |()| list.load_more())
            texts=|t| (t.orders.load_more, t.orders.loading_more)
        />
    }
}
