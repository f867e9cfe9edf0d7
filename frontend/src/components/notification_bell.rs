//! The notifications link in the top bar with the unread count.
//!
//! The count is read at start, every minute, after every order change (a new order to
//! approve, a decision on one's own order) and when this tab reads notifications. The
//! bell also owns the app's live order feed (see `components::orders::feed`).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::notifications::unread_count;
use crate::components::orders::feed::{OrderNews, feed_live, listen, start_feed};
use crate::i18n::use_i18n;

const REFRESH_EVERY: Duration = Duration::from_secs(60);

#[component]
pub fn NotificationBell() -> impl IntoView {
    let i18n = use_i18n();
    let unread = RwSignal::new(0_u32);
    // A newer request's answer always wins over an older one's.
    let generation = StoredValue::new(0_u64);
    let refresh = move || {
        let Some(current) = generation.try_update_value(|value| {
            *value += 1;
            *value
        }) else {
            return;
        };
        spawn_local(async move {
            if let Ok(count) = unread_count().await
                && generation.try_get_value() == Some(current)
            {
                unread.try_set(count);
            }
        });
    };

    refresh();
    start_feed();
    listen(move |news| match news {
        OrderNews::Updated(_) | OrderNews::Resync | OrderNews::NotificationsRead => refresh(),
    });
    if let Ok(interval) = set_interval_with_handle(refresh, REFRESH_EVERY) {
        on_cleanup(move || interval.clear());
    }

    let live = feed_live();
    let label = move || (i18n.t().orders.bell_label)(unread.get());
    view! {
        <A
            href="/notifications"
            attr:class="header-icon-link notification-bell"
            attr:aria-label=label
            attr:data-testid="notification-bell"
            attr:data-unread=move || unread.get()
            attr:data-live=move || if live.get() { "on" } else { "off" }
        >
            <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
            </svg>
            <span class="bell-text">{move || i18n.t().app.notifications}</span>
            {move || {
                let count = unread.get();
                (count > 0)
                    .then(|| {
                        view! {
                            <span class="bell-count" aria-hidden="true" data-testid="unread-count">
                                {if count > 99 { "99+".to_owned() } else { count.to_string() }}
                            </span>
                        }
                    })
            }}
        </A>
    }
}
