//! The one conversion between money in the database and money in the domain.
//!
//! Money columns are `BIGINT` counts of ten-thousandths of the currency unit (see the
//! `migrations` crate): exact on SQLite and PostgreSQL alike, and summable in SQL.

use rust_decimal::Decimal;
use shared::Money;

/// Ten-thousandths per currency unit.
const SCALE: u32 = 4;

pub fn from_db(stored: i64) -> Money {
    Money::new(Decimal::new(stored, SCALE))
}

pub fn from_db_opt(stored: Option<i64>) -> Option<Money> {
    stored.map(from_db)
}

/// `None` when the amount has more than 4 decimals or does not fit: callers turn that
/// into a user error rather than silently rounding.
pub fn to_db(money: Money) -> Option<i64> {
    let mut amount = money.amount();
    if amount.scale() > SCALE {
        let normalized = amount.normalize();
        if normalized.scale() > SCALE {
            return None;
        }
        amount = normalized;
    }
    amount.rescale(SCALE);
    i64::try_from(amount.mantissa()).ok()
}

/// Stores a display copy of an exact amount (a line's unit price after a discount),
/// rounded half-up to the 4 stored decimals. Totals are never stored this way: they
/// are already rounded by the domain's one rounding rule.
pub fn to_db_rounded(money: Money) -> i64 {
    let rounded = money
        .amount()
        .round_dp_with_strategy(SCALE, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    to_db(Money::new(rounded)).unwrap_or(i64::MAX)
}

/// Money as the API shows it (GraphQL's `Decimal`, CSV exports, webhook bodies): at
/// least 2 decimals and no trailing zeros beyond them (`40000.00`, `12.345`).
pub fn shown(money: Money) -> rust_decimal::Decimal {
    let mut amount = money.amount().normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

/// A stored amount as text, by the rule of [`shown`].
pub fn stored_text(stored: i64) -> String {
    shown(from_db(stored)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn money(text: &str) -> Money {
        Money::new(Decimal::from_str(text).unwrap_or_default())
    }

    #[test]
    fn amounts_round_trip_exactly() {
        for text in [
            "0",
            "1",
            "5000",
            "1234.5",
            "0.0001",
            "-12.34",
            "99999999999.9999",
        ] {
            let stored = to_db(money(text));
            assert_eq!(stored.map(from_db), Some(money(text)), "{text}");
        }
        assert_eq!(to_db(money("1.5")), Some(15_000));
    }

    #[test]
    fn amounts_finer_than_the_scale_are_refused_not_rounded() {
        assert_eq!(to_db(money("0.00001")), None);
        assert_eq!(to_db(money("1.50000")), Some(15_000));
    }
}
