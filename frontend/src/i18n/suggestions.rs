//! "Frequently bought together" in the cart and "Time to reorder" on the home page.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

pub struct SuggestionsTexts {
    pub together_title: &'static str,
    pub together_intro: &'static str,
    /// "Bought together with SCR-101 in 14 orders".
    pub together_reason: fn(&str, i64) -> String,
    pub together_empty_cart: &'static str,
    pub together_none: &'static str,
    pub reorder_title: &'static str,
    pub reorder_intro: &'static str,
    /// "You order this about every 14 days; last ordered 13 days ago".
    pub reorder_reason: fn(i64, i64) -> String,
    /// "Due in 3 days", "Due today", "Overdue by 2 days".
    pub due: fn(i64) -> String,
    pub reorder_none: &'static str,
    pub loading: &'static str,
    pub add: &'static str,
    /// The accessible name of a suggestion's Add button.
    pub add_named: fn(&str) -> String,
    pub added: &'static str,
    pub retry: &'static str,
}

fn en_days(days: i64) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

fn he_days(days: i64) -> String {
    match days {
        1 => "יום אחד".to_owned(),
        2 => "יומיים".to_owned(),
        _ => format!("{days} ימים"),
    }
}

pub const EN: SuggestionsTexts = SuggestionsTexts {
    together_title: "Frequently bought together",
    together_intro: "Products often ordered with what is in your cart.",
    together_reason: |sku, orders| {
        if orders == 1 {
            format!("Bought together with {sku} in 1 order")
        } else {
            format!("Bought together with {sku} in {orders} orders")
        }
    },
    together_empty_cart: "Add products to your cart to see what is often bought with them.",
    together_none: "No suggestions for this cart yet.",
    reorder_title: "Time to reorder",
    reorder_intro: "Products your company orders regularly that are due now.",
    reorder_reason: |interval, since| {
        let since = if since == 0 {
            "today".to_owned()
        } else {
            format!("{} ago", en_days(since))
        };
        format!(
            "You order this about every {}; last ordered {since}",
            en_days(interval)
        )
    },
    due: |days| match days {
        0 => "Due today".to_owned(),
        days if days > 0 => format!("Due in {}", en_days(days)),
        days => format!("Overdue by {}", en_days(-days)),
    },
    reorder_none: "Nothing is due for reorder. Products you order regularly appear here when they are due.",
    loading: "Loading suggestions…",
    add: "Add",
    add_named: |name| format!("Add {name} to the cart"),
    added: "Added",
    retry: "Try again",
};

pub const HE: SuggestionsTexts = SuggestionsTexts {
    together_title: "נקנים לעתים קרובות יחד",
    together_intro: "מוצרים שמוזמנים לעתים קרובות יחד עם מה שבסל שלך.",
    together_reason: |sku, orders| {
        if orders == 1 {
            format!("נקנה יחד עם {sku} בהזמנה אחת")
        } else {
            format!("נקנה יחד עם {sku} ב־{orders} הזמנות")
        }
    },
    together_empty_cart: "הוסיפו מוצרים לסל כדי לראות מה נקנה איתם לעתים קרובות.",
    together_none: "אין עדיין הצעות לסל הזה.",
    reorder_title: "הגיע הזמן להזמין שוב",
    reorder_intro: "מוצרים שהחברה שלך מזמינה באופן קבוע ושהגיע מועדם.",
    reorder_reason: |interval, since| {
        let since = if since == 0 {
            "היום".to_owned()
        } else {
            format!("לפני {}", he_days(since))
        };
        format!(
            "אתם מזמינים את זה בערך כל {}; הזמנה אחרונה {since}",
            he_days(interval)
        )
    },
    due: |days| match days {
        0 => "מועד ההזמנה היום".to_owned(),
        days if days > 0 => format!("מועד ההזמנה בעוד {}", he_days(days)),
        days => format!("באיחור של {}", he_days(-days)),
    },
    reorder_none: "אין כרגע מוצרים להזמנה חוזרת. מוצרים שאתם מזמינים באופן קבוע יופיעו כאן כשיגיע מועדם.",
    loading: "טוען הצעות…",
    add: "הוספה",
    add_named: |name| format!("הוספת {name} לסל"),
    added: "נוסף",
    retry: "ניסיון נוסף",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_days_read_naturally_in_both_languages() {
        assert_eq!((EN.due)(1), "Due in 1 day");
        assert_eq!((EN.due)(0), "Due today");
        assert_eq!((EN.due)(-3), "Overdue by 3 days");
        assert_eq!(
            (EN.reorder_reason)(14, 13),
            "You order this about every 14 days; last ordered 13 days ago"
        );
        assert_eq!((HE.due)(2), "מועד ההזמנה בעוד יומיים");
        assert_eq!(
            (EN.together_reason)("SCR-101", 14),
            "Bought together with SCR-101 in 14 orders"
        );
    }
}
