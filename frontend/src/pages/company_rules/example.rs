//! What the thresholds mean, in tiers and one example order, following the amounts as
//! they are typed (the server decides the same way: `approval::decide`).

use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::Money;

use crate::i18n::{Texts, tr, use_i18n};

/// `₪ 5,000.00` kept left to right inside a Hebrew sentence (a Unicode isolate, the
/// text form of `<bdi dir="ltr">`), and on one line.
fn isolated_ils(amount: Money) -> String {
    let text = amount.format_ils().replace(' ', "\u{a0}");
    format!("\u{2066}{text}\u{2069}")
}

/// The tiers an order falls into under these thresholds; `None` when the two amounts
/// contradict each other (the form shows that error instead).
fn tiers(t: &Texts, auto: Option<Money>, dual: Option<Money>) -> Option<Vec<String>> {
    let texts = &t.company_rules;
    let ils = isolated_ils;
    Some(match (auto, dual) {
        (None, None) => vec![texts.tier_no_rules.to_owned()],
        (Some(one), None) => vec![
            (texts.tier_straight)(&ils(one)),
            (texts.tier_one_above)(&ils(one)),
        ],
        (None, Some(two)) => vec![
            (texts.tier_straight)(&ils(two)),
            (texts.tier_two_above)(&ils(two)),
        ],
        (Some(one), Some(two)) if two > one => vec![
            (texts.tier_straight)(&ils(one)),
            (texts.tier_one_between)(&ils(one), &ils(two)),
            (texts.tier_two_above)(&ils(two)),
        ],
        (Some(_), Some(_)) => return None,
    })
}

/// An order amount above `threshold` (and not above `ceiling`), in whole shekels.
fn example_above(threshold: Money, ceiling: Option<Money>) -> Option<Money> {
    let base = threshold.amount();
    let candidate = match ceiling {
        Some(ceiling) => (base + ceiling.amount()) / Decimal::TWO,
        None if base.is_zero() => Decimal::ONE_THOUSAND,
        None => base * Decimal::new(15, 1),
    }
    .round();
    let fits = candidate > base && ceiling.is_none_or(|ceiling| candidate <= ceiling.amount());
    fits.then(|| Money::new(candidate))
}

/// One example sentence: an order that needs approval under these thresholds.
fn example(t: &Texts, auto: Option<Money>, dual: Option<Money>) -> Option<String> {
    let texts = &t.company_rules;
    let (net, sentence) = match (auto, dual) {
        (Some(one), ceiling) => (example_above(one, ceiling)?, texts.example_one),
        (None, Some(two)) => (example_above(two, None)?, texts.example_two),
        (None, None) => return None,
    };
    let gross = net + net.vat();
    Some(sentence(&isolated_ils(net), &isolated_ils(gross)))
}

#[component]
pub fn ThresholdsExample(
    auto: Signal<Option<Money>>,
    dual: Signal<Option<Money>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tier_list = move || {
        let t = i18n.t();
        tiers(t, auto.get(), dual.get()).map(|lines| {
            view! {
                <ul class="rules-tiers" data-testid="thresholds-tiers">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let example_sentence = move || {
        let t = i18n.t();
        let (auto, dual) = (auto.get(), dual.get());
        tiers(t, auto, dual)?;
        example(t, auto, dual).map(|text| view! { <p class="rules-example">{text}</p> })
    };
    view! {
        <div class="rules-explanation">
            <h3>{tr(|t| t.company_rules.example_title)}</h3>
            {tier_list}
            {example_sentence}
            <p class="hint">{tr(|t| t.company_rules.other_rules_note)}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ils(amount: i64) -> Money {
        Money::new(Decimal::from(amount))
    }

    #[test]
    fn the_example_order_sits_between_the_thresholds() {
        assert_eq!(
            example_above(ils(5_000), Some(ils(20_000))),
            Some(ils(12_500))
        );
        assert_eq!(example_above(ils(5_000), None), Some(ils(7_500)));
        assert_eq!(example_above(ils(0), None), Some(ils(1_000)));
    }

    #[test]
    fn no_example_fits_between_thresholds_a_shekel_apart() {
        let one = Money::new(Decimal::new(50_000, 1));
        let two = Money::new(Decimal::new(50_004, 1));
        assert_eq!(example_above(one, Some(two)), None);
    }
}
