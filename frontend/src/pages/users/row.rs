//! One user in the table, with its role select and (de)activation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Role;

use crate::api::users::{CompanyUser, CompanyUserChange, update_company_user};
use crate::components::notice::Notice;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn UserRow(user: CompanyUser, is_self: bool, on_changed: Callback<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let pending = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(user.id.clone());
    let name = StoredValue::new(user.name.clone());
    let current_role = user.role;
    let active = user.active;

    let apply = move |change: CompanyUserChange| {
        pending.set(true);
        spawn_local(async move {
            let result = update_company_user(&id.get_value(), &change).await;
            pending.try_set(false);
            confirming.try_set(false);
            on_changed.run(match result {
                Ok(_) => Notice::Done(|t| t.users.saved.to_owned()),
                Err(error) => Notice::Failed(error),
            });
        });
    };

    let change_role = move |event: leptos::ev::Event| {
        if let Some(role) = Role::parse(&event_target_value(&event))
            && role != current_role
        {
            apply(CompanyUserChange {
                role: Some(role),
                active: None,
            });
        }
    };

    let role_options = move || {
        let t = i18n.t();
        Role::CUSTOMER_ROLES
            .into_iter()
            .map(|role| {
                view! {
                    <option value=role.as_str() selected=role == current_role>
                        {t.roles.label(role)}
                    </option>
                }
            })
            .collect_view()
    };

    let actions = move || {
        let t = &i18n.t().users;
        if is_self {
            return view! { <span class="muted">{t.you}</span> }.into_any();
        }
        if !active {
            return view! {
                <button
                    type="button"
                    class="button small"
                    disabled=move || pending.get()
                    on:click=move |_| apply(CompanyUserChange { role: None, active: Some(true) })
                >
                    {t.activate}
                </button>
            }
            .into_any();
        }
        if confirming.get() {
            // Deactivation locks a person out, so it asks once more, inline.
            return view! {
                <div class="confirm" role="group">
                    <span>{name.with_value(|name| (t.confirm_deactivate)(name))}</span>
                    <button
                        type="button"
                        class="button small danger"
                        disabled=move || pending.get()
                        on:click=move |_| apply(CompanyUserChange { role: None, active: Some(false) })
                    >
                        {t.confirm_yes}
                    </button>
                    <button
                        type="button"
                        class="button small ghost"
                        on:click=move |_| confirming.set(false)
                    >
                        {t.cancel}
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <button
                type="button"
                class="button small"
                disabled=move || pending.get()
                on:click=move |_| confirming.set(true)
            >
                {t.deactivate}
            </button>
        }
        .into_any()
    };

    view! {
        <tr class:inactive=!active aria-busy=move || if pending.get() { "true" } else { "false" }>
            <td data-label=tr(|t| t.users.name)>
                <span class="cell-strong">{user.name.clone()}</span>
            </td>
            <td data-label=tr(|t| t.users.email) dir="ltr" class="cell-email">
                {user.email.clone()}
            </td>
            <td data-label=tr(|t| t.users.role)>
                <select
                    class="select small"
                    aria-label=move || name.with_value(|name| (i18n.t().users.role_of)(name))
                    disabled=move || is_self || pending.get()
                    on:change=change_role
                >
                    {role_options}
                </select>
            </td>
            <td data-label=tr(|t| t.users.status)>
                <span class="badge" class:badge-off=!active>
                    {move || {
                        let t = &i18n.t().users;
                        if active { t.active } else { t.inactive }
                    }}
                </span>
            </td>
            <td data-label=tr(|t| t.users.actions)>{actions}</td>
        </tr>
    }
}
