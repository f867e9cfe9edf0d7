//! Why the order was not placed, in words, with what to do about it. Nothing is half
//! written: the server places an order whole or not at all, and the form keeps every
//! line as it was.

use leptos::prelude::*;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::use_i18n;
use crate::pages::staff_entry::draft::NotReady;

/// The form's own check found something before asking the server.
#[component]
pub fn NotReadyNotice(reason: NotReady) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let t = &i18n.t().staff_entry;
        match reason {
            NotReady::NoCompany => t.choose_company,
            NotReady::CompanySuspended => t.not_ready_suspended,
            NotReady::NoLines => t.not_ready_no_lines,
            NotReady::StillChecking => t.not_ready_checking,
            NotReady::RowProblems(_) => t.not_ready_row_problems,
        }
    };
    view! {
        <p class="notice error" role="alert" data-testid="entry-not-ready">{text}</p>
    }
}

/// The server refused the order.
#[component]
pub fn EntryFailure(error: ApiError, company: String) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.code();
    let explanation = move || {
        let t = i18n.t();
        match code {
            Some(ErrorCode::OutOfStock) => t.staff_entry.failed_out_of_stock.to_owned(),
            Some(ErrorCode::CreditLimit) => (t.staff_entry.failed_credit_limit)(&company),
            Some(ErrorCode::BadUserInput) => (t.staff_entry.failed_bad_input)(&company),
            Some(ErrorCode::NotFound) => t.staff_entry.failed_no_company.to_owned(),
            _ => t.errors.message(&error).to_owned(),
        }
    };
    view! {
        <div class="notice error" role="alert" data-testid="entry-error">
            <p class="cell-strong">{move || i18n.t().staff_entry.nothing_placed}</p>
            <p>{explanation}</p>
        </div>
    }
}
