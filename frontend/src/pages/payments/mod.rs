//! Payments received from customers (supplier staff): one typed in as it comes (with
//! the company's balance before and after), or the ERP's CSV export checked and then
//! recorded whole; the CSV's format with an example.

mod csv_format;
mod import;
mod outcome;
mod record;
mod validate;

use leptos::prelude::*;

use crate::components::staff::StaffOnly;
use crate::i18n::tr;
use csv_format::CsvFormat;
use import::ImportPayments;
use record::RecordPayment;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <section class="page payments-page" data-testid="payments-page">
                <header class="page-header">
                    <h1>{tr(|t| t.payments.title)}</h1>
                    <p class="lead">{tr(|t| t.payments.intro)}</p>
                </header>
                <div class="payments-layout">
                    <RecordPayment />
                    <ImportPayments />
                </div>
                <CsvFormat />
            </section>
        </StaffOnly>
    }
}
