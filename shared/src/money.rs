//! Money: `rust_decimal::Decimal`, never a float, with the rounding rule in one place.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Israeli VAT, shown separately from net prices (18% since 2025).
pub const VAT_RATE_PERCENT: u32 = 18;

/// An amount in the company's currency (ILS for the first customers).
///
/// Rounding rule of the domain (rule 3): a line total is rounded **once**, half-up
/// (away from zero at .5) to 2 decimals, by [`Money::round_line`]. Order subtotals
/// are sums of rounded lines; VAT is computed on the subtotal and rounded the same way.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(#[serde(with = "rust_decimal::serde::str")] pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(amount: Decimal) -> Money {
        Money(amount)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The one rounding of the domain: half-up to 2 decimals.
    pub fn round_line(self) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// VAT on a net amount, rounded by the domain's rule.
    pub fn vat(self) -> Money {
        Money(self.0 * Decimal::from(VAT_RATE_PERCENT) / Decimal::from(100)).round_line()
    }

    /// `₪ 1,234.50`: the shekel sign before the number, thousands separated by commas,
    /// always two decimals. The same text in Hebrew and English, so prices read
    /// left to right inside Hebrew sentences.
    pub fn format_ils(self) -> String {
        let rounded = self.round_line().0;
        let negative = rounded.is_sign_negative() && !rounded.is_zero();
        let text = format!("{:.2}", rounded.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), "00"));
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let sign = if negative { "-" } else { "" };
        format!("₪ {sign}{grouped}.{fraction}")
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |total, amount| total + amount)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn money(text: &str) -> Money {
        Money(Decimal::from_str(text).unwrap_or_default())
    }

    #[test]
    fn lines_round_half_up_to_two_decimals() {
        assert_eq!(money("2.345").round_line(), money("2.35"));
        assert_eq!(money("2.344").round_line(), money("2.34"));
        assert_eq!(money("-2.345").round_line(), money("-2.35"));
        assert_eq!(money("0.005").round_line(), money("0.01"));
    }

    #[test]
    fn vat_is_eighteen_percent_rounded_once() {
        assert_eq!(money("100").vat(), money("18.00"));
        assert_eq!(money("0.03").vat(), money("0.01"));
        assert_eq!(money("1234.56").vat(), money("222.22"));
    }

    #[test]
    fn ils_formatting_groups_thousands_and_keeps_two_decimals() {
        assert_eq!(money("1234.5").format_ils(), "₪ 1,234.50");
        assert_eq!(money("0").format_ils(), "₪ 0.00");
        assert_eq!(money("999").format_ils(), "₪ 999.00");
        assert_eq!(money("1000000").format_ils(), "₪ 1,000,000.00");
        assert_eq!(money("-5000.125").format_ils(), "₪ -5,000.13");
    }

    #[test]
    fn money_serializes_as_a_string() {
        assert_eq!(
            serde_json::to_string(&money("12.50")).ok(),
            Some("\"12.50\"".to_owned())
        );
    }
}
