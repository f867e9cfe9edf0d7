//! One row of the quick-order table as data: the SKU typed, looked up after a 250 ms
//! pause (an answer to an older SKU is dropped), the quantity, and why the server
//! refused the row at the last "Add all" (the cart's). Pasted rows are looked up
//! together, in one request, by whoever pasted them.

use std::time::Duration;

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Sku;

use crate::api::ApiError;
use crate::api::cart::RejectReason;
use crate::api::catalog::{Product, product};

const LOOKUP_DELAY: Duration = Duration::from_millis(250);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Empty,
    Invalid,
    Searching,
    Found(Box<Product>),
    NotFound,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct QuickRow {
    pub key: u64,
    pub sku: RwSignal<String>,
    pub quantity: RwSignal<String>,
    pub lookup: RwSignal<Lookup>,
    /// Why the server refused this row at the last "Add all".
    pub refused: RwSignal<Option<RejectReason>>,
    pub sku_input: NodeRef<Input>,
    pub quantity_input: NodeRef<Input>,
    timer: StoredValue<Option<TimeoutHandle>>,
    generation: StoredValue<u64>,
}

impl QuickRow {
    pub fn new(key: u64) -> QuickRow {
        QuickRow {
            key,
            sku: RwSignal::new(String::new()),
            quantity: RwSignal::new(String::new()),
            lookup: RwSignal::new(Lookup::Empty),
            refused: RwSignal::new(None),
            sku_input: NodeRef::new(),
            quantity_input: NodeRef::new(),
            timer: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    pub fn is_blank(self) -> bool {
        self.sku.with_untracked(|sku| sku.trim().is_empty())
    }

    pub fn found(self) -> Option<Product> {
        match self.lookup.get_untracked() {
            Lookup::Found(product) => Some(*product),
            _ => None,
        }
    }

    /// The quantity typed, or the product's smallest order when none is.
    pub fn wanted_quantity(self) -> Option<u32> {
        let typed = self.quantity.get_untracked();
        if typed.trim().is_empty() {
            return self.found().map(|product| product.smallest_quantity());
        }
        typed.trim().parse::<u32>().ok().filter(|value| *value > 0)
    }

    pub fn type_sku(self, text: String) {
        let Some((sku, generation)) = self.start_lookup(text) else {
            return;
        };
        let handle = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    let result = product(sku.as_str()).await;
                    self.settle(generation, result);
                });
            },
            LOOKUP_DELAY,
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// A row with a pasted line in it. The caller looks its product up (with the other
    /// pasted rows) and hands the answer to [`QuickRow::settle`] with the generation
    /// returned here; `None` when the SKU cannot be one.
    pub fn pasted(key: u64, sku: &str, quantity: u32) -> (QuickRow, Option<u64>) {
        let row = QuickRow::new(key);
        row.quantity.set(quantity.to_string());
        let generation = row
            .start_lookup(sku.to_owned())
            .map(|(_, generation)| generation);
        (row, generation)
    }

    /// Shows the SKU typed and clears what was known about the previous one; the SKU
    /// to look up and the number of this lookup, when there is one to make.
    fn start_lookup(self, text: String) -> Option<(Sku, u64)> {
        self.sku.set(text.clone());
        self.refused.set(None);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let sku = match Sku::parse(&text) {
            Ok(sku) => sku,
            Err(_) if text.trim().is_empty() => {
                self.lookup.set(Lookup::Empty);
                return None;
            }
            Err(_) => {
                self.lookup.set(Lookup::Invalid);
                return None;
            }
        };
        self.lookup.set(Lookup::Searching);
        Some((sku, generation))
    }

    /// The answer of lookup number `generation`; dropped when the SKU changed since.
    pub fn settle(self, generation: u64, result: Result<Option<Product>, ApiError>) {
        if self.generation.try_get_value() != Some(generation) {
            return;
        }
        self.lookup.try_set(match result {
            Ok(Some(found)) => Lookup::Found(Box::new(found)),
            Ok(None) => Lookup::NotFound,
            Err(error) => Lookup::Failed(error),
        });
    }

    pub fn found_tracked(self) -> Option<Product> {
        match self.lookup.get() {
            Lookup::Found(product) => Some(*product),
            _ => None,
        }
    }
}
