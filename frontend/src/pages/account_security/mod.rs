//! The signed-in user's security: turn two-factor authentication on (QR code, first
//! code, recovery codes shown once), create new recovery codes, turn it off (unless the
//! policy requires it); change the password (`password.rs`) and log out everywhere.

mod password;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::security::{self, TotpEnrollment, TwoFactorStatus};
use crate::components::skeleton::TableSkeleton;
use crate::components::two_factor::{CodeField, EnrollmentSecret, RecoveryCodes};
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Loading,
    Failed(ApiError),
    Ready(TwoFactorStatus),
    Enrolling(TotpEnrollment),
    ShowCodes(Vec<String>),
}

#[component]
pub fn AccountSecurityPage() -> impl IntoView {
    let step = RwSignal::new(Step::Loading);
    let reload = Callback::new(move |()| {
        spawn_local(async move {
            step.try_set(match security::status().await {
                Ok(status) => Step::Ready(status),
                Err(error) => Step::Failed(error),
            });
        });
    });
    reload.run(());
    let i18n = use_i18n();
    let content = move || match step.get() {
        Step::Loading => view! { <TableSkeleton rows=3 columns=1 /> }.into_any(),
        Step::Failed(error) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Step::Ready(status) => view! { <Overview status step /> }.into_any(),
        Step::Enrolling(enrollment) => {
            view! { <Enrol enrollment step on_cancel=reload /> }.into_any()
        }
        Step::ShowCodes(codes) => view! { <RecoveryCodes codes on_done=reload /> }.into_any(),
    };
    view! {
        <section class="page security-page" data-testid="security-page">
            <header class="page-header">
                <h1>{tr(|t| t.security.title)}</h1>
                <p class="lead">{tr(|t| t.security.intro)}</p>
            </header>
            <div class="card security-card">{content}</div>
            <password::ChangePassword />
            <password::LogoutEverywhere />
        </section>
    }
}

/// A form with one code field that runs `action` with what was typed.
#[component]
fn ProofForm(
    id: &'static str,
    title: crate::i18n::Text,
    label: crate::i18n::Text,
    submit_label: crate::i18n::Text,
    #[prop(optional)] password_allowed: bool,
    action: Callback<(String, RwSignal<bool>, RwSignal<Option<ApiError>>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        action.run((value.get_untracked().trim().to_owned(), pending, error));
        value.set(String::new());
    };
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <form class="security-form" on:submit=submit aria-labelledby=labelled_by data-testid=id>
            <h2 id=title_id>{tr(title)}</h2>
            <CodeField id=id label value password_allowed />
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
            <button type="submit" class="button" disabled=move || pending.get()
                aria-busy=move || if pending.get() { "true" } else { "false" }>
                {tr(submit_label)}
            </button>
        </form>
    }
}

/// Runs a request of a proof form and hands its result on.
fn run<T: 'static>(
    request: impl std::future::Future<Output = Result<T, ApiError>> + 'static,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    done: impl FnOnce(T) + 'static,
) {
    spawn_local(async move {
        match request.await {
            Ok(value) => done(value),
            Err(failure) => {
                error.try_set(Some(failure));
            }
        }
        pending.try_set(false);
    });
}

#[component]
fn Overview(status: TwoFactorStatus, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    if !status.enabled {
        let starting = RwSignal::new(false);
        let error = RwSignal::new(None::<ApiError>);
        let start = move |_| {
            starting.set(true);
            run(
                security::start_enrollment(),
                starting,
                error,
                move |enrollment| {
                    step.try_set(Step::Enrolling(enrollment));
                },
            );
        };
        return view! {
            <p data-testid="totp-status">{tr(|t| t.security.status_off)}</p>
            {status.required.then(|| view! { <p class="muted">{tr(|t| t.security.required_note)}</p> })}
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
            <button type="button" class="button primary" on:click=start disabled=move || starting.get()
                data-testid="totp-enable">
                {tr(|t| t.security.enable)}
            </button>
        }
        .into_any();
    }
    let left = status.recovery_codes_left;
    view! {
        <p data-testid="totp-status">{tr(|t| t.security.status_on)}</p>
        <p class="muted">{move || (i18n.t().security.codes_left)(left)}</p>
        {status.required.then(|| view! { <p class="muted">{tr(|t| t.security.required_note)}</p> })}
        <ProofForm
            id="totp-regenerate"
            title=|t| t.security.regenerate_title
            label=|t| t.security.regenerate_label
            submit_label=|t| t.security.regenerate
            action=Callback::new(move |(code, pending, error): (String, _, _)| {
                run(security::regenerate_recovery_codes(code), pending, error, move |codes| {
                    step.try_set(Step::ShowCodes(codes));
                });
            })
        />
        {(!status.required).then(|| view! {
            <ProofForm
                id="totp-disable"
                title=|t| t.security.disable_title
                label=|t| t.security.disable_label
                submit_label=|t| t.security.disable
                password_allowed=true
                action=Callback::new(move |(proof, pending, error): (String, _, _)| {
                    run(security::disable(proof), pending, error, move |status| {
                        step.try_set(Step::Ready(status));
                    });
                })
            />
        })}
    }
    .into_any()
}

#[component]
fn Enrol(
    enrollment: TotpEnrollment,
    step: RwSignal<Step>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <EnrollmentSecret enrollment />
        <ProofForm
            id="totp-confirm"
            title=|t| t.security.enable
            label=|t| t.security.code_label
            submit_label=|t| t.security.confirm
            action=Callback::new(move |(code, pending, error): (String, _, _)| {
                run(security::confirm_enrollment(code), pending, error, move |codes| {
                    step.try_set(Step::ShowCodes(codes));
                });
            })
        />
        <button type="button" class="button ghost" on:click=move |_| on_cancel.run(())>
            {tr(|t| t.security.cancel)}
        </button>
    }
}
