//! Supplier staff's customer companies: the list, a new company, editing its terms,
//! suspending and reinstating it, and its invitations ("Invite admin").

mod form;
mod suspension;
mod terms;

use std::str::FromStr;

use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::{Money, Role};

use crate::api::companies::{CompanySummary, companies};
use crate::components::invitations::InvitationsPanel;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::sheet::Sheet;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use form::CompanyForm;
use suspension::SuspensionDialog;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.role() == Some(Role::SupplierStaff) {
            view! { <CompaniesList /> }.into_any()
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

/// The dialog open over the list, if any.
#[derive(Clone, Debug, PartialEq)]
enum Dialog {
    New,
    Edit(CompanySummary),
    Suspend(CompanySummary),
    Reinstate(CompanySummary),
    Invitations(CompanySummary),
}

#[component]
fn CompaniesList() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(companies);
    let dialog = RwSignal::new(None::<Dialog>);
    let notice = RwSignal::new(None::<Notice>);
    let close = Callback::new(move |()| dialog.set(None));
    let on_done = Callback::new(move |result: Notice| {
        dialog.set(None);
        notice.set(Some(result));
        list.refetch();
    });
    let open = Callback::new(move |which: Dialog| dialog.set(Some(which)));

    let content = move || match list.get() {
        None => view! { <TableSkeleton rows=4 columns=7 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="empty-state">{tr(|t| t.companies.empty)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => view! { <CompaniesTable rows open /> }.into_any(),
    };
    let open_dialog = move || {
        dialog.get().map(|which| match which {
            Dialog::New => {
                view! { <CompanyForm existing=None on_saved=on_done on_close=close /> }.into_any()
            }
            Dialog::Edit(company) => {
                view! { <CompanyForm existing=Some(company) on_saved=on_done on_close=close /> }
                    .into_any()
            }
            Dialog::Suspend(company) => {
                view! { <SuspensionDialog company suspend=true on_done on_close=close /> }
                    .into_any()
            }
            Dialog::Reinstate(company) => {
                view! { <SuspensionDialog company suspend=false on_done on_close=close /> }
                    .into_any()
            }
            Dialog::Invitations(company) => {
                let name = company.name.clone();
                view! {
                    <Sheet
                        title=move || (i18n.t().onboarding.invitations_title)(&name)
                        test_id="company-invitations"
                        on_close=close
                    >
                        <InvitationsPanel company_id=company.id first_role=Role::CompanyAdmin />
                        <div class="sheet-actions">
                            <button type="button" class="button" on:click=move |_| close.run(())>
                                {tr(|t| t.onboarding.close)}
                            </button>
                        </div>
                    </Sheet>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="page" data-testid="companies-page">
            <header class="page-header">
                <h1>{tr(|t| t.companies.title)}</h1>
                <p class="lead">{tr(|t| t.companies.intro)}</p>
                <button
                    type="button"
                    class="button primary"
                    data-testid="new-company"
                    aria-haspopup="dialog"
                    on:click=move |_| open.run(Dialog::New)
                >
                    {tr(|t| t.onboarding.new_company)}
                </button>
            </header>
            <NoticeBanner notice />
            <div class="card table-card">{content}</div>
            {open_dialog}
        </section>
    }
}

/// `₪ 50,000.00`; a value that is not a decimal is shown as the server sent it.
fn format_credit_limit(amount: &str) -> String {
    Decimal::from_str(amount).map_or_else(
        |_| amount.to_owned(),
        |value| Money::new(value).format_ils(),
    )
}

#[component]
fn CompaniesTable(rows: Vec<CompanySummary>, open: Callback<Dialog>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().companies;
        let o = &i18n.t().onboarding;
        let body = rows
            .iter()
            .map(|company| {
                view! {
                    <tr class:inactive=!company.active data-testid="company-row" data-name=company.name.clone()>
                        <td data-label=t.name>
                            <span class="cell-strong">{company.name.clone()}</span>
                        </td>
                        <td data-label=t.vat_number dir="ltr">
                            {company.vat_number.clone().unwrap_or_else(|| "—".to_owned())}
                        </td>
                        <td data-label=t.credit_limit class="cell-number" dir="ltr">
                            {format_credit_limit(&company.credit_limit)}
                        </td>
                        <td data-label=t.payment_terms>
                            {terms::describe(&company.payment_terms, t)}
                        </td>
                        <td data-label=t.users class="cell-number">{company.user_count}</td>
                        <td data-label=t.status>
                            <span class="badge" class:badge-off=!company.active data-testid="company-status">
                                {if company.suspended { o.suspended_badge } else { t.active }}
                            </span>
                            {company.suspended_reason.clone().map(|reason| view! {
                                <p class="hint">{reason}</p>
                            })}
                        </td>
                        <td data-label=o.actions>
                            <div class="row-actions">
                                <RowButton label=o.edit test_id="edit-company" open dialog=Dialog::Edit(company.clone()) />
                                <RowButton
                                    label=o.invite_admin
                                    test_id="company-invitations-open"
                                    open
                                    dialog=Dialog::Invitations(company.clone())
                                />
                                {if company.suspended {
                                    view! {
                                        <RowButton label=o.reinstate test_id="reinstate-company" open dialog=Dialog::Reinstate(company.clone()) />
                                    }
                                } else {
                                    view! {
                                        <RowButton label=o.suspend test_id="suspend-company" open dialog=Dialog::Suspend(company.clone()) />
                                    }
                                }}
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="companies-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.name}</th>
                            <th scope="col">{t.vat_number}</th>
                            <th scope="col">{t.credit_limit}</th>
                            <th scope="col">{t.payment_terms}</th>
                            <th scope="col">{t.users}</th>
                            <th scope="col">{t.status}</th>
                            <th scope="col">{o.actions}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    }
}

/// A row's button that opens one of the page's dialogs.
#[component]
fn RowButton(
    label: &'static str,
    test_id: &'static str,
    open: Callback<Dialog>,
    dialog: Dialog,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button small"
            data-testid=test_id
            aria-haspopup="dialog"
            on:click=move |_| open.run(dialog.clone())
        >
            {label}
        </button>
    }
}
