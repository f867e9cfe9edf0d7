//! The company admin's approval rules, limits and cost centres.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

pub struct CompanyRulesTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub no_limit: &'static str,
    pub unlimited: &'static str,
    pub does_not_apply: &'static str,
    pub keyboard_hint: &'static str,
    pub amount_not_a_number: &'static str,
    pub amount_out_of_range: &'static str,
    pub amount_too_precise: &'static str,

    pub thresholds_title: &'static str,
    pub thresholds_intro: &'static str,
    pub auto_toggle: &'static str,
    pub auto_label: &'static str,
    pub dual_toggle: &'static str,
    pub dual_label: &'static str,
    pub amount_hint: &'static str,
    pub threshold_missing: &'static str,
    pub dual_not_above_auto: &'static str,
    pub save_thresholds: &'static str,
    pub thresholds_saved: &'static str,
    pub example_title: &'static str,
    pub tier_no_rules: &'static str,
    /// Up to the first threshold (an amount): straight to the supplier.
    pub tier_straight: fn(&str) -> String,
    /// Above the first threshold and up to the second: one approval.
    pub tier_one_between: fn(&str, &str) -> String,
    /// Above the only threshold: one approval.
    pub tier_one_above: fn(&str) -> String,
    /// Above the two-approver threshold: two approvers.
    pub tier_two_above: fn(&str) -> String,
    /// An example order (net, gross) that needs one approval.
    pub example_one: fn(&str, &str) -> String,
    /// An example order (net, gross) that needs two approvers.
    pub example_two: fn(&str, &str) -> String,
    pub other_rules_note: &'static str,

    pub limits_title: &'static str,
    pub limits_intro: &'static str,
    pub column_user: &'static str,
    pub column_role: &'static str,
    pub column_order_limit: &'static str,
    pub column_approval_limit: &'static str,
    pub column_save: &'static str,
    pub order_limit_of: fn(&str) -> String,
    pub approval_limit_of: fn(&str) -> String,
    pub save_limits_of: fn(&str) -> String,
    pub inactive: &'static str,
    pub users_empty: &'static str,

    pub cost_centers_title: &'static str,
    pub cost_centers_intro: &'static str,
    pub column_name: &'static str,
    pub column_budget: &'static str,
    /// The column with this month's spending against the budget.
    pub column_this_month: &'static str,
    /// "₪ 1,200.00 spent": this month's spending without a budget.
    pub spent: fn(&str) -> String,
    /// "₪ 1,200.00 spent, ₪ 38,800.00 left".
    pub spent_and_left: fn(&str, &str) -> String,
    /// "₪ 1,200.00 spent, ₪ 240.00 over budget".
    pub spent_and_over: fn(&str, &str) -> String,
    pub name_of: fn(&str) -> String,
    pub budget_of: fn(&str) -> String,
    pub save_cost_center_of: fn(&str) -> String,
    pub cost_centers_empty: &'static str,
    pub add_title: &'static str,
    pub new_name: &'static str,
    pub new_budget: &'static str,
    pub budget_hint: &'static str,
    pub add_submit: &'static str,
    pub adding: &'static str,
    pub added: fn(&str) -> String,
    pub name_required: &'static str,
    pub name_taken: &'static str,
}

