//! Whether the server can be reached: the browser's own online/offline events and the
//! outcome of every API request, in one signal the offline banner shows.
//!
//! Like the session, the store is registered in a thread-local as well as provided as
//! context, because the API client reports to it after an `.await`.

use std::cell::Cell;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Connectivity {
    offline: RwSignal<bool>,
}

thread_local! {
    static REGISTERED: Cell<Option<Connectivity>> = const { Cell::new(None) };
}

impl Connectivity {
    /// Starts from `navigator.onLine`, follows the window's `online`/`offline` events,
    /// provides the store as context and registers it for the API client.
    pub fn provide() -> Connectivity {
        let store = Connectivity {
            offline: RwSignal::new(!window().navigator().on_line()),
        };
        REGISTERED.with(|registered| registered.set(Some(store)));
        provide_context(store);
        let offline = window_event_listener(leptos::ev::offline, move |_| store.offline.set(true));
        let online = window_event_listener(leptos::ev::online, move |_| store.offline.set(false));
        // The app lives as long as the page: the listeners are never removed.
        std::mem::forget((offline, online));
        store
    }

    pub fn is_offline(self) -> bool {
        self.offline.get()
    }

    fn set_offline(self, offline: bool) {
        if self.offline.get_untracked() != offline {
            self.offline.set(offline);
        }
    }
}

pub fn use_connectivity() -> Connectivity {
    expect_context::<Connectivity>()
}

/// The API client got an answer (of any kind): the server is reachable. An answer to a
/// request sent before the browser went offline proves nothing: the browser has the
/// last word.
pub fn report_answer() {
    if !window().navigator().on_line() {
        return;
    }
    if let Some(store) = REGISTERED.with(Cell::get) {
        store.set_offline(false);
    }
}

/// A request got no answer at all: treat the app as offline until one gets through.
pub fn report_no_answer() {
    if let Some(store) = REGISTERED.with(Cell::get) {
        store.set_offline(true);
    }
}

/// Asks the server whether it is reachable (`/healthz`) and records the answer.
pub async fn check() -> bool {
    let reachable = gloo_net::http::Request::get("/healthz")
        .send()
        .await
        .is_ok_and(|response| response.ok());
    if reachable {
        report_answer();
    } else {
        report_no_answer();
    }
    reachable
}
