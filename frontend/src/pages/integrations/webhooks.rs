//! `/staff/webhooks`: every endpoint, a new one with its signing secret shown once,
//! changing its events or pausing it, deleting it after a confirmation, and its
//! delivery log.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::deliveries::DeliveryLog;
use super::{ChoiceLabel, Choices, IntegrationTabs, LoadFailed, SecretOnce};
use crate::api::integrations::{
    WEBHOOK_EVENTS, Webhook, create_webhook, delete_webhook, update_webhook, webhooks,
};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::skeleton::TableSkeleton;
use crate::components::staff::{Confirm, StaffOnly};
use crate::i18n::{tr, use_i18n};

const EVENT_LABEL: ChoiceLabel = |t, event| (t.integrations.event)(event);

#[component]
pub fn WebhooksPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <Webhooks />
        </StaffOnly>
    }
}

#[component]
fn Webhooks() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        version.track();
        webhooks()
    });
    let notice = RwSignal::new(None::<Notice>);
    let secret = RwSignal::new(None::<String>);
    let reload = Callback::new(move |()| version.update(|count| *count += 1));

    let content = move || {
        match list.get() {
        None => view! { <div class="card"><TableSkeleton rows=3 columns=3 /></div> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error /> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="card empty-state" data-testid="webhooks-empty">{tr(|t| t.integrations.webhooks_empty)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => view! {
            <ul class="webhook-list" data-testid="webhook-list">
                {rows
                    .into_iter()
                    .map(|webhook| view! { <WebhookCard webhook notice reload /> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <section class="page integrations-page" data-testid="webhooks-page">
            <header class="page-header">
                <h1>{tr(|t| t.integrations.webhooks_title)}</h1>
                <p class="lead">{tr(|t| t.integrations.webhooks_intro)}</p>
            </header>
            <IntegrationTabs />
            <NoticeBanner notice />
            {move || secret.get().map(|secret_text| view! {
                <SecretOnce
                    title=|t| t.integrations.signing_secret_title
                    secret=secret_text
                    on_done=Callback::new(move |()| secret.set(None))
                />
            })}
            <NewWebhookForm secret notice reload />
            <div aria-busy=move || if list.get().is_none() { "true" } else { "false" }>{content}</div>
        </section>
    }
}

#[component]
fn NewWebhookForm(
    secret: RwSignal<Option<String>>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let events = RwSignal::new(Vec::<&'static str>::new());
    let url_error = RwSignal::new(None::<&'static str>);
    let event_error = RwSignal::new(None::<&'static str>);
    let saving = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let t = &i18n.t().integrations;
        let typed = url.get_untracked();
        let chosen = events.get_untracked();
        url_error.set(typed.trim().is_empty().then_some(t.no_url));
        event_error.set(chosen.is_empty().then_some(t.no_event));
        if typed.trim().is_empty() || chosen.is_empty() {
            return;
        }
        let about = description.get_untracked();
        saving.set(true);
        notice.set(None);
        spawn_local(async move {
            let result = create_webhook(&typed, &chosen, &about).await;
            saving.try_set(false);
            match result {
                Ok(created) => {
                    url.try_set(String::new());
                    description.try_set(String::new());
                    events.try_set(Vec::new());
                    secret.try_set(Some(created.secret));
                    reload.run(());
                }
                Err(error) => {
                    notice.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    };

    view! {
        <form class="card form-card" on:submit=submit novalidate data-testid="webhook-form">
            <h2>{tr(|t| t.integrations.new_webhook)}</h2>
            <div class="field">
                <label for="webhook-url">{tr(|t| t.integrations.url)}</label>
                <input
                    id="webhook-url"
                    type="url"
                    dir="ltr"
                    inputmode="url"
                    autocomplete="off"
                    maxlength="500"
                    data-testid="webhook-url"
                    aria-invalid=move || if url_error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby="webhook-url-hint webhook-url-error"
                    prop:value=move || url.get()
                    on:input=move |event| {
                        url.set(event_target_value(&event));
                        url_error.set(None);
                    }
                />
                <p id="webhook-url-hint" class="hint">{tr(|t| t.integrations.url_hint)}</p>
                <p id="webhook-url-error" class="hint hint-error">{move || url_error.get()}</p>
            </div>
            <Choices
                legend=|t| t.integrations.events
                options=&WEBHOOK_EVENTS
                label=EVENT_LABEL
                chosen=events
                prefix="webhook-event"
                error=event_error
            />
            <div class="field">
                <label for="webhook-description">{tr(|t| t.integrations.description)}</label>
                <input
                    id="webhook-description"
                    type="text"
                    dir="auto"
                    maxlength="200"
                    data-testid="webhook-description"
                    bind:value=description
                />
            </div>
            <div class="actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="webhook-create"
                    aria-busy=move || if saving.get() { "true" } else { "false" }
                    disabled=move || saving.get()
                >
                    {move || {
                        let t = &i18n.t().integrations;
                        if saving.get() { t.creating } else { t.create_webhook }
                    }}
                </button>
            </div>
        </form>
    }
}

/// What a card shows below its summary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Editing,
    Deliveries,
    ConfirmDelete,
}

#[component]
fn WebhookCard(
    webhook: Webhook,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(Open::Nothing);
    let id = StoredValue::new(webhook.id.clone());
    let url = StoredValue::new(webhook.url.clone());
    let toggle = move |what: Open| {
        move |_| open.update(|open| *open = if *open == what { Open::Nothing } else { what })
    };
    let delete = Callback::new(move |()| {
        open.set(Open::Nothing);
        spawn_local(async move {
            let outcome = match delete_webhook(&id.get_value()).await {
                Ok(()) => Notice::Done(|t| t.integrations.deleted.to_owned()),
                Err(error) => Notice::Failed(error),
            };
            notice.try_set(Some(outcome));
            reload.run(());
        });
    });
    let events = webhook.events.clone();
    let summary = move || {
        let t = &i18n.t().integrations;
        events
            .iter()
            .map(|event| (t.event)(event))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let below = {
        let webhook = webhook.clone();
        move || {
            match open.get() {
            Open::Nothing => None,
            Open::Editing => Some(
                view! {
                    <EditWebhook
                        webhook=webhook.clone()
                        on_done=Callback::new(move |saved: bool| {
                            open.set(Open::Nothing);
                            if saved {
                                notice.set(Some(Notice::Done(|t| t.integrations.saved.to_owned())));
                                reload.run(());
                            }
                        })
                        notice
                    />
                }
                .into_any(),
            ),
            Open::Deliveries => Some(view! { <DeliveryLog webhook_id=id.get_value() notice /> }.into_any()),
            Open::ConfirmDelete => Some(
                view! {
                    <Confirm
                        question=Signal::derive(move || (i18n.t().integrations.confirm_delete)(&url.get_value()))
                        on_confirm=delete
                        on_cancel=Callback::new(move |()| open.set(Open::Nothing))
                        confirm_label=|t| t.integrations.delete
                        destructive=true
                    />
                }
                .into_any(),
            ),
        }
        }
    };
    view! {
        <li class="card webhook-card" class:inactive=!webhook.active data-testid="webhook-card">
            <div class="webhook-summary">
                <h2 class="webhook-url" dir="ltr">{webhook.url.clone()}</h2>
                <span class="badge" class:badge-off=!webhook.active data-testid="webhook-active">
                    {move || {
                        let t = &i18n.t().integrations;
                        if webhook.active { t.active } else { t.inactive }
                    }}
                </span>
            </div>
            {(!webhook.description.is_empty()).then(|| view! { <p>{webhook.description.clone()}</p> })}
            <p class="muted" data-testid="webhook-events">{summary}</p>
            <div class="button-row">
                <button
                    type="button"
                    class="button small"
                    aria-expanded=move || if open.get() == Open::Deliveries { "true" } else { "false" }
                    data-testid="webhook-deliveries"
                    on:click=toggle(Open::Deliveries)
                >
                    {move || {
                        let t = &i18n.t().integrations;
                        if open.get() == Open::Deliveries { t.hide_deliveries } else { t.show_deliveries }
                    }}
                </button>
                <button
                    type="button"
                    class="button small"
                    aria-expanded=move || if open.get() == Open::Editing { "true" } else { "false" }
                    data-testid="webhook-edit"
                    on:click=toggle(Open::Editing)
                >
                    {tr(|t| t.integrations.edit)}
                </button>
                <button
                    type="button"
                    class="button small danger"
                    data-testid="webhook-delete"
                    on:click=toggle(Open::ConfirmDelete)
                >
                    {tr(|t| t.integrations.delete)}
                </button>
            </div>
            {below}
        </li>
    }
}

/// The endpoint's events and whether it is active; `on_done(true)` after a save.
#[component]
fn EditWebhook(
    webhook: Webhook,
    on_done: Callback<bool>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let events = RwSignal::new(
        WEBHOOK_EVENTS
            .into_iter()
            .filter(|event| webhook.events.iter().any(|chosen| chosen == event))
            .collect::<Vec<_>>(),
    );
    let active = RwSignal::new(webhook.active);
    let event_error = RwSignal::new(None::<&'static str>);
    let saving = RwSignal::new(false);
    let id = webhook.id.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = events.get_untracked();
        if chosen.is_empty() {
            event_error.set(Some(i18n.t().integrations.no_event));
            return;
        }
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        let id = id.clone();
        spawn_local(async move {
            let result = update_webhook(&id, &chosen, active.get_untracked()).await;
            saving.try_set(false);
            match result {
                Ok(_) => on_done.run(true),
                Err(error) => {
                    notice.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    };
    view! {
        <form class="webhook-edit" on:submit=submit novalidate data-testid="webhook-edit-form">
            <Choices
                legend=|t| t.integrations.events
                options=&WEBHOOK_EVENTS
                label=EVENT_LABEL
                chosen=events
                prefix="webhook-edit-event"
                error=event_error
            />
            <label class="checkbox">
                <input type="checkbox" data-testid="webhook-edit-active" bind:checked=active />
                <span>{tr(|t| t.integrations.active)}</span>
            </label>
            <div class="button-row">
                <button type="submit" class="button primary" data-testid="webhook-save" disabled=move || saving.get()>
                    {move || {
                        let t = &i18n.t().integrations;
                        if saving.get() { t.saving } else { t.save }
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| on_done.run(false)>
                    {tr(|t| t.integrations.cancel)}
                </button>
            </div>
        </form>
    }
}