pub const HE: CompanyRulesTexts = CompanyRulesTexts {
    title: "כללי אישור",
    intro: "מתי הזמנה צריכה אישור לפני שהיא נשלחת לספק, עד כמה כל משתמש רשאי להזמין ולאשר, ואילו תקציבים חודשיים יש למרכזי העלות.",
    save: "שמירה",
    saving: "שומר…",
    saved: "נשמר",
    no_limit: "ללא הגבלה",
    unlimited: "ללא תקרה",
    does_not_apply: "לא רלוונטי",
    keyboard_hint: "Enter שומר את השורה, Escape מבטל את השינויים בה.",
    amount_not_a_number: "נא להזין סכום בשקלים, למשל 5000",
    amount_out_of_range: "נא להזין סכום בין 0 ל־1,000,000,000",
    amount_too_precise: "אפשר עד 4 ספרות אחרי הנקודה",

    thresholds_title: "ספי אישור",
    thresholds_intro: "הסכומים הם לפני מע״מ, לכל ההזמנה. הזמנה עד הסף הראשון עוברת ישר לספק.",
    auto_toggle: "הזמנה מעל סכום מסוים צריכה אישור אחד",
    auto_label: "אישור אחד מעל (₪, לפני מע״מ)",
    dual_toggle: "הזמנה מעל סכום גבוה יותר צריכה שני מאשרים שונים",
    dual_label: "שני מאשרים מעל (₪, לפני מע״מ)",
    amount_hint: "אפשר לכתוב עם פסיקים, למשל 5,000.",
    threshold_missing: "נא להזין סכום, או לבטל את הכלל הזה",
    dual_not_above_auto: "הסכום לשני מאשרים חייב להיות גבוה מהסכום לאישור אחד",
    save_thresholds: "שמירת הספים",
    thresholds_saved: "ספי האישור נשמרו",
    example_title: "מה קורה להזמנה לפי הסכומים שלמעלה",
    tier_no_rules: "כל הזמנה עוברת ישר לספק, אלא אם היא חורגת מהמגבלה של הקניין או מהתקציב של מרכז העלות.",
    tier_straight: |amount| format!("עד {amount} לפני מע״מ: עוברת ישר לספק"),
    tier_one_between: |auto, dual| format!("מעל {auto} ועד {dual}: צריכה אישור של מאשר אחד"),
    tier_one_above: |auto| format!("מעל {auto}: צריכה אישור של מאשר אחד"),
    tier_two_above: |dual| format!("מעל {dual}: צריכה אישור של שני מאשרים שונים"),
    example_one: |net, gross| {
        format!("לדוגמה: הזמנה של {net} לפני מע״מ ({gross} כולל מע״מ) צריכה אישור אחד.")
    },
    example_two: |net, gross| {
        format!("לדוגמה: הזמנה של {net} לפני מע״מ ({gross} כולל מע״מ) צריכה שני מאשרים שונים.")
    },
    other_rules_note: "בנוסף: הזמנה מעל המגבלה להזמנה של הקניין צריכה אישור, וכך גם הזמנה שחורגת מהתקציב החודשי של מרכז העלות. מאשר יכול לאשר רק הזמנות עד סמכות האישור שלו.",

    limits_title: "מגבלות לכל משתמש",
    limits_intro: "מגבלה להזמנה: הזמנה של המשתמש מעל הסכום הזה צריכה אישור גם מתחת לספים. סמכות אישור: ההזמנה הגדולה ביותר (לפני מע״מ) שהמאשר רשאי לאשר. שדה ריק: ללא הגבלה.",
    column_user: "משתמש",
    column_role: "תפקיד",
    column_order_limit: "מגבלה להזמנה",
    column_approval_limit: "סמכות אישור",
    column_save: "שמירה",
    order_limit_of: |name| format!("מגבלה להזמנה של {name}"),
    approval_limit_of: |name| format!("סמכות האישור של {name}"),
    save_limits_of: |name| format!("שמירת המגבלות של {name}"),
    inactive: "לא פעיל",
    users_empty: "עדיין אין משתמשים בחברה. אפשר להוסיף אותם בדף המשתמשים.",

    cost_centers_title: "מרכזי עלות ותקציבים חודשיים",
    cost_centers_intro: "פרויקט, סניף או מחלקה שאפשר לחייב בהם הזמנה. הזמנה שמעבירה את מרכז העלות מעבר לתקציב החודשי שלו (לפני מע״מ) צריכה אישור. תקציב ריק: ללא תקרה.",
    column_name: "שם",
    column_budget: "תקציב חודשי",
    column_this_month: "החודש",
    spent: |spent| format!("נוצלו \u{2066}{spent}\u{2069}"),
    spent_and_left: |spent, left| {
        format!("נוצלו \u{2066}{spent}\u{2069}, נותרו \u{2066}{left}\u{2069}")
    },
    spent_and_over: |spent, over| {
        format!("נוצלו \u{2066}{spent}\u{2069}, חריגה של \u{2066}{over}\u{2069}")
    },
    name_of: |name| format!("השם של מרכז העלות {name}"),
    budget_of: |name| format!("התקציב החודשי של {name}"),
    save_cost_center_of: |name| format!("שמירת מרכז העלות {name}"),
    cost_centers_empty: "עדיין אין מרכזי עלות. אפשר להוסיף את הראשון כאן למטה, ואז הקניינים יוכלו לחייב בו הזמנות.",
    add_title: "הוספת מרכז עלות",
    new_name: "שם מרכז העלות",
    new_budget: "תקציב חודשי (₪, לפני מע״מ)",
    budget_hint: "ריק: ללא תקרה.",
    add_submit: "הוספת מרכז עלות",
    adding: "מוסיף…",
    added: |name| format!("מרכז העלות {name} נוסף"),
    name_required: "נא להזין שם של עד 120 תווים",
    name_taken: "כבר יש מרכז עלות בשם הזה",
};

