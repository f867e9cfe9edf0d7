//! The state of the queue: the filter of the address, two lists (the orders with an
//! open customer request on top, the rest below; only the first when the address asks
//! for requests alone), and the orders selected for a bulk move.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::orders::{Order, OrderFilter};
use crate::components::orders::list::OrdersList;

#[derive(Clone, Copy)]
pub struct Queue {
    /// The filter of the address; `has_open_request` is `Some(true)` when only the
    /// requests are shown.
    pub filter: RwSignal<OrderFilter>,
    pub requests: OrdersList,
    pub others: OrdersList,
    /// Ids of the selected orders.
    pub selected: RwSignal<HashSet<String>>,
}

/// `filter` narrowed to orders with (or without) an open request.
fn with_requests(filter: &OrderFilter, open: bool) -> OrderFilter {
    OrderFilter {
        has_open_request: Some(open),
        ..filter.clone()
    }
}

impl Queue {
    pub fn new(filter: OrderFilter) -> Queue {
        let queue = Queue {
            requests: OrdersList::new(with_requests(&filter, true)),
            others: OrdersList::new(with_requests(&filter, false)),
            filter: RwSignal::new(filter),
            selected: RwSignal::new(HashSet::new()),
        };
        queue.reload();
        queue
    }

    /// Whether the address asks for the orders with requests alone.
    pub fn requests_only(self) -> bool {
        self.filter
            .with(|filter| filter.has_open_request == Some(true))
    }

    /// Shows another filter from its first page; the selection starts over.
    pub fn show(self, filter: OrderFilter) {
        self.requests.filter.set(with_requests(&filter, true));
        self.others.filter.set(with_requests(&filter, false));
        self.filter.set(filter);
        self.selected.set(HashSet::new());
        self.reload();
    }

    pub fn reload(self) {
        self.requests.reload();
        if !self.requests_only_untracked() {
            self.others.reload();
        }
    }

    /// Folds in a changed order: it moves between the lists when its request opened
    /// or was settled, and leaves the queue when it no longer fits the filter.
    pub fn apply(self, order: &Order) {
        self.requests.apply(order.clone());
        if !self.requests_only_untracked() {
            self.others.apply(order.clone());
        }
        if !self.is_shown_untracked(&order.id) {
            self.selected.update(|selected| {
                selected.remove(&order.id);
            });
        }
    }

    fn requests_only_untracked(self) -> bool {
        self.filter
            .with_untracked(|filter| filter.has_open_request == Some(true))
    }

    fn is_shown_untracked(self, id: &str) -> bool {
        let in_list = |list: OrdersList| {
            list.orders
                .with_untracked(|orders| orders.iter().any(|order| order.id == id))
        };
        in_list(self.requests) || (!self.requests_only_untracked() && in_list(self.others))
    }

    /// Every order on screen, requests first.
    pub fn shown(self) -> Vec<Order> {
        let mut orders = self.requests.orders.get();
        if !self.requests_only() {
            orders.extend(self.others.orders.get());
        }
        orders
    }

    /// The selected orders on screen, in screen order.
    pub fn selected_orders(self) -> Vec<Order> {
        let mut orders = self.shown();
        self.selected
            .with(|selected| orders.retain(|order| selected.contains(&order.id)));
        orders
    }

    pub fn is_selected(self, id: &str) -> bool {
        self.selected.with(|selected| selected.contains(id))
    }

    pub fn set_selected(self, id: &str, on: bool) {
        self.selected.update(|selected| {
            if on {
                selected.insert(id.to_owned());
            } else {
                selected.remove(id);
            }
        });
    }

    /// Selects every order on screen, or none.
    pub fn select_all_shown(self, on: bool) {
        let ids = if on {
            self.shown().into_iter().map(|order| order.id).collect()
        } else {
            HashSet::new()
        };
        self.selected.set(ids);
    }
}
