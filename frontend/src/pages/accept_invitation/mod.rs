//! `/accept-invitation?token=`: the link of an invitation e-mail. The invited person
//! chooses a name and a password (the policy shown and checked before sending), and
//! lands signed in on the home page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{ApiError, ErrorCode, invitations};
use crate::i18n::{tr, use_i18n};
use crate::pages::password::{AuthShell, PasswordPair, check_locally, refusal_view};
use crate::session::{Session, use_session};

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || {
        query
            .with(|query| query.get("token"))
            .filter(|token| !token.is_empty())
    };
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let local_problem = RwSignal::new(None::<crate::i18n::Text>);
    // The account exists but the two-factor policy wants a sign-in to set it up.
    let needs_second_factor = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let (new, again) = (password.get_untracked(), repeated.get_untracked());
        let typed_name = name.get_untracked().trim().to_owned();
        let problem = if typed_name.is_empty() {
            Some((|t| t.onboarding.name_required) as crate::i18n::Text)
        } else {
            check_locally(&new, &again)
        };
        local_problem.set(problem);
        if problem.is_some() {
            return;
        }
        let Some(token) = token() else {
            return;
        };
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match invitations::accept(&token, &typed_name, &new).await {
                Ok(payload) => {
                    // The page's language stays: the person just chose it here.
                    session.sign_in(Session {
                        token: payload.token,
                        user: payload.user,
                    });
                    navigate("/", Default::default());
                }
                Err(failure)
                    if failure.code() == Some(ErrorCode::Unauthenticated)
                        && failure.reason() == Some("TOTP_ENROLLMENT_REQUIRED") =>
                {
                    needs_second_factor.try_set(true);
                    pending.try_set(false);
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                    pending.try_set(false);
                }
            }
        });
    };

    let form = move || {
        if needs_second_factor.get() {
            return view! {
                <div class="card auth-card">
                    <h1>{tr(|t| t.onboarding.accept_title)}</h1>
                    <p class="notice success" role="status">
                        {tr(|t| t.onboarding.second_factor_needed)}
                    </p>
                    <p><A href="/login">{tr(|t| t.onboarding.sign_in)}</A></p>
                </div>
            }
            .into_any();
        }
        if token().is_none() {
            return view! {
                <div class="card auth-card">
                    <h1>{tr(|t| t.onboarding.accept_title)}</h1>
                    <p class="notice warning" role="status">{tr(|t| t.onboarding.link_missing)}</p>
                </div>
            }
            .into_any();
        }
        view! {
            <form class="card auth-card" on:submit=submit.clone() data-testid="accept-invitation">
                <h1>{tr(|t| t.onboarding.accept_title)}</h1>
                <p class="muted">{tr(|t| t.onboarding.accept_intro)}</p>
                <div class="field">
                    <label for="invited-name">{tr(|t| t.onboarding.your_name)}</label>
                    <input
                        id="invited-name"
                        name="name"
                        type="text"
                        autocomplete="name"
                        required
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
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
                        let t = &i18n.t().onboarding;
                        if pending.get() { t.accepting } else { t.accept_submit }
                    }}
                </button>
            </form>
        }
        .into_any()
    };

    view! { <AuthShell>{form}</AuthShell> }
}
