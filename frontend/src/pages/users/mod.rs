//! The company admin's users page: the company's users, adding one, changing a role,
//! deactivating and reactivating.

mod create_form;
mod row;

use leptos::prelude::*;
use shared::Role;

use crate::api::users::{CompanyUser, company_users};
use crate::components::invitations::InvitationsPanel;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use create_form::CreateUserForm;
use row::UserRow;

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.role() == Some(Role::CompanyAdmin) {
            view! { <UsersManager /> }.into_any()
        } else {
            view! {
                <section class="page">
                    <p class="notice error" role="alert">{tr(|t| t.errors.forbidden)}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn UsersManager() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let users = LocalResource::new(company_users);
    let notice = RwSignal::new(None::<Notice>);
    let own_id = session
        .user_untracked()
        .map(|user| user.id)
        .unwrap_or_default();
    let company_id = session
        .user_untracked()
        .and_then(|user| user.company)
        .map(|company| company.id);

    let on_changed = Callback::new(move |result: Notice| {
        notice.set(Some(result));
        users.refetch();
    });

    let list = move || {
        let own_id = own_id.clone();
        match users.get() {
            None => view! { <TableSkeleton rows=4 columns=5 /> }.into_any(),
            Some(Err(error)) => view! {
                <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
            }
            .into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="empty-state">{tr(|t| t.users.empty)}</p>
            }
            .into_any(),
            Some(Ok(list)) => view! { <UsersTable list own_id on_changed /> }.into_any(),
        }
    };

    view! {
        <section class="page" data-testid="users-page">
            <header class="page-header">
                <h1>{tr(|t| t.users.title)}</h1>
                <p class="lead">{tr(|t| t.users.intro)}</p>
            </header>
            <NoticeBanner notice />
            <div class="card table-card">{list}</div>
            <CreateUserForm on_created=on_changed />
            {company_id.map(|company_id| view! {
                <section class="card form-card" aria-labelledby="invite-user-title">
                    <h2 id="invite-user-title">{tr(|t| t.onboarding.invite_user)}</h2>
                    <InvitationsPanel company_id first_role=Role::Buyer />
                </section>
            })}
        </section>
    }
}

#[component]
fn UsersTable(
    list: Vec<CompanyUser>,
    own_id: String,
    on_changed: Callback<Notice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().users;
        view! {
            <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid="users-table">
                <thead>{header}</thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|user| {
                            let is_self = user.id == own_id;
                            view! { <UserRow user is_self on_changed /> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
