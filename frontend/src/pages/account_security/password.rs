//! Changing the password (the other sessions end) and logging out everywhere (every
//! session ends, this one too), on the account's security page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, auth};
use crate::i18n::{tr, use_i18n};
use crate::pages::password::{PasswordPair, check_locally};
use crate::session::use_session;

#[component]
pub fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let local_problem = RwSignal::new(None::<crate::i18n::Text>);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        changed.set(false);
        let (old, new, again) = (
            current.get_untracked(),
            password.get_untracked(),
            repeated.get_untracked(),
        );
        local_problem.set(check_locally(&new, &again));
        if local_problem.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match auth::change_password(&old, &new).await {
                Ok(()) => {
                    changed.try_set(true);
                    current.try_set(String::new());
                    password.try_set(String::new());
                    repeated.try_set(String::new());
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };

    view! {
        <form class="card security-card security-form" on:submit=submit
            aria-labelledby="change-password-title" data-testid="change-password">
            <h2 id="change-password-title">{tr(|t| t.password.change_title)}</h2>
            <div class="field">
                <label for="current-password">{tr(|t| t.password.current_password)}</label>
                <input
                    id="current-password"
                    name="current-password"
                    type="password"
                    dir="ltr"
                    autocomplete="current-password"
                    required
                    prop:value=move || current.get()
                    on:input=move |event| current.set(event_target_value(&event))
                />
            </div>
            <PasswordPair password repeated />
            {move || local_problem.get().map(|text| view! {
                <p class="form-error" role="alert">{tr(text)}</p>
            })}
            {move || error.get().map(|failure| {
                let t = i18n.t();
                view! {
                    <p class="form-error" role="alert" data-testid="password-error">
                        {t.password.refusal(&failure, |error| t.errors.message(error))}
                    </p>
                }
            })}
            <Show when=move || changed.get()>
                <p class="notice success" role="status" data-testid="password-changed">
                    {tr(|t| t.password.changed)}
                </p>
            </Show>
            <button type="submit" class="button" disabled=move || pending.get()
                aria-busy=move || if pending.get() { "true" } else { "false" }>
                {move || {
                    let t = i18n.t();
                    if pending.get() { t.password.saving } else { t.password.change_submit }
                }}
            </button>
        </form>
    }
}

#[component]
pub fn LogoutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    let open_button = NodeRef::<leptos::html::Button>::new();

    // Focus follows the question and comes back when it is cancelled.
    Effect::new(move |was_confirming: Option<bool>| {
        let now = confirming.get();
        if now {
            if let Some(button) = confirm_button.get() {
                let _ = button.focus();
            }
        } else if was_confirming == Some(true)
            && let Some(button) = open_button.get()
        {
            let _ = button.focus();
        }
        now
    });

    let log_out_everywhere = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match auth::logout_everywhere().await {
                // This session ended too: back to the login page, nothing to return to.
                Ok(()) => session.sign_out(),
                Err(failure) => {
                    error.try_set(Some(failure));
                    pending.try_set(false);
                }
            }
        });
    };

    view! {
        <section class="card security-card" aria-labelledby="logout-everywhere-title"
            data-testid="logout-everywhere">
            <h2 id="logout-everywhere-title">{tr(|t| t.password.everywhere_title)}</h2>
            <p class="muted">{tr(|t| t.password.everywhere_intro)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button" node_ref=open_button
                        on:click=move |_| confirming.set(true)>
                        {tr(|t| t.password.everywhere_button)}
                    </button>
                }
            >
                <div role="group" aria-labelledby="logout-everywhere-question" class="confirm-row"
                    on:keydown=move |event| {
                        if event.key() == "Escape" {
                            confirming.set(false);
                        }
                    }>
                    <p id="logout-everywhere-question">{tr(|t| t.password.everywhere_question)}</p>
                    <button type="button" class="button danger" node_ref=confirm_button
                        disabled=move || pending.get()
                        aria-busy=move || if pending.get() { "true" } else { "false" }
                        on:click=log_out_everywhere>
                        {tr(|t| t.password.everywhere_confirm)}
                    </button>
                    <button type="button" class="button ghost" on:click=move |_| confirming.set(false)>
                        {tr(|t| t.password.cancel)}
                    </button>
                </div>
            </Show>
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
        </section>
    }
}
