//! The app's one live feed of order changes, and the news it spreads.
//!
//! The notification bell sits in the header of every signed-in page, so it owns the
//! one `orderUpdated` subscription ([`start_feed`]): one socket per tab, closed on sign
//! out. Pages and the bell [`listen`] for [`OrderNews`] while they live; a listener is
//! a plain callback rather than a signal, so two orders changing in the same moment
//! are both delivered.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::orders::Order;
use crate::api::subscription::{OrderFeed, OrderFeedHandlers};

#[derive(Clone, Debug)]
pub enum OrderNews {
    /// An order of the caller changed (placed, approved, rejected, shipped, ...).
    Updated(Box<Order>),
    /// The socket was down for a while: what is on screen may be stale.
    Resync,
    /// The user read notifications on this tab: the bell's count changed.
    NotificationsRead,
}

type Listener = Rc<dyn Fn(&OrderNews)>;

thread_local! {
    static LISTENERS: RefCell<Vec<(u64, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
    static LIVE: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Calls `callback` with every piece of news until the calling component goes away.
pub fn listen(callback: impl Fn(&OrderNews) + 'static) {
    let id = NEXT_LISTENER.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    LISTENERS.with(|listeners| listeners.borrow_mut().push((id, Rc::new(callback))));
    on_cleanup(move || {
        LISTENERS.with(|listeners| listeners.borrow_mut().retain(|(other, _)| *other != id));
    });
}

/// Tells every listener. A listener may itself listen or publish: the list is copied
/// before the calls.
pub fn publish(news: OrderNews) {
    let listeners: Vec<Listener> = LISTENERS.with(|listeners| {
        listeners
            .borrow()
            .iter()
            .map(|(_, listener)| Rc::clone(listener))
            .collect()
    });
    for listener in listeners {
        listener(&news);
    }
}

/// Whether the subscription runs now (for a `data-live` attribute and the tests).
pub fn feed_live() -> ArcRwSignal<bool> {
    LIVE.with(Clone::clone)
}

/// Opens the subscription for as long as the calling component lives.
pub fn start_feed() {
    let live = feed_live();
    let feed = OrderFeed::start(OrderFeedHandlers {
        on_update: Box::new(|order| publish(OrderNews::Updated(Box::new(order)))),
        on_live: Box::new(move |on| live.set(on)),
        on_resync: Box::new(|| publish(OrderNews::Resync)),
    });
    let live = feed_live();
    on_cleanup(move || {
        feed.stop();
        live.set(false);
    });
}
