//! Orders and net revenue per day and per ISO week, their totals and the average
//! order value.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::ConnectionTrait;
use shared::Money;

use super::sql::{Sql, get};
use super::{Period, Scope};
use crate::db::money;
use crate::domain::DomainError;

/// The sold orders of one bucket (a day or an ISO week).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The day, or the Monday starting the ISO week.
    pub start: NaiveDate,
    pub orders: i64,
    /// Net (before VAT) total of the bucket's sold orders.
    pub revenue: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sales {
    /// Every day of the period, days without sales included.
    pub days: Vec<Bucket>,
    /// Every ISO week touching the period (Monday first); the first and last weeks
    /// count only the days inside the period.
    pub weeks: Vec<Bucket>,
    pub orders: i64,
    pub revenue: Money,
    /// **Average order value**: net revenue / sold orders, rounded half-up to 2
    /// decimals; `None` without orders.
    pub average_order_value: Option<Money>,
}

/// **Orders and revenue**: the sold orders (see the module `insight`) bucketed by the
/// UTC day of their `submitted_at`; revenue is the sum of their `subtotal` (net,
/// before VAT). One query grouped by day; weeks and totals are sums of the days.
pub async fn sales(db: &impl ConnectionTrait, scope: &Scope) -> Result<Sales, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT ")
        .day_of("o.submitted_at")
        .push(" AS day, COUNT(*) AS orders, CAST(SUM(o.subtotal) AS BIGINT) AS revenue FROM orders o WHERE ")
        .sold_orders(scope)
        .push(" GROUP BY 1");
    let mut by_day = HashMap::new();
    for row in sql.all(db).await? {
        let day: String = get(&row, "day")?;
        let day = day
            .parse::<NaiveDate>()
            .map_err(|error| DomainError::internal(anyhow::anyhow!("day {day:?}: {error}")))?;
        by_day.insert(
            day,
            (get::<i64>(&row, "orders")?, get::<i64>(&row, "revenue")?),
        );
    }
    Ok(summarize(scope.period, &by_day))
}

/// The series and totals of the period from the days that had sales (orders,
/// stored revenue).
fn summarize(period: Period, by_day: &HashMap<NaiveDate, (i64, i64)>) -> Sales {
    let days: Vec<Bucket> = period
        .each_day()
        .map(|day| {
            let (orders, revenue) = by_day.get(&day).copied().unwrap_or_default();
            Bucket {
                start: day,
                orders,
                revenue: money::from_db(revenue),
            }
        })
        .collect();
    let weeks = weeks_of(&days);
    let orders = days.iter().map(|day| day.orders).sum();
    let revenue: Money = days.iter().map(|day| day.revenue).sum();
    let average_order_value = (orders > 0)
        .then(|| Money::new(revenue.amount() / rust_decimal::Decimal::from(orders)).round_line());
    Sales {
        days,
        weeks,
        orders,
        revenue,
        average_order_value,
    }
}

/// The Monday of `day`'s ISO week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Sums consecutive days into ISO weeks.
fn weeks_of(days: &[Bucket]) -> Vec<Bucket> {
    let mut weeks: Vec<Bucket> = Vec::new();
    for day in days {
        let start = week_start(day.start);
        match weeks.last_mut() {
            Some(week) if week.start == start => {
                week.orders += day.orders;
                week.revenue = week.revenue + day.revenue;
            }
            _ => weeks.push(Bucket { start, ..*day }),
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn days_are_summed_into_iso_weeks_starting_on_monday() {
        // 2020-12-30 is a Wednesday of ISO week 53 of 2020 (Monday 2020-12-28); 2021-01-04
        // is the Monday of week 1 of 2021.
        let period = Period::parse(day("2020-12-30"), day("2021-01-05")).unwrap();
        let by_day = HashMap::from([
            (day("2020-12-30"), (1, 10_000)),
            (day("2021-01-03"), (2, 30_000)),
            (day("2021-01-04"), (4, 50_000)),
        ]);
        let sales = summarize(period, &by_day);
        assert_eq!(sales.days.len(), 7);
        let weeks: Vec<(NaiveDate, i64, String)> = sales
            .weeks
            .iter()
            .map(|week| (week.start, week.orders, week.revenue.to_string()))
            .collect();
        assert_eq!(
            weeks,
            vec![
                (day("2020-12-28"), 3, money::from_db(40_000).to_string()),
                (day("2021-01-04"), 4, money::from_db(50_000).to_string()),
            ]
        );
        assert_eq!(sales.orders, 7);
        // 9 ILS over 7 orders = 1.285714... -> 1.29.
        assert_eq!(
            sales
                .average_order_value
                .map(|value| value.amount().to_string()),
            Some("1.29".to_owned())
        );
    }

    #[test]
    fn a_period_without_sales_has_zero_buckets_and_no_average() {
        let period = Period::parse(day("2020-03-01"), day("2020-03-02")).unwrap();
        let sales = summarize(period, &HashMap::new());
        assert_eq!(sales.days.iter().map(|day| day.orders).sum::<i64>(), 0);
        assert_eq!(sales.average_order_value, None);
    }
}
