//! What the staff's catalog pages share: the role check and the tabs between them.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

/// Shows `children` to supplier staff and a "forbidden" notice to everyone else. The
/// server refuses every back-office operation to other roles anyway.
#[component]
pub fn StaffOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || {
        if session.role() == Some(Role::SupplierStaff) {
            children().into_any()
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

/// Products, CSV import and export, assortments and pricing.
#[component]
pub fn StaffTabs() -> impl IntoView {
    let i18n = use_i18n();
    let tab = |href: &'static str, label: fn(&crate::i18n::StaffTexts) -> &'static str| {
        view! {
            <li>
                <A href=href attr:class="tab" exact=true>
                    {move || label(&i18n.t().staff)}
                </A>
            </li>
        }
    };
    view! {
        <nav class="tabs" aria-label=tr(|t| t.staff.tabs_label)>
            <ul>
                {tab("/staff/products", |t| t.products)}
                {tab("/staff/import", |t| t.import)}
                {tab("/staff/assortments", |t| t.assortments)}
            </ul>
        </nav>
    }
}

/// An inline "are you sure?" with a confirm and a cancel button.
#[component]
pub fn Confirm(
    #[prop(into)] question: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="confirm-box" role="alertdialog" aria-labelledby="confirm-question" data-testid="confirm">
            <p id="confirm-question">{move || question.get()}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| on_confirm.run(())>
                    {tr(|t| t.staff.confirm_yes)}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {tr(|t| t.staff.cancel)}
                </button>
            </div>
        </div>
    }
}
