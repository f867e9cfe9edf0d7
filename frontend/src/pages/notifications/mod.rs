//! The signed-in user's notifications, newest first, unread ones marked. Opening one
//! marks it read and goes to its page (an approval, an order); "Mark all read" clears
//! the bell.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::notifications::{Notification, mark_all_read, mark_read, notifications};
use crate::components::orders::feed::{OrderNews, listen, publish};
use crate::components::orders::format;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Inbox {
    Loading,
    Failed(ApiError),
    Ready,
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Inbox::Loading);
    let list = RwSignal::new(Vec::<Notification>::new());
    let next = RwSignal::new(None::<String>);
    let more_error = RwSignal::new(None::<ApiError>);

    let load_first = move || {
        spawn_local(async move {
            match notifications(None).await {
                Ok(page) => {
                    list.try_set(page.items);
                    next.try_set(page.has_next_page.then_some(page.end_cursor).flatten());
                    state.try_set(Inbox::Ready);
                }
                Err(error) => {
                    state.try_set(Inbox::Failed(error));
                }
            }
        });
    };
    let load_more = move |_| {
        let Some(after) = next.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match notifications(Some(&after)).await {
                Ok(page) => {
                    list.try_update(|list| list.extend(page.items));
                    next.try_set(page.has_next_page.then_some(page.end_cursor).flatten());
                    more_error.try_set(None);
                }
                Err(error) => {
                    more_error.try_set(Some(error));
                }
            }
        });
    };
    load_first();
    // A decision or a new order to approve brings a new notification.
    listen(move |news| {
        if matches!(news, OrderNews::Updated(_) | OrderNews::Resync) {
            load_first();
        }
    });

    let any_unread = move || list.with(|list| list.iter().any(Notification::is_unread));
    let mark_all = move |_| {
        spawn_local(async move {
            if mark_all_read().await.is_ok() {
                let now = js_sys::Date::new_0().to_iso_string().as_string();
                list.try_update(|list| {
                    for notification in list.iter_mut() {
                        if notification.read_at.is_none() {
                            notification.read_at = Some(now.clone().unwrap_or_default());
                        }
                    }
                });
                publish(OrderNews::NotificationsRead);
            }
        });
    };

    let content = move || match state.get() {
        Inbox::Loading => view! { <TableSkeleton rows=5 columns=2 /> }.into_any(),
        Inbox::Failed(error) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Inbox::Ready if list.with(Vec::is_empty) => view! {
            <p class="card empty-state" data-testid="notifications-empty">
                {tr(|t| t.orders.notifications_empty)}
            </p>
        }
        .into_any(),
        Inbox::Ready => view! {
            <ul class="notification-list" data-testid="notification-list">
                <For
                    each=move || list.get()
                    key=|notification| (notification.id.clone(), notification.read_at.is_some())
                    let(notification)
                >
                    <NotificationItem notification list />
                </For>
            </ul>
            <div class="load-more">
                {move || more_error.get().map(|error| view! {
                    <p class="notice error" role="alert">{i18n.t().errors.message(&error)}</p>
                })}
                <Show when=move || next.with(Option::is_some)>
                    <button type="button" class="button" on:click=load_more>
                        {tr(|t| t.orders.load_more)}
                    </button>
                </Show>
            </div>
        }
        .into_any(),
    };

    view! {
        <section class="page notifications-page" data-testid="notifications-page">
            <header class="page-header notifications-header">
                <h1>{tr(|t| t.orders.notifications_title)}</h1>
                <Show when=any_unread>
                    <button type="button" class="button" data-testid="mark-all-read" on:click=mark_all>
                        {tr(|t| t.orders.mark_all_read)}
                    </button>
                </Show>
            </header>
            {content}
        </section>
    }
}

/// One notification: a link to its page. Following it marks it read on the way; the
/// router moves on without waiting for the answer.
#[component]
fn NotificationItem(
    notification: Notification,
    list: RwSignal<Vec<Notification>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let unread = notification.is_unread();
    let id = StoredValue::new(notification.id.clone());
    let mark = move |_| {
        if !unread {
            return;
        }
        let id = id.get_value();
        spawn_local(async move {
            if mark_read(&id).await.is_ok() {
                let now = js_sys::Date::new_0().to_iso_string().as_string();
                list.try_update(|list| {
                    if let Some(item) = list.iter_mut().find(|item| item.id == id) {
                        item.read_at = now;
                    }
                });
                publish(OrderNews::NotificationsRead);
            }
        });
    };
    let state = move || {
        let t = &i18n.t().orders;
        if unread { t.unread } else { t.read }
    };
    view! {
        <li
            class="notification card"
            class:unread=unread
            data-testid="notification"
            data-kind=notification.kind.clone()
            data-order-id=notification.order_id.clone().unwrap_or_default()
        >
            <a href=notification.link.clone() class="notification-link" on:click=mark>
                <span class="notification-dot" aria-hidden="true"></span>
                <span class="notification-text">
                    <span class="notification-title">{notification.title.clone()}</span>
                    <span class="notification-body">{notification.body.clone()}</span>
                    <span class="notification-meta">
                        <span class="visually-hidden">{state} ", "</span>
                        <time datetime=notification.created_at.clone()>
                            {format::date_time(&notification.created_at)}
                        </time>
                    </span>
                </span>
            </a>
        </li>
    }
}
