//! The approvals inbox: the company's orders waiting for approval, those the approver
//! can decide now first, each linking to the mobile approval page. Live changes add,
//! update and remove entries.

mod entry;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::{Money, OrderStatus};

use crate::api::ApiError;
use crate::api::orders::{Order, OrderFilter, my_approval_limit, orders};
use crate::components::orders::feed::{OrderNews, listen};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use entry::InboxEntry;

/// Orders read per request, and the most requests: an inbox of 500 waiting orders is
/// already far beyond what one approver works through.
const PAGE: u32 = 100;
const MAX_PAGES: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Inbox {
    Loading,
    Failed(ApiError),
    Ready(Vec<Order>),
}

async fn pending_orders() -> Result<Vec<Order>, ApiError> {
    let pending = OrderFilter::of_status(Some(OrderStatus::PendingApproval));
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = orders(&pending, PAGE, after.as_deref()).await?;
        all.extend(page.items);
        if !page.has_next_page {
            break;
        }
        after = page.end_cursor;
    }
    Ok(all)
}

/// Those the caller can decide now first; otherwise the server's order (newest first).
fn sorted(mut list: Vec<Order>) -> Vec<Order> {
    list.sort_by_key(|order| (!order.can_decide, std::cmp::Reverse(order.sort_key())));
    list
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = RwSignal::new(Inbox::Loading);
    let limit = LocalResource::new(|| async { my_approval_limit().await.ok().flatten() });
    let load = move || {
        spawn_local(async move {
            let result = pending_orders().await;
            inbox.try_set(match result {
                Ok(list) => Inbox::Ready(sorted(list)),
                Err(error) => Inbox::Failed(error),
            });
        });
    };
    load();
    listen(move |news| match news {
        OrderNews::Updated(order) => inbox.update(|inbox| {
            if let Inbox::Ready(list) = inbox {
                list.retain(|shown| shown.id != order.id);
                if order.status == OrderStatus::PendingApproval {
                    list.push(order.as_ref().clone());
                }
                *list = sorted(std::mem::take(list));
            }
        }),
        OrderNews::Resync => load(),
        OrderNews::NotificationsRead => {}
    });

    let content = move || match inbox.get() {
        Inbox::Loading => view! { <TableSkeleton rows=4 columns=3 /> }.into_any(),
        Inbox::Failed(error) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| load()>
                    {tr(|t| t.orders.retry)}
                </button>
            </div>
        }
        .into_any(),
        Inbox::Ready(list) if list.is_empty() => view! {
            <div class="card empty-card" data-testid="approvals-empty">
                <p class="empty-state">{tr(|t| t.orders.inbox_empty)}</p>
                <A href="/orders" attr:class="button">{tr(|t| t.orders.inbox_empty_next)}</A>
            </div>
        }
        .into_any(),
        Inbox::Ready(list) => {
            let waiting = list.iter().filter(|order| order.can_decide).count();
            let limit: Option<Money> = limit.get().flatten();
            view! {
                <p class="inbox-count" aria-live="polite">
                    {move || (i18n.t().orders.inbox_count)(waiting)}
                </p>
                <ul class="inbox-list" data-testid="approvals-list">
                    {list
                        .into_iter()
                        .map(|order| view! { <InboxEntry order limit /> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    };

    view! {
        <section class="page approvals-page" data-testid="approvals-page">
            <header class="page-header">
                <h1>{tr(|t| t.orders.inbox_title)}</h1>
                <p class="lead">{tr(|t| t.orders.inbox_intro)}</p>
            </header>
            {content}
        </section>
    }
}
