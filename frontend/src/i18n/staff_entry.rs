//! Staff order entry: orders a customer gave by phone, e-mail or WhatsApp.
//!
//! The shape and both languages live together here, so the screen of this feature
//! changes one file.

use super::cart::{en_lines, he_lines};

pub struct StaffEntryTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub new_order: &'static str,
    pub confirm_discard: &'static str,

    pub customer_title: &'static str,
    pub choose_company: &'static str,
    pub channel: &'static str,
    /// The chosen company is not active.
    pub company_suspended: fn(&str) -> String,

    pub lines_title: &'static str,
    pub base_prices_hint: &'static str,
    pub base_price: &'static str,
    pub quick_help: &'static str,
    pub paste_add: fn(usize) -> String,
    pub pasted: fn(usize) -> String,
    pub no_such_sku: &'static str,
    /// The product exists but the company's assortment does not hold it.
    pub not_in_company_catalog: fn(&str) -> String,
    pub bad_quantity: &'static str,

    pub note: &'static str,
    pub place: &'static str,
    pub placing: &'static str,
    pub not_ready_suspended: &'static str,
    pub not_ready_no_lines: &'static str,
    pub not_ready_checking: &'static str,
    pub not_ready_row_problems: &'static str,
    pub nothing_placed: &'static str,
    pub failed_out_of_stock: &'static str,
    pub failed_credit_limit: fn(&str) -> String,
    pub failed_bad_input: fn(&str) -> String,
    pub failed_no_company: &'static str,

    pub placed_title: &'static str,
    /// The company and the channel in words.
    pub placed_text: fn(&str, &str) -> String,
    pub placed_total: &'static str,
    pub enter_another: &'static str,
}

pub const HE: StaffEntryTexts = StaffEntryTexts {
    title: "הזמנה עבור לקוח",
    intro: "הזמנה שהתקבלה בטלפון, בדואר אלקטרוני או בוואטסאפ. הקטלוג, המחירים, המלאי ומסגרת האשראי של הלקוח חלים כמו בפורטל, וההזמנה נכנסת ישר לתור.",
    new_order: "הזמנה חדשה",
    confirm_discard: "להתחיל הזמנה חדשה? השורות שהוקלדו יימחקו.",

    customer_title: "לקוח",
    choose_company: "בחרו את החברה שהזמינה",
    channel: "איך התקבלה ההזמנה",
    company_suspended: |company| format!("החברה {company} מושעית: אי אפשר להזין עבורה הזמנות."),

    lines_title: "שורות ההזמנה",
    base_prices_hint: "המחירים בטבלה הם מחירי הבסיס. ההזמנה מתומחרת לפי המחירון של הלקוח.",
    base_price: "מחיר בסיס",
    quick_help: "הקלידו מק״ט ולחצו Enter למעבר לכמות; Enter נוסף עובר לשורה הבאה. Ctrl+Enter מבצע את ההזמנה.",
    paste_add: |count| format!("הוספת {} להזמנה", he_lines(count)),
    pasted: |count| format!("{} נוספו להזמנה.", he_lines(count)),
    no_such_sku: "אין מוצר עם המק״ט הזה",
    not_in_company_catalog: |company| format!("לא בקטלוג של {company}"),
    bad_quantity: "כמות לא תקינה",

    note: "הערה להזמנה (לא חובה)",
    place: "ביצוע ההזמנה",
    placing: "שולחים את ההזמנה…",
    not_ready_suspended: "החברה מושעית: אי אפשר להזין עבורה הזמנות.",
    not_ready_no_lines: "הקלידו לפחות מק״ט אחד, או הדביקו שורות.",
    not_ready_checking: "רגע: המק״טים עדיין נבדקים. נסו שוב בעוד רגע.",
    not_ready_row_problems: "תקנו את השורות המסומנות. ההזמנה לא נשלחה.",
    nothing_placed: "ההזמנה לא בוצעה, ושום דבר לא נשמר.",
    failed_out_of_stock: "אין מספיק מלאי לאחת השורות: הזמנה אחרת לקחה אותו בינתיים. עמודת הזמינות מראה את המלאי העדכני; הקטינו את הכמות.",
    failed_credit_limit: |company| {
        format!(
            "ההזמנה חורגת ממסגרת האשראי של {company}. האשראי הפנוי מופיע למעלה: רשמו תשלום שהתקבל, או הזינו הזמנה קטנה יותר."
        )
    },
    failed_bad_input: |company| {
        format!(
            "השרת דחה את ההזמנה: מק״ט שאינו בקטלוג של {company}, כמות שאינה באריזות שלמות או מתחת למינימום, או חברה מושעית. בדקו את השורות."
        )
    },
    failed_no_company: "החברה לא נמצאה. רעננו את הדף ובחרו אותה שוב.",

    placed_title: "ההזמנה בוצעה",
    placed_text: |company, channel| {
        format!("עבור {company}, התקבלה ב{channel}. היא ממתינה בתור ההזמנות.")
    },
    placed_total: "סה״כ כולל מע״מ:",
    enter_another: "הזנת הזמנה נוספת",
};

pub const EN: StaffEntryTexts = StaffEntryTexts {
    title: "Enter an order for a customer",
    intro: "An order that came by phone, e-mail or WhatsApp. The customer's catalog, prices, stock and credit limit apply as in the portal, and the order goes straight to the queue.",
    new_order: "New order",
    confirm_discard: "Start a new order? The lines typed so far will be lost.",

    customer_title: "Customer",
    choose_company: "Choose the company that ordered",
    channel: "How the order came in",
    company_suspended: |company| {
        format!("{company} is suspended: no orders can be entered for it.")
    },

    lines_title: "Order lines",
    base_prices_hint: "Prices in the table are base prices. The order is priced at the customer's own prices.",
    base_price: "Base price",
    quick_help: "Type a SKU and press Enter to go to its quantity; Enter again moves to the next row. Ctrl+Enter places the order.",
    paste_add: |count| format!("Add {} to the order", en_lines(count)),
    pasted: |count| format!("{} added to the order.", en_lines(count)),
    no_such_sku: "No product has this SKU",
    not_in_company_catalog: |company| format!("Not in {company}'s catalog"),
    bad_quantity: "Not a valid quantity",

    note: "Note on the order (optional)",
    place: "Place order",
    placing: "Placing the order…",
    not_ready_suspended: "The company is suspended: no orders can be entered for it.",
    not_ready_no_lines: "Type at least one SKU, or paste lines.",
    not_ready_checking: "One moment: the SKUs are still being checked. Try again in a moment.",
    not_ready_row_problems: "Fix the marked lines first. The order was not sent.",
    nothing_placed: "The order was not placed, and nothing was saved.",
    failed_out_of_stock: "One of the lines has not enough stock: another order took it meanwhile. The availability column shows the stock now; lower the quantity.",
    failed_credit_limit: |company| {
        format!(
            "The order would take {company} over its credit limit. Its available credit is shown above: record a payment that came in, or enter a smaller order."
        )
    },
    failed_bad_input: |company| {
        format!(
            "The server refused the order: a SKU outside {company}'s catalog, a quantity that is not whole packs or below the minimum, or a suspended company. Check the lines."
        )
    },
    failed_no_company: "The company was not found. Reload the page and choose it again.",

    placed_title: "Order placed",
    placed_text: |company, channel| {
        format!("For {company}, received by {channel}. It waits in the order queue.")
    },
    placed_total: "Total incl. VAT:",
    enter_another: "Enter another order",
};
