//! The order being entered: the customer, the channel it came by, its lines, the note,
//! and the one idempotency key of this entry (a double click or a retry after a lost
//! answer returns the first order instead of placing a second one).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::cart::new_idempotency_key;
use crate::api::companies::CompanySummary;
use crate::api::order_entry::Channel;
use crate::components::company_picker::load_for_company;
use crate::components::sku_lines::row::{Lookup, QuickRow};
use crate::components::sku_lines::table::QuickRows;
use crate::i18n::Texts;
use crate::pages::staff_entry::company_catalog::{CompanyCatalog, company_catalog};

/// Rows shown at the start.
const FIRST_ROWS: u64 = 3;

#[derive(Clone, Copy)]
pub struct OrderDraft {
    pub company: RwSignal<Option<CompanySummary>>,
    pub channel: RwSignal<Channel>,
    pub rows: QuickRows,
    pub paste_text: RwSignal<String>,
    pub note: RwSignal<String>,
    /// What the chosen company may order; `None` while it loads (or without a company).
    pub catalog: Memo<Option<Result<CompanyCatalog, ApiError>>>,
    pub idempotency_key: StoredValue<String>,
}

/// Why the order cannot be placed as it stands, before asking the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotReady {
    NoCompany,
    CompanySuspended,
    NoLines,
    /// A SKU is still being looked up, or the company's catalog is loading.
    StillChecking,
    /// A row is marked with its problem; the first such row.
    RowProblems(u64),
}

impl OrderDraft {
    pub fn new() -> OrderDraft {
        let company = RwSignal::new(None::<CompanySummary>);
        let catalog = load_for_company(
            company,
            None,
            |id| async move { company_catalog(&id).await },
        );
        OrderDraft {
            company,
            channel: RwSignal::new(Channel::default()),
            rows: QuickRows::new(FIRST_ROWS),
            paste_text: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            catalog,
            idempotency_key: StoredValue::new(new_idempotency_key("entry")),
        }
    }

    /// Whether anything was typed that starting over would lose.
    pub fn has_input(self) -> bool {
        !self.rows.filled().is_empty()
            || !self.note.with_untracked(|note| note.trim().is_empty())
            || !self
                .paste_text
                .with_untracked(|text| text.trim().is_empty())
    }

    pub fn company_name(self) -> String {
        self.company
            .with(|company| company.as_ref().map(|company| company.name.clone()))
            .unwrap_or_default()
    }

    /// What is wrong with a row for the chosen company, in words; `None` when nothing
    /// is (or nothing is known yet). Read inside a view, it follows the row's signals.
    pub fn row_problem(self, t: &Texts, row: QuickRow) -> Option<String> {
        let product = match row.lookup.get() {
            Lookup::NotFound => return Some(t.staff_entry.no_such_sku.to_owned()),
            Lookup::Found(product) => product,
            _ => return None,
        };
        let outside = self.catalog.with(|catalog| match catalog {
            Some(Ok(catalog)) => !catalog.offers(&product),
            _ => false,
        });
        if outside {
            return Some((t.staff_entry.not_in_company_catalog)(&self.company_name()));
        }
        let typed = row.quantity.get();
        let quantity = match typed.trim() {
            "" => product.smallest_quantity(),
            text => match text.parse::<u32>() {
                Ok(quantity) if quantity > 0 => quantity,
                _ => return Some(t.staff_entry.bad_quantity.to_owned()),
            },
        };
        if quantity < product.min_order_quantity {
            return Some((t.cart.below_minimum)(product.min_order_quantity));
        }
        if !product.accepts_quantity(quantity) {
            return Some((t.cart.not_whole_packs)(product.pack_size));
        }
        if i64::from(quantity) > product.available {
            return Some((t.cart.more_than_available)(product.available.max(0)));
        }
        None
    }

    /// The lines to send, or why there are none to send yet.
    pub fn lines(self, t: &Texts) -> Result<Vec<(String, u32)>, NotReady> {
        let company = self.company.get_untracked().ok_or(NotReady::NoCompany)?;
        if !company.active {
            return Err(NotReady::CompanySuspended);
        }
        // A catalog that could not be read checks nothing here; the server still does.
        if self.catalog.get_untracked().is_none() {
            return Err(NotReady::StillChecking);
        }
        let filled = self.rows.filled();
        if filled.is_empty() {
            return Err(NotReady::NoLines);
        }
        let mut lines = Vec::with_capacity(filled.len());
        for row in filled {
            if matches!(row.lookup.get_untracked(), Lookup::Searching) {
                return Err(NotReady::StillChecking);
            }
            let problem = untrack(|| self.row_problem(t, row));
            let line = row.found().zip(row.wanted_quantity());
            match (problem, line) {
                (None, Some((product, quantity))) => lines.push((product.sku, quantity)),
                _ => return Err(NotReady::RowProblems(row.key)),
            }
        }
        Ok(lines)
    }
}
