//! Staff enter an order a customer gave by phone, e-mail or WhatsApp
//! (`placeOrderFor`): the customer's catalog, prices, stock and credit limit apply as
//! in the portal; the order goes straight to the queue (the customer already decided).
//!
//! Each entry is a fresh draft with its own idempotency key: "New order" in the heading
//! and "Enter another" after a placed order start the next one.

mod company_catalog;
mod draft;
mod failure;
mod form;
mod placed;

use leptos::prelude::*;

use crate::api::order_entry::EnteredOrder;
use crate::components::staff::{Confirm, StaffOnly};
use crate::i18n::{tr, use_i18n};
use draft::OrderDraft;
use form::EntryForm;
use placed::PlacedPanel;

#[component]
pub fn StaffOrderEntryPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <OrderEntry />
        </StaffOnly>
    }
}

/// An order placed by this page, with the customer's name as it was chosen.
#[derive(Clone)]
struct Placed {
    order: EnteredOrder,
    company: String,
}

#[component]
fn OrderEntry() -> impl IntoView {
    let i18n = use_i18n();
    // A new entry is a new draft, made inside the view (so its resources belong to
    // it); `visit` asks for one, `draft` is the one on the screen.
    let visit = RwSignal::new(0_u32);
    let draft = StoredValue::new(None::<OrderDraft>);
    let placed = RwSignal::new(None::<Placed>);
    let confirming = RwSignal::new(false);

    let start_over = move || {
        confirming.set(false);
        placed.set(None);
        visit.update(|visit| *visit += 1);
        focus_company();
    };
    // Typed lines are work: starting over asks first. (Once the order is placed, its
    // draft is gone with the form.)
    let new_order = move |_| {
        let unsaved = placed.with_untracked(Option::is_none)
            && draft.get_value().is_some_and(OrderDraft::has_input);
        if unsaved {
            confirming.set(true);
        } else {
            start_over();
        }
    };
    let on_placed = Callback::new(move |order: EnteredOrder| {
        let company = draft
            .get_value()
            .map(OrderDraft::company_name)
            .unwrap_or_default();
        placed.set(Some(Placed { order, company }));
    });
    let content = move || match placed.get() {
        Some(Placed { order, company }) => view! {
            <PlacedPanel order company on_next=Callback::new(move |()| start_over()) />
        }
        .into_any(),
        None => {
            visit.track();
            let fresh = OrderDraft::new();
            draft.set_value(Some(fresh));
            view! { <EntryForm draft=fresh on_placed /> }.into_any()
        }
    };

    view! {
        <section class="page entry-page" data-testid="staff-entry-page">
            <header class="page-header entry-header">
                <div>
                    <h1>{tr(|t| t.staff_entry.title)}</h1>
                    <p class="lead">{tr(|t| t.staff_entry.intro)}</p>
                </div>
                <button type="button" class="button" data-testid="entry-new-order" on:click=new_order>
                    {tr(|t| t.staff_entry.new_order)}
                </button>
            </header>
            {move || confirming.get().then(|| view! {
                <Confirm
                    question=Signal::derive(move || i18n.t().staff_entry.confirm_discard.to_owned())
                    on_confirm=Callback::new(move |()| start_over())
                    on_cancel=Callback::new(move |()| confirming.set(false))
                />
            })}
            {content}
        </section>
    }
}

fn focus_company() {
    request_animation_frame(|| {
        if let Some(select) = document().get_element_by_id("entry-company") {
            use wasm_bindgen::JsCast;
            if let Ok(select) = select.dyn_into::<web_sys::HtmlElement>() {
                let _ = select.focus();
            }
        }
    });
}
