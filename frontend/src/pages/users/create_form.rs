//! The form that adds a user to the admin's company.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Role;

use crate::api::users::{NewCompanyUser, create_company_user};
use crate::api::{ApiError, ErrorCode};
use crate::components::notice::Notice;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn CreateUserForm(on_created: Callback<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Buyer);
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let input = NewCompanyUser {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            password: password.get_untracked(),
        };
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = create_company_user(&input).await;
            pending.try_set(false);
            match result {
                Ok(user) => {
                    email.try_set(String::new());
                    name.try_set(String::new());
                    password.try_set(String::new());
                    role.try_set(Role::Buyer);
                    on_created.run(Notice::DoneWith(
                        |t, email| (t.users.added)(email),
                        user.email,
                    ));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let error_message = move || {
        error.get().map(|failure| {
            let t = i18n.t();
            // A duplicate e-mail is the one conflict this form can cause: say so plainly.
            let text = if failure.code() == Some(ErrorCode::Conflict) {
                t.users.email_taken.to_owned()
            } else {
                t.errors.message(&failure)
            };
            view! { <p class="form-error" role="alert">{text}</p> }
        })
    };

    let role_options = move || {
        let t = i18n.t();
        Role::CUSTOMER_ROLES
            .into_iter()
            .map(|option| {
                view! {
                    <option value=option.as_str() selected=move || role.get() == option>
                        {t.roles.label(option)}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <form class="card form-card" on:submit=submit aria-labelledby="add-user-title">
            <h2 id="add-user-title">{tr(|t| t.users.add_title)}</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="new-user-name">{tr(|t| t.users.name)}</label>
                    <input
                        id="new-user-name"
                        type="text"
                        autocomplete="off"
                        required
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="new-user-email">{tr(|t| t.users.email)}</label>
                    <input
                        id="new-user-email"
                        type="email"
                        dir="ltr"
                        autocomplete="off"
                        required
                        prop:value=move || email.get()
                        on:input=move |event| email.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="new-user-role">{tr(|t| t.users.role)}</label>
                    <select
                        id="new-user-role"
                        class="select"
                        prop:value=move || role.get().as_str()
                        on:change=move |event| {
                            if let Some(choice) = Role::parse(&event_target_value(&event)) {
                                role.set(choice);
                            }
                        }
                    >
                        {role_options}
                    </select>
                </div>
                <div class="field">
                    <label for="new-user-password">{tr(|t| t.users.password)}</label>
                    <input
                        id="new-user-password"
                        type="password"
                        dir="ltr"
                        autocomplete="new-password"
                        minlength="10"
                        required
                        aria-describedby="new-user-password-hint"
                        prop:value=move || password.get()
                        on:input=move |event| password.set(event_target_value(&event))
                    />
                    <p id="new-user-password-hint" class="hint">
                        {tr(|t| t.users.password_hint)}
                    </p>
                </div>
            </div>
            {error_message}
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {move || {
                    let t = &i18n.t().users;
                    if pending.get() { t.adding } else { t.add_submit }
                }}
            </button>
        </form>
    }
}
