//! The arithmetic of suggestions, without a database: the co-occurrence score of
//! "frequently bought together" and the purchase rhythm of "time to reorder". The
//! stored counts (`counts.rs`), the reads (`read.rs`) and the offline replay of the
//! history (`bin/suggestion_lift.rs`) all go through these functions.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

/// A pair needs this many orders together before it is suggested: one or two shared
/// orders are chance, not a habit.
pub const MIN_SUPPORT: i64 = 3;

/// An order counts towards its purchase rhythm with at least this many distinct days.
pub const MIN_PURCHASE_DAYS: usize = 3;

/// Only the latest order days of a company and product are kept: a rhythm is about
/// the recent past, and the row stays small however long the history grows.
pub const MAX_KEPT_DAYS: usize = 60;

/// Products due within this many days (or overdue) are listed.
pub const DUE_WINDOW_DAYS: i64 = 7;

/// After this many intervals without an order the rhythm counts as lapsed: the
/// company has stopped buying the product, and reminding it every day would be noise.
pub const LAPSE_AFTER_INTERVALS: i64 = 3;

/// What the counts say about one product (`other`) next to one cart product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairEvidence {
    pub cart_product: i64,
    pub other: i64,
    /// Counted orders holding both.
    pub together: i64,
    /// Counted orders holding the cart product.
    pub cart_product_orders: i64,
}

impl PairEvidence {
    /// P(other | cart product): the share of the cart product's orders that also held
    /// the other one.
    pub fn confidence(&self) -> f64 {
        if self.cart_product_orders <= 0 {
            return 0.0;
        }
        self.together as f64 / self.cart_product_orders as f64
    }
}

/// One suggested product and the cart product that best explains it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    pub product_id: i64,
    pub because_of: i64,
    pub together: i64,
    pub confidence: f64,
}

/// Ranks candidates by their best confidence over the cart's products (ties: more
/// orders together, then the lower id, so the order is stable). The caller has
/// already removed cart products and products the company cannot see; evidence
/// below [`MIN_SUPPORT`] is ignored here.
pub fn rank(evidence: impl IntoIterator<Item = PairEvidence>, first: usize) -> Vec<Scored> {
    let mut best: HashMap<i64, Scored> = HashMap::new();
    for pair in evidence {
        if pair.together < MIN_SUPPORT {
            continue;
        }
        let candidate = Scored {
            product_id: pair.other,
            because_of: pair.cart_product,
            together: pair.together,
            confidence: pair.confidence(),
        };
        let entry = best.entry(pair.other).or_insert(candidate);
        if better(&candidate, entry) {
            *entry = candidate;
        }
    }
    let mut ranked: Vec<Scored> = best.into_values().collect();
    ranked.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.together.cmp(&a.together))
            .then(a.product_id.cmp(&b.product_id))
    });
    ranked.truncate(first);
    ranked
}

fn better(candidate: &Scored, current: &Scored) -> bool {
    candidate
        .confidence
        .total_cmp(&current.confidence)
        .then(candidate.together.cmp(&current.together))
        .then(current.because_of.cmp(&candidate.because_of))
        .is_gt()
}

/// The counted orders of one company and product: how many, and the days of the
/// latest [`MAX_KEPT_DAYS`] (ascending, one entry per order, so removing a cancelled
/// order's day is exact).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurchaseDays {
    pub order_count: i64,
    pub days: Vec<NaiveDate>,
}

/// A company's rhythm of buying one product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rhythm {
    /// The median gap between distinct order days.
    pub interval_days: i64,
    pub last_ordered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub lapses_on: NaiveDate,
}

impl PurchaseDays {
    pub fn add(&mut self, day: NaiveDate) {
        let at = self.days.partition_point(|kept| *kept <= day);
        self.days.insert(at, day);
        self.order_count += 1;
        if self.days.len() > MAX_KEPT_DAYS {
            let extra = self.days.len() - MAX_KEPT_DAYS;
            self.days.drain(..extra);
        }
    }

    /// Takes back one order of `day` (a rejected or cancelled order). A day older than
    /// the kept ones only lowers the count.
    pub fn remove(&mut self, day: NaiveDate) {
        if let Some(at) = self.days.iter().position(|kept| *kept == day) {
            self.days.remove(at);
        }
        self.order_count -= 1;
    }

    pub fn last(&self) -> Option<NaiveDate> {
        self.days.last().copied()
    }

