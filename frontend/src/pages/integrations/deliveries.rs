//! One endpoint's delivery log, newest first, with "Replay" per delivery.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::LoadFailed;
use crate::api::integrations::{replay_webhook_delivery, webhook_deliveries};
use crate::components::notice::Notice;
use crate::components::orders::format::date_time;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn DeliveryLog(webhook_id: String, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0_u32);
    let id = StoredValue::new(webhook_id);
    let log = LocalResource::new(move || {
        version.track();
        async move { webhook_deliveries(&id.get_value()).await }
    });
    let replaying = RwSignal::new(None::<String>);
    let replay = move |delivery: String| {
        replaying.set(Some(delivery.clone()));
        spawn_local(async move {
            let outcome = match replay_webhook_delivery(&delivery).await {
                Ok(_) => Notice::Done(|t| t.integrations.replayed.to_owned()),
                Err(error) => Notice::Failed(error),
            };
            replaying.try_set(None);
            notice.try_set(Some(outcome));
            version.try_update(|count| *count += 1);
        });
    };
    let content = move || {
        match log.get() {
        None => view! { <TableSkeleton rows=2 columns=6 /> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error /> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="empty-state" data-testid="deliveries-empty">{tr(|t| t.integrations.deliveries_empty)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => {
            let t = &i18n.t().integrations;
            let body = rows
                .into_iter()
                .map(|delivery| {
                    let busy = {
                        let id = delivery.id.clone();
                        Signal::derive(move || {
                            replaying.with(|replaying| replaying.as_deref() == Some(id.as_str()))
                        })
                    };
                    let delivery_id = delivery.id.clone();
                    view! {
                        <tr data-testid="delivery-row" data-status=delivery.status.clone()>
                            <td data-label=t.delivery_event dir="ltr"><code>{delivery.event.clone()}</code></td>
                            <td data-label=t.delivery_status>
                                <span class="badge" class:badge-off=delivery.status != "SUCCEEDED">
                                    {(t.delivery_state)(&delivery.status)}
                                </span>
                            </td>
                            <td data-label=t.status_code class="cell-number" dir="ltr">
                                {delivery.last_status_code.map_or_else(|| "—".to_owned(), |code| code.to_string())}
                            </td>
                            <td data-label=t.attempts class="cell-number">{delivery.attempts}</td>
                            <td data-label=t.last_error dir="ltr" class="delivery-error">
                                {delivery.last_error.clone().unwrap_or_else(|| "—".to_owned())}
                            </td>
                            <td data-label=t.time dir="ltr">{date_time(&delivery.created_at)}</td>
                            <td>
                                <button
                                    type="button"
                                    class="button small"
                                    data-testid="delivery-replay"
                                    aria-busy=move || if busy.get() { "true" } else { "false" }
                                    disabled=busy
                                    on:click=move |_| replay(delivery_id.clone())
                                >
                                    {t.replay}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="deliveries-table">
                        <thead>
                            <tr>
                                <th scope="col">{t.delivery_event}</th>
                                <th scope="col">{t.delivery_status}</th>
                                <th scope="col">{t.status_code}</th>
                                <th scope="col">{t.attempts}</th>
                                <th scope="col">{t.last_error}</th>
                                <th scope="col">{t.time}</th>
                                <th scope="col"><span class="visually-hidden">{t.replay}</span></th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    }
    };
    view! {
        <section class="delivery-log" aria-label=tr(|t| t.integrations.deliveries) data-testid="delivery-log">
            <h3>{tr(|t| t.integrations.deliveries)}</h3>
            {content}
        </section>
    }
}
