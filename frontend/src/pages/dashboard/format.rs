//! How the dashboard writes its numbers.

use std::str::FromStr;

use rust_decimal::Decimal;
use shared::Money;

/// `₪ 1,234.50`; the text as sent when it is not a decimal.
pub fn money(amount: &str) -> String {
    Decimal::from_str(amount).map_or_else(
        |_| amount.to_owned(),
        |value| Money::new(value).format_ils(),
    )
}

/// A decimal string as a number for a chart (0 when it is not one).
pub fn amount(amount: &str) -> f64 {
    amount.parse().unwrap_or(0.0)
}

/// `14.3%` of a share between 0 and 1; below 1% with two decimals (`0.02%`), so a
/// small rate does not read as none.
pub fn percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent > 0.0 && percent < 1.0 {
        format!("{percent:.2}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// `12.5` (one decimal).
pub fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

/// Axis ticks: `950`, `1.5k`, `2M`.
pub fn compact(value: f64) -> String {
    let trim = |text: String| text.trim_end_matches(".0").to_owned();
    if value >= 1_000_000.0 {
        format!("{}M", trim(format!("{:.1}", value / 1_000_000.0)))
    } else if value >= 1_000.0 {
        format!("{}k", trim(format!("{:.1}", value / 1_000.0)))
    } else {
        trim(format!("{value:.1}"))
    }
}
