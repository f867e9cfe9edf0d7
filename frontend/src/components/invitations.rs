//! A company's invitations: the list (status, expiry, revoke with a confirmation) and
//! the form that invites someone. Staff use it per company on the companies page
//! ("Invite admin"), company admins on their users page ("Invite user"); the server
//! scopes both.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Role;

use crate::api::invitations::{
    Invitation, InvitationStatus, NewInvitation, invitations, invite, revoke,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::orders::format::date;
use crate::components::sheet::Sheet;
use crate::i18n::{Texts, tr, use_i18n};

fn status_text(status: InvitationStatus, t: &Texts) -> &'static str {
    let t = &t.onboarding;
    match status {
        InvitationStatus::Pending => t.pending,
        InvitationStatus::Accepted => t.accepted,
        InvitationStatus::Expired => t.expired,
        InvitationStatus::Revoked => t.revoked,
    }
}

/// The list and the invite form of `company_id`; `first_role` is the role the form
/// starts with (a company admin for staff, a buyer for a company admin).
#[component]
pub fn InvitationsPanel(company_id: String, first_role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let company = company_id.clone();
    let list = LocalResource::new(move || invitations(company.clone()));
    let notice = RwSignal::new(None::<Notice>);
    let on_changed = Callback::new(move |result: Notice| {
        notice.set(Some(result));
        list.refetch();
    });
    let content = move || match list.get() {
        None => view! { <p class="muted" role="status">{tr(|t| t.app.loading)}</p> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="empty-state">{tr(|t| t.onboarding.no_invitations)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => view! { <InvitationsTable rows on_changed /> }.into_any(),
    };
    view! {
        <div class="invitations" data-testid="invitations">
            <NoticeBanner notice />
            <InviteForm company_id first_role on_invited=on_changed />
            <h3>{tr(|t| t.onboarding.invitations)}</h3>
            {content}
        </div>
    }
}

#[component]
fn InvitationsTable(rows: Vec<Invitation>, on_changed: Callback<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().onboarding;
        view! {
            <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col">{t.actions}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid="invitations-table">
                <thead>{header}</thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|invitation| view! { <InvitationRow invitation on_changed /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn InvitationRow(invitation: Invitation, on_changed: Callback<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let Invitation {
        id,
        email,
        name,
        role,
        status,
        expires_at,
    } = invitation;
    let pending = status == InvitationStatus::Pending;
    let revoke_now = {
        let (id, email) = (id.clone(), email.clone());
        move || {
            busy.set(true);
            let (id, email) = (id.clone(), email.clone());
            spawn_local(async move {
                let result = revoke(&id).await;
                busy.try_set(false);
                confirming.try_set(false);
                on_changed.run(match result {
                    Ok(_) => Notice::DoneWith(|t, email| (t.onboarding.revoked_done)(email), email),
                    Err(error) => Notice::Failed(error),
                });
            });
        }
    };
    let question_email = email.clone();
    view! {
        <tr data-testid="invitation-row">
            <td data-label=move || i18n.t().onboarding.name>{name}</td>
            <td data-label=move || i18n.t().onboarding.email dir="ltr">{email.clone()}</td>
            <td data-label=move || i18n.t().onboarding.role>{move || i18n.t().roles.label(role)}</td>
            <td data-label=move || i18n.t().onboarding.status>
                <span class="badge" class:badge-off=!pending data-testid="invitation-status">
                    {move || status_text(status, i18n.t())}
                </span>
            </td>
            <td data-label=move || i18n.t().onboarding.expires dir="ltr">{date(&expires_at)}</td>
            <td data-label=move || i18n.t().onboarding.actions>
                {pending.then(|| view! {
                    <button
                        type="button"
                        class="button small danger-outline"
                        data-testid="revoke-invitation"
                        aria-haspopup="dialog"
                        on:click=move |_| confirming.set(true)
                    >
                        {tr(|t| t.onboarding.revoke)}
                    </button>
                })}
                {move || confirming.get().then(|| {
                    let revoke_now = revoke_now.clone();
                    let question = question_email.clone();
                    view! {
                        <Sheet
                            title=move || tr(|t| t.onboarding.revoke_confirm)
                            test_id="revoke-dialog"
                            on_close=Callback::new(move |()| confirming.set(false))
                        >
                            <p>{move || (i18n.t().onboarding.revoke_question)(&question)}</p>
                            <div class="sheet-actions">
                                <button type="button" class="button" on:click=move |_| confirming.set(false)>
                                    {tr(|t| t.onboarding.cancel)}
                                </button>
                                <button
                                    type="button"
                                    class="button danger"
                                    data-testid="revoke-confirm"
                                    disabled=move || busy.get()
                                    on:click=move |_| revoke_now()
                                >
                                    {tr(|t| t.onboarding.revoke_confirm)}
                                </button>
                            </div>
                        </Sheet>
                    }
                })}
            </td>
        </tr>
    }
}

#[component]
fn InviteForm(company_id: String, first_role: Role, on_invited: Callback<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(first_role);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let ids = format!("invite-{company_id}");

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let input = NewInvitation {
            company_id: company_id.clone(),
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
        };
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = invite(&input).await;
            pending.try_set(false);
            match result {
                Ok(invitation) => {
                    email.try_set(String::new());
                    name.try_set(String::new());
                    on_invited.run(Notice::DoneWith(
                        |t, email| (t.onboarding.invited)(email),
                        invitation.email,
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
            let text = if failure.code() == Some(ErrorCode::Conflict) {
                t.onboarding.email_taken.to_owned()
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
    let (name_id, email_id, role_id, title_id) = (
        format!("{ids}-name"),
        format!("{ids}-email"),
        format!("{ids}-role"),
        format!("{ids}-title"),
    );
    // The view takes each attribute by value: one copy for the label, one for the field.
    let (name_for, email_for, role_for, labelled_by) = (
        name_id.clone(),
        email_id.clone(),
        role_id.clone(),
        title_id.clone(),
    );
    view! {
        <form class="form-card invite-form" on:submit=submit aria-labelledby=labelled_by data-testid="invite-form">
            <h3 id=title_id>{tr(|t| t.onboarding.invite_title)}</h3>
            <p class="hint">{tr(|t| t.onboarding.invite_intro)}</p>
            <div class="form-grid">
                <div class="field">
                    <label for=name_for>{tr(|t| t.onboarding.name)}</label>
                    <input
                        id=name_id
                        type="text"
                        autocomplete="off"
                        required
                        data-testid="invite-name"
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for=email_for>{tr(|t| t.onboarding.email)}</label>
                    <input
                        id=email_id
                        type="email"
                        dir="ltr"
                        autocomplete="off"
                        required
                        data-testid="invite-email"
                        prop:value=move || email.get()
                        on:input=move |event| email.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for=role_for>{tr(|t| t.onboarding.role)}</label>
                    <select
                        id=role_id
                        class="select"
                        data-testid="invite-role"
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
            </div>
            {error_message}
            <button type="submit" class="button primary" data-testid="invite-submit" disabled=move || pending.get()>
                {move || {
                    let t = &i18n.t().onboarding;
                    if pending.get() { t.sending } else { t.send }
                }}
            </button>
        </form>
    }
}
