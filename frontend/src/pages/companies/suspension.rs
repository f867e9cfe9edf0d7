//! Suspending a company (a reason its users read, confirmed in a dialog) and
//! reinstating it (confirmed).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::companies::{CompanySummary, set_suspended};
use crate::components::notice::Notice;
use crate::components::sheet::Sheet;
use crate::i18n::{tr, use_i18n};

/// Suspends `company` (`suspend`) or reinstates it, after the confirmation.
#[component]
pub fn SuspensionDialog(
    company: CompanySummary,
    suspend: bool,
    on_done: Callback<Notice>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let CompanySummary { id, name, .. } = company;
    let title_name = name.clone();
    let question_name = name.clone();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = reason.get_untracked().trim().to_owned();
        if suspend && typed.is_empty() {
            missing.set(true);
            return;
        }
        busy.set(true);
        error.set(None);
        let (id, name) = (id.clone(), name.clone());
        spawn_local(async move {
            let result = set_suspended(&id, suspend.then_some(typed.as_str())).await;
            busy.try_set(false);
            match result {
                Ok(_) => on_done.run(Notice::DoneWith(
                    if suspend {
                        |t, name| (t.onboarding.suspended_done)(name)
                    } else {
                        |t, name| (t.onboarding.reinstated_done)(name)
                    },
                    name,
                )),
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };
    let title = move || {
        let t = &i18n.t().onboarding;
        if suspend {
            (t.suspend_title)(&title_name)
        } else {
            t.reinstate.to_owned()
        }
    };
    let body = move || {
        if suspend {
            view! {
                <p>{tr(|t| t.onboarding.suspend_intro)}</p>
                <div class="field">
                    <label for="suspend-reason">{tr(|t| t.onboarding.reason)}</label>
                    <textarea
                        id="suspend-reason"
                        rows="3"
                        maxlength="500"
                        required
                        data-testid="suspend-reason"
                        aria-invalid=move || if missing.get() { "true" } else { "false" }
                        aria-describedby="suspend-reason-error"
                        prop:value=move || reason.get()
                        on:input=move |event| {
                            reason.set(event_target_value(&event));
                            missing.set(false);
                        }
                    ></textarea>
                    {move || missing.get().then(|| view! {
                        <p id="suspend-reason-error" class="hint hint-error" role="alert">
                            {tr(|t| t.onboarding.reason_required)}
                        </p>
                    })}
                </div>
            }
            .into_any()
        } else {
            let question = question_name.clone();
            view! { <p>{move || (i18n.t().onboarding.reinstate_question)(&question)}</p> }
                .into_any()
        }
    };
    view! {
        <Sheet title test_id="suspension-dialog" on_close>
            <form novalidate on:submit=submit>
                {body}
                {move || error.get().map(|failure| view! {
                    <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
                })}
                <div class="sheet-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr(|t| t.onboarding.cancel)}
                    </button>
                    <button
                        type="submit"
                        class=if suspend { "button danger" } else { "button primary" }
                        data-testid="suspension-confirm"
                        disabled=move || busy.get()
                    >
                        {move || {
                            let t = &i18n.t().onboarding;
                            if suspend { t.suspend_confirm } else { t.reinstate }
                        }}
                    </button>
                </div>
            </form>
        </Sheet>
    }
}
