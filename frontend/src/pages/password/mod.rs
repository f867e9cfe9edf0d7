//! A forgotten password: `/forgot-password` asks for the e-mailed link, and
//! `/reset-password?token=` (the link) sets a new password under the policy. Both are
//! open without a session, in the layout of the login page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{ApiError, auth};
use crate::components::language_switch::LanguageSwitch;
use crate::components::offline_banner::OfflineBanner;
use crate::components::skip_link::SkipLink;
use crate::i18n::{tr, use_i18n};

/// The shell of the pages open without a session.
#[component]
pub fn AuthShell(children: Children) -> impl IntoView {
    view! {
        <div class="auth-page">
            <SkipLink />
            <header class="auth-bar">
                <span class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {tr(|t| t.app.product_name)}
                </span>
                <LanguageSwitch />
            </header>
            <main id="main" class="auth-main" tabindex="-1">
                <OfflineBanner />
                {children()}
            </main>
            <footer class="site-footer">
                <A href="/accessibility">{tr(|t| t.accessibility.link)}</A>
            </footer>
        </div>
    }
}

/// The error of a password form, announced.
pub fn refusal_view(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|failure| {
            let t = i18n.t();
            view! {
                <p class="form-error" role="alert" data-testid="password-error">
                    {t.password.refusal(&failure, |error| t.errors.message(error))}
                </p>
            }
        })
    }
}

/// What the policy asks, checked before the server checks it again: a refusal in the
/// person's language without a round trip.
pub fn check_locally(password: &str, repeated: &str) -> Option<crate::i18n::Text> {
    let length = password.chars().count();
    if length < 10 {
        Some(|t| t.password.too_short)
    } else if length > 128 {
        Some(|t| t.password.too_long)
    } else if password != repeated {
        Some(|t| t.password.mismatch)
    } else {
        None
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let i18n = use_i18n();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let address = email.get_untracked().trim().to_owned();
        spawn_local(async move {
            match auth::request_password_reset(&address).await {
                Ok(()) => {
                    sent.try_set(true);
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };

    view! {
        <AuthShell>
            <form class="card auth-card" on:submit=submit data-testid="forgot-password">
                <h1>{tr(|t| t.password.forgot_title)}</h1>
                <p class="muted">{tr(|t| t.password.forgot_intro)}</p>
                <div class="field">
                    <label for="forgot-email">{tr(|t| t.password.email)}</label>
                    <input
                        id="forgot-email"
                        name="email"
                        type="email"
                        dir="ltr"
                        autocomplete="username"
                        inputmode="email"
                        required
                        prop:value=move || email.get()
                        on:input=move |event| email.set(event_target_value(&event))
                    />
                </div>
                {refusal_view(error)}
                <Show when=move || sent.get()>
                    <p class="notice success" role="status" data-testid="reset-link-sent">
                        {tr(|t| t.password.sent)}
                    </p>
                </Show>
                <button
                    type="submit"
                    class="button primary block"
                    disabled=move || pending.get()
                    aria-busy=move || if pending.get() { "true" } else { "false" }
                >
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.password.sending } else { t.password.send_link }
                    }}
                </button>
                <p><A href="/login">{tr(|t| t.password.back_to_login)}</A></p>
            </form>
        </AuthShell>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || {
        query
            .with(|query| query.get("token"))
            .filter(|token| !token.is_empty())
    };
    let password = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let local_problem = RwSignal::new(None::<crate::i18n::Text>);
    let i18n = use_i18n();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let (new, again) = (password.get_untracked(), repeated.get_untracked());
        local_problem.set(check_locally(&new, &again));
        if local_problem.get_untracked().is_some() {
            return;
        }
        let Some(token) = token() else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match auth::reset_password(&token, &new).await {
                Ok(()) => {
                    done.try_set(true);
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };

    let form = move || {
        if done.get() {
            return view! {
                <div class="card auth-card" data-testid="reset-done">
                    <h1>{tr(|t| t.password.reset_title)}</h1>
                    <p class="notice success" role="status">{tr(|t| t.password.reset_done)}</p>
                    <p><A href="/login">{tr(|t| t.password.sign_in)}</A></p>
                </div>
            }
            .into_any();
        }
        if token().is_none() {
            return view! {
                <div class="card auth-card">
                    <h1>{tr(|t| t.password.reset_title)}</h1>
                    <p class="notice warning" role="status">{tr(|t| t.password.link_missing)}</p>
                    <p><A href="/forgot-password">{tr(|t| t.password.forgot_link)}</A></p>
                </div>
            }
            .into_any();
        }
        view! {
            <form class="card auth-card" on:submit=submit data-testid="reset-password">
                <h1>{tr(|t| t.password.reset_title)}</h1>
                <p class="muted">{tr(|t| t.password.reset_intro)}</p>
                <PasswordPair password repeated />
                {move || local_problem.get().map(|text| view! {
                    <p class="form-error" role="alert">{tr(text)}</p>
                })}
                {refusal_view(error)}
                <button
                    type="submit"
                    class="button primary block"
                    disabled=move || pending.get()
                    aria-busy=move || if pending.get() { "true" } else { "false" }
                >
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.password.saving } else { t.password.save_password }
                    }}
                </button>
                <p><A href="/forgot-password">{tr(|t| t.password.forgot_link)}</A></p>
            </form>
        }
        .into_any()
    };

    view! { <AuthShell>{form}</AuthShell> }
}

/// The new password twice, with the policy as the fields' description.
#[component]
pub fn PasswordPair(password: RwSignal<String>, repeated: RwSignal<String>) -> impl IntoView {
    view! {
        <p id="password-policy" class="muted">{tr(|t| t.password.policy)}</p>
        <div class="field">
            <label for="new-password">{tr(|t| t.password.new_password)}</label>
            <input
                id="new-password"
                name="new-password"
                type="password"
                dir="ltr"
                autocomplete="new-password"
                aria-describedby="password-policy"
                required
                prop:value=move || password.get()
                on:input=move |event| password.set(event_target_value(&event))
            />
        </div>
        <div class="field">
            <label for="repeat-password">{tr(|t| t.password.repeat_password)}</label>
            <input
                id="repeat-password"
                name="repeat-password"
                type="password"
                dir="ltr"
                autocomplete="new-password"
                required
                prop:value=move || repeated.get()
                on:input=move |event| repeated.set(event_target_value(&event))
            />
        </div>
    }
}
