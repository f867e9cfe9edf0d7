//! What the staff's pages share: the role check, the tabs between the catalog pages,
//! and an inline confirmation.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

use crate::i18n::{Texts, tr, use_i18n};
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

/// An inline "are you sure?" with a confirm and a cancel button. Focus moves to the
/// cancel button when it appears, so Enter never takes a destructive step by accident;
/// Escape cancels.
#[component]
pub fn Confirm(
    #[prop(into)] question: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// The confirm button's words (default: "Yes, continue").
    #[prop(optional)]
    confirm_label: Option<fn(&Texts) -> &'static str>,
    /// The cancel button's words (default: "Cancel").
    #[prop(optional)]
    cancel_label: Option<fn(&Texts) -> &'static str>,
    /// Whether confirming destroys something (a red button).
    #[prop(optional)]
    destructive: bool,
) -> impl IntoView {
    let cancel_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <div
            class="confirm-box"
            role="alertdialog"
            aria-labelledby="confirm-question"
            data-testid="confirm"
            on:keydown=on_keydown
        >
            <p id="confirm-question">{move || question.get()}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    class:primary=!destructive
                    class:danger=destructive
                    data-testid="confirm-yes"
                    on:click=move |_| on_confirm.run(())
                >
                    {tr(confirm_label.unwrap_or(|t| t.staff.confirm_yes))}
                </button>
                <button
                    type="button"
                    class="button"
                    node_ref=cancel_button
                    on:click=move |_| on_cancel.run(())
                >
                    {tr(cancel_label.unwrap_or(|t| t.staff.cancel))}
                </button>
            </div>
        </div>
    }
}
