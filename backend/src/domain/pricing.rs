//! The one pricing function of the portal (rule 3 of the domain).
//!
//! A product's price for a company comes from the company's price list when it lists
//! the product, else from the base list. Quantity tiers of that list apply from their
//! minimum quantity; the company discount applies last. The unit price is kept exact;
//! **the only rounding is per line**: `line_total = round_half_up_2(unit_price * quantity)`
//! ([`shared::Money::round_line`]). Order subtotals are sums of rounded lines.

use rust_decimal::Decimal;
use shared::Money;

/// A quantity tier: from `min_quantity` units on, each unit costs `unit_price`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PriceTier {
    pub min_quantity: u32,
    pub unit_price: Money,
}

/// A product's entry in the price list that applies to a company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPrice {
    pub unit_price: Money,
    pub tiers: Vec<PriceTier>,
}

/// A company discount in percent, 0 to 100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiscountPercent(Decimal);

impl DiscountPercent {
    pub const NONE: DiscountPercent = DiscountPercent(Decimal::ZERO);

    pub fn parse(percent: Decimal) -> Option<DiscountPercent> {
        (percent >= Decimal::ZERO && percent <= Decimal::ONE_HUNDRED)
            .then_some(DiscountPercent(percent))
    }

    pub fn percent(self) -> Decimal {
        self.0
    }
}

/// The exact net unit price of `quantity` units (before VAT, before rounding).
///
/// A tier never makes a unit dearer: if a list's tier is above the list price (a data
/// mistake), the lower price wins, so buying more never costs more per unit. Negative
/// prices are treated as zero.
pub fn unit_price(list: &ListPrice, discount: DiscountPercent, quantity: u32) -> Money {
    let best_tier = list
        .tiers
        .iter()
        .filter(|tier| tier.min_quantity <= quantity)
        .map(|tier| tier.unit_price.amount())
        .min();
    let undiscounted = match best_tier {
        Some(tier_price) => tier_price.min(list.unit_price.amount()),
        None => list.unit_price.amount(),
    }
    .max(Decimal::ZERO);
    let factor = (Decimal::ONE_HUNDRED - discount.0) / Decimal::ONE_HUNDRED;
    Money::new(undiscounted * factor)
}

/// The rounded total of one order line: the single rounding of the domain.
pub fn line_total(unit_price: Money, quantity: u32) -> Money {
    Money::new(unit_price.amount() * Decimal::from(quantity)).round_line()
}

/// The tiers as a buyer should see them: only those cheaper than what a smaller
/// quantity already gets, in ascending quantity, with the discount applied.
pub fn visible_tiers(list: &ListPrice, discount: DiscountPercent) -> Vec<PriceTier> {
    let mut tiers = list.tiers.clone();
    tiers.sort_by_key(|tier| tier.min_quantity);
    let mut visible = Vec::new();
    let mut previous = unit_price(list, discount, 1);
    for tier in tiers {
        let price = unit_price(list, discount, tier.min_quantity.max(1));
        if price < previous {
            visible.push(PriceTier {
                min_quantity: tier.min_quantity,
                unit_price: price,
            });
            previous = price;
        }
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(cents: i64) -> Money {
        Money::new(Decimal::new(cents, 2))
    }

    fn list(unit_cents: i64, tiers: &[(u32, i64)]) -> ListPrice {
        ListPrice {
            unit_price: money(unit_cents),
            tiers: tiers
                .iter()
                .map(|(min_quantity, cents)| PriceTier {
                    min_quantity: *min_quantity,
                    unit_price: money(*cents),
                })
                .collect(),
        }
    }

    fn percent(value: i64) -> DiscountPercent {
        DiscountPercent::parse(Decimal::from(value)).unwrap_or_default()
    }

    #[test]
    fn tiers_apply_from_their_minimum_quantity() {
        let list = list(1000, &[(10, 900), (100, 800)]);
        assert_eq!(unit_price(&list, DiscountPercent::NONE, 1), money(1000));
        assert_eq!(unit_price(&list, DiscountPercent::NONE, 9), money(1000));
        assert_eq!(unit_price(&list, DiscountPercent::NONE, 10), money(900));
        assert_eq!(unit_price(&list, DiscountPercent::NONE, 100), money(800));
    }

    #[test]
    fn the_company_discount_applies_after_the_tier_and_lines_round_half_up() {
        let list = list(1299, &[]);
        // 12.99 * 0.925 = 12.01575 exactly; 3 units = 36.04725 -> 36.05
        let unit = unit_price(&list, percent(0), 1);
        assert_eq!(unit, money(1299));
        let discounted = unit_price(
            &list,
            DiscountPercent::parse(Decimal::new(75, 1)).unwrap_or_default(),
            3,
        );
        assert_eq!(discounted.amount(), Decimal::new(1201575, 5));
        assert_eq!(line_total(discounted, 3), money(3605));
    }

    #[test]
    fn discounts_outside_zero_to_a_hundred_are_refused() {
        assert!(DiscountPercent::parse(Decimal::from(-1)).is_none());
        assert!(DiscountPercent::parse(Decimal::from(101)).is_none());
        assert!(DiscountPercent::parse(Decimal::from(100)).is_some());
    }

    #[test]
    fn only_tiers_that_lower_the_price_are_shown() {
        let list = list(1000, &[(10, 1100), (50, 900), (100, 950), (200, 700)]);
        let tiers = visible_tiers(&list, DiscountPercent::NONE);
        let shown: Vec<(u32, Money)> = tiers
            .iter()
            .map(|t| (t.min_quantity, t.unit_price))
            .collect();
        assert_eq!(shown, vec![(50, money(900)), (200, money(700))]);
    }

    fn arbitrary_list() -> impl Strategy<Value = ListPrice> {
        (
            0i64..1_000_000,
            proptest::collection::vec((1u32..1000, -1000i64..1_000_000), 0..5),
        )
            .prop_map(|(unit, tiers)| list(unit, &tiers))
    }

    proptest! {
        #[test]
        fn a_higher_quantity_never_costs_more_per_unit(
            list in arbitrary_list(),
            discount in 0i64..=100,
            quantity in 1u32..10_000,
            more in 0u32..10_000,
        ) {
            let fewer = unit_price(&list, percent(discount), quantity);
            let larger = unit_price(&list, percent(discount), quantity + more);
            prop_assert!(larger <= fewer);
        }

        #[test]
        fn prices_never_go_below_zero_nor_above_the_list_price(
            list in arbitrary_list(),
            discount in 0i64..=100,
            quantity in 1u32..10_000,
        ) {
            let price = unit_price(&list, percent(discount), quantity);
            prop_assert!(price >= Money::ZERO);
            prop_assert!(price <= list.unit_price.max(Money::ZERO));
        }

        #[test]
        fn a_line_is_rounded_once_to_cents_within_half_a_cent(
            list in arbitrary_list(),
            discount in 0i64..=100,
            quantity in 1u32..5_000,
        ) {
            let unit = unit_price(&list, percent(discount), quantity);
            let line = line_total(unit, quantity);
            let exact = unit.amount() * Decimal::from(quantity);
            prop_assert!(line.amount().scale() <= 2);
            prop_assert!((line.amount() - exact).abs() <= Decimal::new(5, 3));
        }
    }
}
