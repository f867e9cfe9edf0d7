//! The second step of a sign-in, when the server asks for it (`extensions.reason` of
//! an UNAUTHENTICATED answer): a code from the authenticator app or a recovery code
//! (`TOTP_REQUIRED`, `TOTP_INVALID`), or the set-up a policy requires
//! (`TOTP_ENROLLMENT_REQUIRED`: a new secret, its first code signs in and returns the
//! recovery codes, shown once before the app opens).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::auth::{self, AuthPayload};
use crate::api::security::{self, TotpEnrollment};
use crate::api::{ApiError, ErrorCode};
use crate::components::two_factor::{CodeField, EnrollmentSecret, RecoveryCodes};
use crate::i18n::{tr, use_i18n};

/// What the server asked for after a correct password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Challenge {
    Code,
    Enrollment,
}

impl Challenge {
    /// The challenge an answer to `login` asks for, if it is one.
    pub fn of(error: &ApiError) -> Option<Challenge> {
        if error.code() != Some(ErrorCode::Unauthenticated) {
            return None;
        }
        match error.reason()? {
            "TOTP_REQUIRED" | "TOTP_INVALID" => Some(Challenge::Code),
            "TOTP_ENROLLMENT_REQUIRED" => Some(Challenge::Enrollment),
            _ => None,
        }
    }
}

/// The second step. `on_signed_in` gets the payload once any recovery codes were kept;
/// `on_back` returns to the password form.
#[component]
pub fn SecondFactorStep(
    email: String,
    password: String,
    challenge: Challenge,
    on_signed_in: Callback<AuthPayload>,
    on_back: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let enrollment = RwSignal::new(None::<TotpEnrollment>);
    let codes_shown = RwSignal::new(None::<AuthPayload>);
    let credentials = StoredValue::new((email, password));

    let start = move |_| {
        pending.set(true);
        let (email, password) = credentials.get_value();
        spawn_local(async move {
            match security::start_enrollment_at_login(&email, &password).await {
                Ok(new) => {
                    enrollment.try_set(Some(new));
                    error.try_set(None);
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (email, password) = credentials.get_value();
        let typed = code.get_untracked();
        spawn_local(async move {
            match auth::login(&email, &password, Some(typed.trim())).await {
                Ok(payload) if payload.recovery_codes.is_some() => {
                    codes_shown.try_set(Some(payload));
                }
                Ok(payload) => on_signed_in.run(payload),
                Err(failure) => {
                    code.try_set(String::new());
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };

    let error_message = move || {
        error.get().map(|failure| {
            let t = i18n.t();
            let text = if Challenge::of(&failure).is_some() {
                t.security.login_code_invalid.to_owned()
            } else {
                t.errors.message(&failure)
            };
            view! { <p class="form-error" role="alert" data-testid="totp-error">{text}</p> }
        })
    };

    let code_form = move || {
        view! {
            <form on:submit=submit data-testid="totp-form">
                <CodeField id="login-totp" label=|t| t.security.login_code_label value=code focus=true />
                {error_message}
                <button
                    type="submit"
                    class="button primary block"
                    disabled=move || pending.get()
                    aria-busy=move || if pending.get() { "true" } else { "false" }
                >
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.security.working } else { t.security.login_verify }
                    }}
                </button>
            </form>
        }
    };

    let body = move || {
        if let Some(payload) = codes_shown.get() {
            let codes = payload.recovery_codes.clone().unwrap_or_default();
            return view! {
                <RecoveryCodes codes on_done=Callback::new(move |()| on_signed_in.run(payload.clone())) />
            }
            .into_any();
        }
        match (challenge, enrollment.get()) {
            (Challenge::Code, _) => view! {
                <p class="muted">{tr(|t| t.security.login_intro)}</p>
                {code_form()}
            }
            .into_any(),
            (Challenge::Enrollment, Some(enrollment)) => view! {
                <EnrollmentSecret enrollment />
                {code_form()}
            }
            .into_any(),
            (Challenge::Enrollment, None) => view! {
                <p>{tr(|t| t.security.login_enroll_intro)}</p>
                {error_message}
                <button
                    type="button"
                    class="button primary block"
                    disabled=move || pending.get()
                    on:click=start
                    data-testid="totp-start"
                >
                    {tr(|t| t.security.login_enroll_start)}
                </button>
            }
            .into_any(),
        }
    };

    view! {
        <div class="card auth-card" data-testid="second-factor">
            <h1>{tr(|t| t.security.login_title)}</h1>
            {body}
            <button type="button" class="button ghost block" on:click=move |_| on_back.run(())>
                {tr(|t| t.security.back)}
            </button>
        </div>
    }
}
