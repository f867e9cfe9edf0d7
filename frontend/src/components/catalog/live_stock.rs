//! Live availability for the products on screen: a [`StockFeed`] that follows their
//! SKUs, the latest level of each, a status for the indicator, and the last change for
//! the polite screen-reader announcement.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::catalog::availability;
use crate::api::subscription::{FeedHandlers, FeedStatus, StockFeed, StockUpdate};
use crate::i18n::use_i18n;

#[derive(Clone, Copy)]
pub struct LiveStock {
    /// Levels heard since the products were read; they win over the list's values.
    levels: RwSignal<HashMap<String, i64>>,
    pub status: RwSignal<FeedStatus>,
    /// The last change, for the announcement.
    pub last_change: RwSignal<Option<StockUpdate>>,
}

impl LiveStock {
    /// Starts following `skus` for as long as the calling component lives.
    pub fn follow(skus: Signal<Vec<String>>) -> LiveStock {
        let live = LiveStock {
            levels: RwSignal::new(HashMap::new()),
            status: RwSignal::new(FeedStatus::Connecting),
            last_change: RwSignal::new(None),
        };
        let feed = StockFeed::start(FeedHandlers {
            on_update: Box::new(move |update: StockUpdate| live.apply(update, true)),
            on_status: Box::new(move |status| {
                live.status.try_set(status);
            }),
            on_resync: Box::new(move |skus| {
                spawn_local(async move {
                    if let Ok(levels) = availability(&skus).await {
                        for (sku, available) in levels {
                            live.apply(StockUpdate { sku, available }, false);
                        }
                    }
                });
            }),
        });
        let watcher = feed.clone();
        Effect::new(move |_| watcher.watch(skus.get()));
        on_cleanup(move || feed.stop());
        live
    }

    fn apply(self, update: StockUpdate, announce: bool) {
        let changed = self
            .levels
            .try_update(|levels| levels.insert(update.sku.clone(), update.available))
            .flatten()
            != Some(update.available);
        if announce && changed {
            self.last_change.try_set(Some(update));
        }
    }

    /// Takes a level this page learned itself (the answer to its own stock change).
    pub fn record(self, sku: String, available: i64) {
        self.apply(StockUpdate { sku, available }, false);
    }

    /// The live level of `sku`, or `listed` (what the list said) when none was heard.
    pub fn available(self, sku: &str, listed: i64) -> i64 {
        self.levels
            .with(|levels| levels.get(sku).copied())
            .unwrap_or(listed)
    }

    /// Forgets what was heard about `skus`: a fresh read of them is newer.
    pub fn forget(self, skus: &[String]) {
        self.levels.update(|levels| {
            for sku in skus {
                levels.remove(sku);
            }
        });
    }
}

/// The indicator of live updates and the polite announcement of the last change.
#[component]
pub fn LiveStockStatus(live: LiveStock) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let t = &i18n.t().catalog;
        match live.status.get() {
            FeedStatus::Live { .. } => t.live_on,
            FeedStatus::Connecting => t.live_connecting,
            FeedStatus::Reconnecting => t.live_reconnecting,
        }
    };
    let watching = move || match live.status.get() {
        FeedStatus::Live { watching } => watching,
        FeedStatus::Connecting | FeedStatus::Reconnecting => 0,
    };
    let state = move || match live.status.get() {
        FeedStatus::Live { .. } => "on",
        FeedStatus::Connecting => "connecting",
        FeedStatus::Reconnecting => "reconnecting",
    };
    let announcement = move || {
        live.last_change.get().map(|change| {
            let t = &i18n.t().catalog;
            let availability = super::availability::availability_text(t, change.available);
            (t.stock_announcement)(&change.sku, &availability)
        })
    };
    view! {
        <span class="live-status" data-testid="live-status" data-live=state data-watching=watching>
            <span class="live-dot" aria-hidden="true"></span>
            {label}
        </span>
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="stock-announcement">
            {announcement}
        </div>
    }
}
