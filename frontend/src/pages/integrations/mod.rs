//! The integration pages of supplier staff: API keys (`/staff/api-keys`) and webhook
//! endpoints with their delivery log (`/staff/webhooks`), and what both share: a group
//! of checkboxes and a secret shown once.

mod api_keys;
mod deliveries;
mod webhooks;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::i18n::{Texts, tr, use_i18n};
pub use api_keys::ApiKeysPage;
pub use webhooks::WebhooksPage;

/// The tabs between the two pages (one entry of the main navigation leads to both).
#[component]
fn IntegrationTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=tr(|t| t.integrations.tabs_label)>
            <ul>
                <li>
                    <A href="/staff/api-keys" attr:class="tab" exact=true attr:data-testid="tab-api-keys">
                        {tr(|t| t.integrations.api_keys_nav)}
                    </A>
                </li>
                <li>
                    <A href="/staff/webhooks" attr:class="tab" exact=true attr:data-testid="tab-webhooks">
                        {tr(|t| t.integrations.webhooks_nav)}
                    </A>
                </li>
            </ul>
        </nav>
    }
}

/// The label of one choice of a [`Choices`] group, by its API name.
pub type ChoiceLabel = fn(&Texts, &str) -> &'static str;

/// A fieldset of checkboxes over API names (`ORDERS_WRITE`, `ORDER_CREATED`): `chosen`
/// holds the ticked ones, in the order of `options`.
#[component]
pub fn Choices(
    legend: fn(&Texts) -> &'static str,
    options: &'static [&'static str],
    label: ChoiceLabel,
    chosen: RwSignal<Vec<&'static str>>,
    /// Prefix of the boxes' ids and test ids (`{prefix}-{NAME}`).
    prefix: &'static str,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{prefix}-error");
    let described_by = error_id.clone();
    let boxes = options
        .iter()
        .map(|&option| {
            let toggle = move |event: leptos::ev::Event| {
                let ticked = event_target_checked(&event);
                chosen.update(|chosen| {
                    chosen.retain(|name| *name != option);
                    if ticked {
                        chosen.push(option);
                        chosen.sort_by_key(|name| options.iter().position(|o| o == name));
                    }
                });
            };
            view! {
                <label class="checkbox">
                    <input
                        type="checkbox"
                        data-testid=format!("{prefix}-{option}")
                        prop:checked=move || chosen.with(|chosen| chosen.contains(&option))
                        on:change=toggle
                    />
                    <span>{move || label(i18n.t(), option)}</span>
                    <code class="muted" dir="ltr">{option}</code>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices" aria-describedby=described_by>
            <legend>{tr(legend)}</legend>
            <div class="choice-list">{boxes}</div>
            <p id=error_id class="hint hint-error">{move || error.get()}</p>
        </fieldset>
    }
}

/// A new key's or endpoint's secret, which the server shows only once: the secret, a
/// warning, "Copy", and a button that closes it.
#[component]
pub fn SecretOnce(
    title: fn(&Texts) -> &'static str,
    secret: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy_text = secret.clone();
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&copy_text);
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.try_set(true);
            }
        });
    };
    view! {
        <section class="card secret-once" aria-labelledby="secret-once-title" data-testid="secret-once">
            <h2 id="secret-once-title">{tr(title)}</h2>
            <p class="notice warning" role="alert">{tr(|t| t.integrations.secret_warning)}</p>
            <code class="secret-value" dir="ltr" tabindex="0" data-testid="secret-value">{secret}</code>
            <div class="button-row">
                <button type="button" class="button" on:click=copy data-testid="secret-copy">
                    {tr(|t| t.integrations.copy)}
                </button>
                <button type="button" class="button primary" on:click=move |_| on_done.run(()) data-testid="secret-done">
                    {tr(|t| t.integrations.secret_done)}
                </button>
            </div>
            <p class="muted" role="status">
                {move || copied.get().then(|| tr(|t| t.integrations.copied)())}
            </p>
        </section>
    }
}

/// What a failed load shows: the error, read out.
#[component]
fn LoadFailed(error: crate::api::ApiError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p> }
}
