//! The login page: e-mail and password, the only page open without a session; the
//! second factor, when the server asks for one, in `second_factor.rs`.

mod second_factor;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{ApiError, ErrorCode, auth};
use crate::components::language_switch::LanguageSwitch;
use crate::components::offline_banner::OfflineBanner;
use crate::components::skip_link::SkipLink;
use crate::i18n::{Lang, tr, use_i18n};
use crate::session::{Session, use_session};
use second_factor::{Challenge, SecondFactorStep};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Here because a session ended (not a first visit): say so, and that we come back.
    let session_ended = crate::session::session_expired();
    let challenge = RwSignal::new(None::<Challenge>);

    let finish = Callback::new(move |payload: auth::AuthPayload| {
        if let Some(lang) = payload.user.language.as_deref().and_then(Lang::parse) {
            i18n.set_lang(lang);
        }
        // The route guard moves on to the home page; this page is gone after this
        // line, so no signal of it is touched any more.
        session.sign_in(Session {
            token: payload.token,
            user: payload.user,
        });
    });

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (email, password) = (email.get_untracked(), password.get_untracked());
        spawn_local(async move {
            match auth::login(email.trim(), &password, None).await {
                Ok(payload) => finish.run(payload),
                Err(failure) if Challenge::of(&failure).is_some() => {
                    challenge.try_set(Challenge::of(&failure));
                    pending.try_set(false);
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                    pending.try_set(false);
                }
            }
        });
    };

    let error_message = move || {
        error.get().map(|failure| {
            let t = i18n.t();
            // On this page UNAUTHENTICATED can only mean wrong credentials, and
            // RATE_LIMITED too many of them: say how long to wait.
            let text = match failure.code() {
                Some(ErrorCode::Unauthenticated) => t.login.wrong_credentials.to_owned(),
                Some(ErrorCode::RateLimited) => {
                    (t.login.rate_limited)(failure.retry_after_seconds().unwrap_or(60))
                }
                _ => t.errors.message(&failure).to_owned(),
            };
            view! {
                <p class="form-error" role="alert" data-testid="login-error">
                    {text}
                </p>
            }
        })
    };

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
                {move || challenge.get().map(|challenge_now| view! {
                    <SecondFactorStep
                        email=email.get_untracked().trim().to_owned()
                        password=password.get_untracked()
                        challenge=challenge_now
                        on_signed_in=finish
                        on_back=Callback::new(move |()| challenge.set(None))
                    />
                })}
                <Show when=move || challenge.get().is_none()>
                <form class="card auth-card" on:submit=submit>
                    <h1>{tr(|t| t.login.title)}</h1>
                    {session_ended.then(|| view! {
                        <p class="notice warning" role="status" data-testid="session-ended">
                            {tr(|t| t.connectivity.session_ended)}
                        </p>
                    })}
                    <p class="muted">{tr(|t| t.login.subtitle)}</p>
                    <div class="field">
                        <label for="login-email">{tr(|t| t.login.email)}</label>
                        <input
                            id="login-email"
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
                    <div class="field">
                        <label for="login-password">{tr(|t| t.login.password)}</label>
                        <input
                            id="login-password"
                            name="password"
                            type="password"
                            dir="ltr"
                            autocomplete="current-password"
                            required
                            prop:value=move || password.get()
                            on:input=move |event| password.set(event_target_value(&event))
                        />
                    </div>
                    {error_message}
                    <button
                        type="submit"
                        class="button primary block"
                        disabled=move || pending.get()
                        aria-busy=move || if pending.get() { "true" } else { "false" }
                    >
                        {move || {
                            let t = i18n.t();
                            if pending.get() { t.login.submitting } else { t.login.submit }
                        }}
                    </button>
                    <p class="auth-links">
                        <A href="/forgot-password">{tr(|t| t.password.forgot_link)}</A>
                    </p>
                </form>
                </Show>
            </main>
            <footer class="site-footer">
                <A href="/accessibility">{tr(|t| t.accessibility.link)}</A>
            </footer>
        </div>
    }
}
