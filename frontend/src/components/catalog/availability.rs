//! The availability badge: "In stock (N)", "Low stock (N)" for 1 to 5, "Out of stock".

use leptos::prelude::*;

use crate::i18n::{CatalogTexts, use_i18n};

/// From this many units down to 1 the stock is shown as low.
pub const LOW_STOCK: i64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockLevel {
    In,
    Low,
    Out,
}

impl StockLevel {
    pub fn of(available: i64) -> StockLevel {
        match available {
            ..=0 => StockLevel::Out,
            1..=LOW_STOCK => StockLevel::Low,
            _ => StockLevel::In,
        }
    }

    fn class(self) -> &'static str {
        match self {
            StockLevel::In => "badge stock-in",
            StockLevel::Low => "badge stock-low",
            StockLevel::Out => "badge stock-out",
        }
    }

    fn code(self) -> &'static str {
        match self {
            StockLevel::In => "in",
            StockLevel::Low => "low",
            StockLevel::Out => "out",
        }
    }
}

pub fn availability_text(t: &CatalogTexts, available: i64) -> String {
    match StockLevel::of(available) {
        StockLevel::In => (t.in_stock)(available),
        StockLevel::Low => (t.low_stock)(available),
        StockLevel::Out => t.out_of_stock.to_owned(),
    }
}

#[component]
pub fn AvailabilityBadge(#[prop(into)] available: Signal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let level = move || StockLevel::of(available.get());
    view! {
        <span
            class=move || level().class()
            data-testid="availability"
            data-stock=move || level().code()
            data-available=move || available.get()
        >
            {move || availability_text(&i18n.t().catalog, available.get())}
        </span>
    }
}