    /// The rhythm, once there are [`MIN_PURCHASE_DAYS`] distinct days. Two orders on one
    /// day are one purchase: a gap of zero days is not a rhythm.
    pub fn rhythm(&self) -> Option<Rhythm> {
        let mut distinct = self.days.clone();
        distinct.dedup();
        if distinct.len() < MIN_PURCHASE_DAYS {
            return None;
        }
        let mut gaps: Vec<i64> = distinct
            .windows(2)
            .map(|pair| (pair[1] - pair[0]).num_days())
            .collect();
        gaps.sort_unstable();
        let middle = gaps.len() / 2;
        let interval_days = if gaps.len() % 2 == 1 {
            gaps[middle]
        } else {
            (gaps[middle - 1] + gaps[middle]) / 2
        }
        .max(1);
        let last_ordered_on = *distinct.last()?;
        Some(Rhythm {
            interval_days,
            last_ordered_on,
            due_on: last_ordered_on + Duration::days(interval_days),
            lapses_on: last_ordered_on + Duration::days(interval_days * LAPSE_AFTER_INTERVALS),
        })
    }
}

impl Rhythm {
    /// Whether the product is worth a reminder on `today`: due within the window or
    /// overdue, and not lapsed.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due_on <= today + Duration::days(DUE_WINDOW_DAYS) && self.lapses_on >= today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn evidence(cart_product: i64, other: i64, together: i64, orders: i64) -> PairEvidence {
        PairEvidence {
            cart_product,
            other,
            together,
            cart_product_orders: orders,
        }
    }

    #[test]
    fn the_best_confidence_over_the_cart_ranks_and_explains_a_suggestion() {
        let ranked = rank(
            [
                // 10 of A's 20 orders hold X; 6 of B's 8 hold X: B explains X (75%).
                evidence(1, 10, 10, 20),
                evidence(2, 10, 6, 8),
                // Y: 9 of A's 20 (45%).
                evidence(1, 11, 9, 20),
                // Z: only two orders together, below the minimum support.
                evidence(2, 12, 2, 2),
            ],
            5,
        );
        let ids: Vec<(i64, i64, i64)> = ranked
            .iter()
            .map(|scored| (scored.product_id, scored.because_of, scored.together))
            .collect();
        assert_eq!(ids, vec![(10, 2, 6), (11, 1, 9)]);
        assert!((ranked[0].confidence - 0.75).abs() < 1e-9);
    }

    #[test]
    fn equal_confidence_prefers_more_orders_together_then_the_lower_id() {
        let ranked = rank(
            [
                evidence(1, 30, 3, 6),
                evidence(2, 20, 5, 10),
                evidence(2, 10, 5, 10),
            ],
            2,
        );
        let ids: Vec<i64> = ranked.iter().map(|scored| scored.product_id).collect();
        assert_eq!(ids, vec![10, 20]);
    }

    #[test]
    fn the_rhythm_is_the_median_gap_between_distinct_days() {
        let mut days = PurchaseDays::default();
        for text in [
            "2026-01-01",
            "2026-01-15",
            "2026-01-15",
            "2026-01-28",
            "2026-02-13",
        ] {
            days.add(day(text));
        }
        // Distinct days: gaps 14, 13, 16 -> median 14.
        let rhythm = days.rhythm();
        assert_eq!(days.order_count, 5);
        assert_eq!(
            rhythm,
            Some(Rhythm {
                interval_days: 14,
                last_ordered_on: day("2026-02-13"),
                due_on: day("2026-02-27"),
                lapses_on: day("2026-03-27"),
            })
        );
        let rhythm = rhythm.unwrap_or_else(|| unreachable!());
        // 13 days after the last order: due tomorrow, listed.
        assert!(rhythm.is_due(day("2026-02-26")));
        // A week and a day before it is due: not yet.
        assert!(!rhythm.is_due(day("2026-02-19")));
        // Overdue by two weeks: still listed; lapsed after three intervals.
        assert!(rhythm.is_due(day("2026-03-13")));
        assert!(!rhythm.is_due(day("2026-03-28")));
    }

    #[test]
    fn two_distinct_days_are_no_rhythm_and_removing_an_order_is_exact() {
        let mut days = PurchaseDays::default();
        days.add(day("2026-01-01"));
        days.add(day("2026-01-08"));
        days.add(day("2026-01-08"));
        assert_eq!(days.rhythm(), None);
        days.add(day("2026-01-15"));
        assert_eq!(days.rhythm().map(|rhythm| rhythm.interval_days), Some(7));
        days.remove(day("2026-01-15"));
        assert_eq!(days.rhythm(), None);
        assert_eq!(days.order_count, 3);
    }

    #[test]
    fn only_the_latest_days_are_kept_whatever_the_order_they_arrive_in() {
        let start = day("2025-01-01");
        let mut forwards = PurchaseDays::default();
        let mut backwards = PurchaseDays::default();
        for index in 0..(MAX_KEPT_DAYS as i64 + 10) {
            forwards.add(start + Duration::days(index * 7));
        }
        for index in (0..(MAX_KEPT_DAYS as i64 + 10)).rev() {
            backwards.add(start + Duration::days(index * 7));
        }
        assert_eq!(forwards, backwards);
        assert_eq!(forwards.days.len(), MAX_KEPT_DAYS);
        assert_eq!(forwards.days.first(), Some(&(start + Duration::days(70))));
    }
}
