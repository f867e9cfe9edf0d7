//! The state of the orders list: the status filter, the orders loaded so far (Relay
//! pages appended by "Load more"), and live changes folded in as they arrive.
//!
//! An answer to an older request is dropped, so a slow answer never overwrites the
//! list of a newer filter.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::OrderStatus;

use crate::api::ApiError;
use crate::api::orders::{Order, PAGE_SIZE, orders};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Ready,
    LoadingMore,
    Failed(ApiError),
    /// "Load more" failed; the orders already shown stay.
    MoreFailed(ApiError),
}

#[derive(Clone, Copy)]
pub struct OrdersList {
    pub filter: RwSignal<Option<OrderStatus>>,
    pub orders: RwSignal<Vec<Order>>,
    pub status: RwSignal<ListStatus>,
    pub has_next_page: RwSignal<bool>,
    /// The last live change of an order on screen, for the polite announcement.
    pub last_change: RwSignal<Option<(String, OrderStatus)>>,
    end_cursor: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

impl OrdersList {
    pub fn new(filter: Option<OrderStatus>) -> OrdersList {
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
            let result = orders(filter, PAGE_SIZE, None).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.orders.set(page.orders);
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
            let result = orders(filter, PAGE_SIZE, after.as_deref()).await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    self.orders.update(|list| {
                        // A live change may have brought one of these in already.
                        for order in page.orders {
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
        let matches = self
            .filter
            .get_untracked()
            .is_none_or(|status| status == order.status);
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
