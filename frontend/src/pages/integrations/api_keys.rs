//! `/staff/api-keys`: every key (revoked ones too), a new one with its secret shown
//! once, and revoking after a confirmation.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Choices, IntegrationTabs, LoadFailed, SecretOnce};
use crate::api::companies::{CompanySummary, companies};
use crate::api::integrations::{API_SCOPES, ApiKey, api_keys, create_api_key, revoke_api_key};
use crate::components::company_picker::CompanyPicker;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::orders::format::date_time;
use crate::components::skeleton::TableSkeleton;
use crate::components::staff::{Confirm, StaffOnly};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <ApiKeys />
        </StaffOnly>
    }
}

#[component]
fn ApiKeys() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let keys = LocalResource::new(move || {
        version.track();
        api_keys()
    });
    let names = LocalResource::new(companies);
    let notice = RwSignal::new(None::<Notice>);
    let secret = RwSignal::new(None::<String>);
    let reload = Callback::new(move |()| version.update(|count| *count += 1));

    let content = move || {
        match keys.get() {
        None => view! { <TableSkeleton rows=3 columns=7 /> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error /> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="empty-state" data-testid="api-keys-empty">{tr(|t| t.integrations.keys_empty)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => {
            let companies = names.get().and_then(Result::ok).unwrap_or_default();
            view! { <KeysTable rows companies notice reload /> }.into_any()
        }
    }
    };

    view! {
        <section class="page integrations-page" data-testid="api-keys-page">
            <header class="page-header">
                <h1>{tr(|t| t.integrations.api_keys_title)}</h1>
                <p class="lead">{tr(|t| t.integrations.api_keys_intro)}</p>
            </header>
            <IntegrationTabs />
            <NoticeBanner notice />
            {move || secret.get().map(|secret_text| view! {
                <SecretOnce
                    title=|t| t.integrations.secret_title
                    secret=secret_text
                    on_done=Callback::new(move |()| secret.set(None))
                />
            })}
            <NewKeyForm secret notice reload />
            <div class="card table-card" aria-busy=move || if keys.get().is_none() { "true" } else { "false" }>
                {content}
            </div>
        </section>
    }
}

#[component]
fn NewKeyForm(
    secret: RwSignal<Option<String>>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(Vec::<&'static str>::new());
    let company = RwSignal::new(None::<CompanySummary>);
    let name_error = RwSignal::new(None::<&'static str>);
    let scope_error = RwSignal::new(None::<&'static str>);
    let saving = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let t = &i18n.t().integrations;
        let typed = name.get_untracked();
        let chosen = scopes.get_untracked();
        name_error.set(typed.trim().is_empty().then_some(t.no_name));
        scope_error.set(chosen.is_empty().then_some(t.no_scope));
        if typed.trim().is_empty() || chosen.is_empty() {
            return;
        }
        let company_id = company.get_untracked().map(|company| company.id);
        saving.set(true);
        notice.set(None);
        spawn_local(async move {
            let result = create_api_key(&typed, &chosen, company_id.as_deref()).await;
            saving.try_set(false);
            match result {
                Ok(created) => {
                    name.try_set(String::new());
                    scopes.try_set(Vec::new());
                    company.try_set(None);
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
        <form class="card form-card" on:submit=submit novalidate data-testid="api-key-form">
            <h2>{tr(|t| t.integrations.new_key)}</h2>
            <div class="field">
                <label for="api-key-name">{tr(|t| t.integrations.key_name)}</label>
                <input
                    id="api-key-name"
                    type="text"
                    dir="auto"
                    maxlength="100"
                    autocomplete="off"
                    data-testid="api-key-name"
                    aria-invalid=move || if name_error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby="api-key-name-error"
                    prop:value=move || name.get()
                    on:input=move |event| {
                        name.set(event_target_value(&event));
                        name_error.set(None);
                    }
                />
                <p id="api-key-name-error" class="hint hint-error">{move || name_error.get()}</p>
            </div>
            <Choices
                legend=|t| t.integrations.scopes
                options=&API_SCOPES
                label=|t, scope| (t.integrations.scope)(scope)
                chosen=scopes
                prefix="api-key-scope"
                error=scope_error
            />
            <CompanyPicker selected=company id="api-key-company" error=Signal::derive(|| None) />
            <p class="hint">{tr(|t| t.integrations.supplier_key)}</p>
            <div class="actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="api-key-create"
                    aria-busy=move || if saving.get() { "true" } else { "false" }
                    disabled=move || saving.get()
                >
                    {move || {
                        let t = &i18n.t().integrations;
                        if saving.get() { t.creating } else { t.create_key }
                    }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn KeysTable(
    rows: Vec<ApiKey>,
    companies: Vec<CompanySummary>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(None::<ApiKey>);
    let revoke = Callback::new(move |()| {
        let Some(key) = confirming.get_untracked() else {
            return;
        };
        confirming.set(None);
        spawn_local(async move {
            let outcome = match revoke_api_key(&key.id).await {
                Ok(_) => Notice::Done(|t| t.integrations.key_revoked.to_owned()),
                Err(error) => Notice::Failed(error),
            };
            notice.try_set(Some(outcome));
            reload.run(());
        });
    });
    let company_name = move |id: &Option<String>| {
        id.as_ref().map(|id| {
            companies
                .iter()
                .find(|company| company.id == *id)
                .map_or_else(|| id.clone(), |company| company.name.clone())
        })
    };
    move || {
        let t = &i18n.t().integrations;
        let body = rows
            .iter()
            .map(|key| {
                let scopes = key
                    .scopes
                    .iter()
                    .map(|scope| (t.scope)(scope))
                    .collect::<Vec<_>>()
                    .join(", ");
                let revoked = key.revoked_at.is_some();
                let asking = key.clone();
                let test_id = format!("api-key-{}", key.name);
                view! {
                    <tr class:inactive=revoked data-testid=test_id>
                        <td data-label=t.key_name><span class="cell-strong">{key.name.clone()}</span></td>
                        <td data-label=t.prefix dir="ltr"><code>{format!("wpk_{}_…", key.prefix)}</code></td>
                        <td data-label=t.scopes>{scopes}</td>
                        <td data-label=t.company>
                            {company_name(&key.company_id).unwrap_or_else(|| "—".to_owned())}
                        </td>
                        <td data-label=t.created dir="ltr">{date_time(&key.created_at)}</td>
                        <td data-label=t.last_used dir="ltr">
                            {key.last_used_at.as_deref().map_or_else(|| t.never.to_owned(), date_time)}
                        </td>
                        <td data-label=t.revoked>
                            {match &key.revoked_at {
                                Some(at) => view! {
                                    <span class="badge badge-off" data-testid="api-key-revoked">
                                        {format!("{} {}", t.revoked, date_time(at))}
                                    </span>
                                }
                                .into_any(),
                                None => view! {
                                    <button
                                        type="button"
                                        class="button small danger"
                                        data-testid="api-key-revoke"
                                        on:click=move |_| confirming.set(Some(asking.clone()))
                                    >
                                        {t.revoke}
                                    </button>
                                }
                                .into_any(),
                            }}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            {move || confirming.get().map(|key| view! {
                <Confirm
                    question=Signal::derive(move || (i18n.t().integrations.confirm_revoke)(&key.name))
                    on_confirm=revoke
                    on_cancel=Callback::new(move |()| confirming.set(None))
                    confirm_label=|t| t.integrations.revoke
                    destructive=true
                />
            })}
            <div class="table-scroll">
                <table class="data-table" data-testid="api-keys-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.key_name}</th>
                            <th scope="col">{t.prefix}</th>
                            <th scope="col">{t.scopes}</th>
                            <th scope="col">{t.company}</th>
                            <th scope="col">{t.created}</th>
                            <th scope="col">{t.last_used}</th>
                            <th scope="col">{t.revoked}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    }
}