pub const EN: CompanyRulesTexts = CompanyRulesTexts {
    title: "Approval rules",
    intro: "When an order needs approval before it goes to the supplier, how much each user may order and approve, and the monthly budgets of your cost centres.",
    save: "Save",
    saving: "Saving…",
    saved: "Saved",
    no_limit: "No limit",
    unlimited: "Unlimited",
    does_not_apply: "Does not apply",
    keyboard_hint: "Enter saves a row, Escape undoes its changes.",
    amount_not_a_number: "Enter an amount in shekels, such as 5000",
    amount_out_of_range: "Enter an amount between 0 and 1,000,000,000",
    amount_too_precise: "Use at most 4 decimal places",

    thresholds_title: "Approval thresholds",
    thresholds_intro: "Amounts are before VAT, for the whole order. An order up to the first threshold goes straight to the supplier.",
    auto_toggle: "Orders above an amount need one approval",
    auto_label: "One approval above (₪, before VAT)",
    dual_toggle: "Orders above a higher amount need two different approvers",
    dual_label: "Two approvers above (₪, before VAT)",
    amount_hint: "Commas are fine, such as 5,000.",
    threshold_missing: "Enter an amount, or turn this rule off",
    dual_not_above_auto: "The two-approver amount must be above the one-approval amount",
    save_thresholds: "Save thresholds",
    thresholds_saved: "The approval thresholds were saved",
    example_title: "What happens to an order with the amounts above",
    tier_no_rules: "Every order goes straight to the supplier, unless it is above the buyer's own limit or over a cost centre's budget.",
    tier_straight: |amount| format!("Up to {amount} before VAT: goes straight to the supplier"),
    tier_one_between: |auto, dual| {
        format!("Above {auto} and up to {dual}: one approver must approve")
    },
    tier_one_above: |auto| format!("Above {auto}: one approver must approve"),
    tier_two_above: |dual| format!("Above {dual}: two different approvers must approve"),
    example_one: |net, gross| {
        format!("For example, an order of {net} before VAT ({gross} with VAT) needs one approval.")
    },
    example_two: |net, gross| {
        format!(
            "For example, an order of {net} before VAT ({gross} with VAT) needs two different approvers."
        )
    },
    other_rules_note: "Also: an order above the buyer's own per-order limit needs an approval, and so does an order that takes a cost centre over its monthly budget. An approver can approve only orders up to their approval limit.",

    limits_title: "Limits per user",
    limits_intro: "Per-order limit: an order by this user above it needs approval, even below the thresholds. Approval limit: the largest order (before VAT) this approver may approve. Empty: no limit.",
    column_user: "User",
    column_role: "Role",
    column_order_limit: "Per-order limit",
    column_approval_limit: "Approval limit",
    column_save: "Save",
    order_limit_of: |name| format!("Per-order limit of {name}"),
    approval_limit_of: |name| format!("Approval limit of {name}"),
    save_limits_of: |name| format!("Save the limits of {name}"),
    inactive: "Inactive",
    users_empty: "Your company has no users yet. Add them on the Users page.",

    cost_centers_title: "Cost centres and monthly budgets",
    cost_centers_intro: "A project, branch or department that orders are charged to. An order that takes a cost centre over its monthly budget (before VAT) needs approval. Empty budget: unlimited.",
    column_name: "Name",
    column_budget: "Monthly budget",
    column_this_month: "This month",
    spent: |spent| format!("{spent} spent"),
    spent_and_left: |spent, left| format!("{spent} spent, {left} left"),
    spent_and_over: |spent, over| format!("{spent} spent, {over} over budget"),
    name_of: |name| format!("Name of cost centre {name}"),
    budget_of: |name| format!("Monthly budget of {name}"),
    save_cost_center_of: |name| format!("Save cost centre {name}"),
    cost_centers_empty: "No cost centres yet. Add the first one below, then buyers can charge orders to it.",
    add_title: "Add a cost centre",
    new_name: "Cost centre name",
    new_budget: "Monthly budget (₪, before VAT)",
    budget_hint: "Empty: unlimited.",
    add_submit: "Add cost centre",
    adding: "Adding…",
    added: |name| format!("Cost centre {name} added"),
    name_required: "Enter a name of up to 120 characters",
    name_taken: "A cost centre with this name already exists",
};
