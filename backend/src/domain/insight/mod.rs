//! The supplier's measures of how the operation performs (the "Measures the supplier
//! wants to see" of the domain), for the staff dashboard.
//!
//! Every measure is one SQL query over a [`Scope`]: a period of whole UTC days and
//! optionally one customer company. [`dashboard`] runs them all: a fixed number of
//! queries whatever the period's length or the number of companies (aggregates and
//! day buckets are computed by the database; ISO weeks are summed from the days).
//!
//! Shared definitions:
//! - **Sold orders** of a scope: orders whose `submitted_at` (the moment an order
//!   reached the supplier: placed without approval, entered by staff, or the final
//!   approval) lies in the period, whatever their status now except `CANCELLED`.
//!   Orders waiting for approval or rejected never reached the supplier and are no
//!   sales; a returned order stays a sale (its returns are measured separately).
//! - **Net** amounts are before VAT (the order's `subtotal`).

pub mod customers;
pub mod low_stock;
pub mod quality;
pub mod sales;
mod sql;
pub mod statuses;
pub mod timing;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::ConnectionTrait;
use shared::CompanyId;

use super::DomainError;

/// The longest period the dashboard answers, in days (two years: enough to compare
/// one year with the last, small enough for a per-day series).
pub const MAX_PERIOD_DAYS: i64 = 731;

/// A period of whole UTC days, both `first` and `last` included: the half-open
/// instants [`Period::start`], [`Period::end`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    /// The days from `first` to `last`, both included; `last` before `first` or a
    /// period longer than [`MAX_PERIOD_DAYS`] is bad input.
    pub fn parse(first: NaiveDate, last: NaiveDate) -> Result<Period, DomainError> {
        if last < first {
            return Err(DomainError::bad_input(
                "The period's end (to) is before its start (from)",
            ));
        }
        let period = Period { first, last };
        if period.days() > MAX_PERIOD_DAYS {
            return Err(DomainError::bad_input(format!(
                "The period may be at most {MAX_PERIOD_DAYS} days long"
            )));
        }
        Ok(period)
    }

    pub fn first(self) -> NaiveDate {
        self.first
    }

    pub fn last(self) -> NaiveDate {
        self.last
    }

    /// How many days the period has (at least 1).
    pub fn days(self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The first instant of the period: midnight UTC starting `first`.
    pub fn start(self) -> DateTime<Utc> {
        self.first.and_time(NaiveTime::MIN).and_utc()
    }

    /// The first instant after the period: midnight UTC after `last`.
    pub fn end(self) -> DateTime<Utc> {
        self.start() + Duration::days(self.days())
    }

    /// Every day of the period, in order.
    pub fn each_day(self) -> impl Iterator<Item = NaiveDate> {
        self.first
            .iter_days()
            .take_while(move |day| *day <= self.last)
    }
}

/// What the measures are computed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub period: Period,
    /// Only this customer company's orders (stock is the supplier's, never filtered).
    pub company: Option<CompanyId>,
}

/// Every measure of the dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub scope: Scope,
    pub statuses: Vec<statuses::StatusCount>,
    pub sales: sales::Sales,
    pub delivery: timing::Turnaround,
    pub approval: timing::ApprovalTurnaround,
    pub returns: quality::ReturnRate,
    pub picking: quality::PickingAccuracy,
    pub customers: customers::PurchaseFrequency,
    pub low_stock: Vec<low_stock::LowStockProduct>,
}

/// All measures of `scope`: eight queries, whatever the scope.
pub async fn dashboard(db: &impl ConnectionTrait, scope: Scope) -> Result<Dashboard, DomainError> {
    Ok(Dashboard {
        scope,
        statuses: statuses::orders_by_status(db, &scope).await?,
        sales: sales::sales(db, &scope).await?,
        delivery: timing::delivery_time(db, &scope).await?,
        approval: timing::approval_turnaround(db, &scope).await?,
        returns: quality::return_rate(db, &scope).await?,
        picking: quality::picking_accuracy(db, &scope).await?,
        customers: customers::purchase_frequency(db, &scope).await?,
        low_stock: low_stock::low_stock(db, &scope).await?,
    })
}

/// `part / whole`, or `None` when there is no whole to divide.
fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn a_period_includes_both_days_and_ends_at_the_next_midnight() {
        let period = Period::parse(day("2020-01-30"), day("2020-02-02")).unwrap();
        assert_eq!(period.days(), 4);
        assert_eq!(period.start().to_rfc3339(), "2020-01-30T00:00:00+00:00");
        assert_eq!(period.end().to_rfc3339(), "2020-02-03T00:00:00+00:00");
        assert_eq!(period.each_day().count(), 4);
    }

    #[test]
    fn a_reversed_or_too_long_period_is_bad_input() {
        assert!(matches!(
            Period::parse(day("2020-02-02"), day("2020-02-01")),
            Err(DomainError::BadInput(_))
        ));
        assert!(Period::parse(day("2020-01-01"), day("2021-12-31")).is_ok());
        assert!(matches!(
            Period::parse(day("2020-01-01"), day("2022-01-02")),
            Err(DomainError::BadInput(_))
        ));
    }
}
