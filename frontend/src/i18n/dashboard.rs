//! The staff dashboard: measures, charts, the period picker and low stock.
//!
//! The shape and both languages live together here, so the screen of this feature
//! changes one file.

pub struct DashboardTexts {
    /// The navigation entry.
    pub nav_label: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    /// The home page's card.
    pub card_text: &'static str,

    pub period: &'static str,
    pub last_7_days: &'static str,
    pub last_30_days: &'static str,
    pub last_90_days: &'static str,
    pub last_year: &'static str,
    pub custom: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub apply: &'static str,
    pub reversed_period: &'static str,
    pub missing_dates: &'static str,
    /// The period shown, from and to as `dd/mm/yyyy`.
    pub showing: fn(&str, &str) -> String,
    pub retry: &'static str,
    pub empty: &'static str,
    /// A measure without data to compute it from.
    pub no_value: &'static str,

    pub orders: &'static str,
    /// "3 orders".
    pub order_count: fn(u64) -> String,
    pub revenue: &'static str,
    pub revenue_hint: &'static str,
    pub average_order_value: &'static str,
    pub delivery_time: &'static str,
    /// Over how many delivered orders.
    pub delivered_orders: fn(u64) -> String,
    pub approval_turnaround: &'static str,
    pub decisions: fn(u64, u64) -> String,
    pub return_rate: &'static str,
    /// Returned units of sold units.
    pub returned_units: fn(u64, u64) -> String,
    pub picking_accuracy: &'static str,
    pub wrong_items: fn(u64, u64) -> String,
    pub purchase_frequency: &'static str,
    pub purchase_frequency_hint: &'static str,
    /// A duration in hours, written out (days and hours above two days).
    pub duration: fn(f64) -> String,

    pub orders_chart_by_day: &'static str,
    pub orders_chart_by_week: &'static str,
    pub revenue_chart_by_day: &'static str,
    pub revenue_chart_by_week: &'static str,
    pub chart_hint: &'static str,
    /// The week starting on the given day.
    pub week_of: fn(&str) -> String,
    pub status_title: &'static str,
    pub status_total: fn(u64) -> String,

    pub customers_title: &'static str,
    pub company: &'static str,
    pub per_30_days: &'static str,
    pub customers_empty: &'static str,

    pub low_stock_title: &'static str,
    pub low_stock_intro: &'static str,
    pub sku: &'static str,
    pub product: &'static str,
    pub available: &'static str,
    pub sold_30_days: &'static str,
    pub days_of_cover: &'static str,
    pub no_recent_sales: &'static str,
    pub low_stock_empty: &'static str,
}

fn he_duration(hours: f64) -> String {
    if hours < 48.0 {
        format!("{hours:.1} שעות")
    } else {
        format!("{:.1} ימים", hours / 24.0)
    }
}

fn en_duration(hours: f64) -> String {
    if hours < 48.0 {
        format!("{hours:.1} hours")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

pub const HE: DashboardTexts = DashboardTexts {
    nav_label: "לוח בקרה",
    title: "לוח בקרה",
    intro: "איך העסק מתפקד: הזמנות, הכנסות, זמני טיפול, החזרות ומלאי רגיש. הסכומים לפני מע\"מ.",
    card_text: "הזמנות, הכנסות, זמני טיפול, החזרות ומלאי רגיש בתקופה שבוחרים.",
    period: "תקופה",
    last_7_days: "7 ימים",
    last_30_days: "30 ימים",
    last_90_days: "90 ימים",
    last_year: "שנה",
    custom: "טווח אחר",
    from: "מתאריך",
    to: "עד תאריך",
    apply: "הצג",
    reversed_period: "תאריך הסיום לפני תאריך ההתחלה",
    missing_dates: "יש לבחור תאריך התחלה ותאריך סיום",
    showing: |from, to| format!("מוצג: {from} עד {to}"),
    retry: "לנסות שוב",
    empty: "אין הזמנות בתקופה הזו. אפשר לבחור תקופה ארוכה יותר.",
    no_value: "—",
    orders: "הזמנות",
    order_count: |count| {
        if count == 1 {
            "הזמנה אחת".to_owned()
        } else {
            format!("{count} הזמנות")
        }
    },
    revenue: "הכנסות נטו",
    revenue_hint: "לפני מע\"מ",
    average_order_value: "הזמנה ממוצעת",
    delivery_time: "משליחה ועד אספקה",
    delivered_orders: |count| format!("ממוצע של {count} הזמנות שסופקו"),
    approval_turnaround: "זמן אישור",
    decisions: |approved, rejected| format!("{approved} אושרו, {rejected} נדחו"),
    return_rate: "שיעור החזרות",
    returned_units: |returned, sold| format!("{returned} מתוך {sold} יחידות"),
    picking_accuracy: "דיוק ליקוט",
    wrong_items: |wrong, fulfilled| format!("{wrong} מתוך {fulfilled} הזמנות הוחזרו כפריט שגוי"),
    purchase_frequency: "תדירות רכישה",
    purchase_frequency_hint: "הזמנות ללקוח ב-30 יום",
    duration: he_duration,
    orders_chart_by_day: "הזמנות ליום",
    orders_chart_by_week: "הזמנות לשבוע",
    revenue_chart_by_day: "הכנסות נטו ליום",
    revenue_chart_by_week: "הכנסות נטו לשבוע",
    chart_hint: "ריחוף, הקשה או מעבר עם Tab על עמודה מציגים את ערכה.",
    week_of: |day| format!("השבוע של {day}"),
    status_title: "הזמנות לפי סטטוס",
    status_total: |count| format!("{count} הזמנות נוצרו בתקופה"),
    customers_title: "תדירות רכישה לפי לקוח",
    company: "לקוח",
    per_30_days: "ב-30 יום",
    customers_empty: "אף לקוח לא הזמין בתקופה הזו.",
    low_stock_title: "מלאי רגיש",
    low_stock_intro: "מוצרים עם 5 יחידות זמינות או פחות, לפי מספר ימי המלאי שנותרו בקצב המכירות של 30 הימים האחרונים.",
    sku: "מק\"ט",
    product: "מוצר",
    available: "זמין",
    sold_30_days: "נמכרו ב-30 יום",
    days_of_cover: "ימי מלאי",
    no_recent_sales: "אין מכירות",
    low_stock_empty: "אין מוצרים במלאי נמוך.",
};

pub const EN: DashboardTexts = DashboardTexts {
    nav_label: "Dashboard",
    title: "Dashboard",
    intro: "How the business performs: orders, revenue, handling times, returns and sensitive stock. Amounts before VAT.",
    card_text: "Orders, revenue, handling times, returns and sensitive stock over a period you choose.",
    period: "Period",
    last_7_days: "7 days",
    last_30_days: "30 days",
    last_90_days: "90 days",
    last_year: "Year",
    custom: "Custom",
    from: "From",
    to: "To",
    apply: "Show",
    reversed_period: "The end date is before the start date",
    missing_dates: "Choose a start date and an end date",
    showing: |from, to| format!("Showing {from} to {to}"),
    retry: "Try again",
    empty: "No orders in this period. Try a longer one.",
    no_value: "—",
    orders: "Orders",
    order_count: |count| {
        if count == 1 {
            "1 order".to_owned()
        } else {
            format!("{count} orders")
        }
    },
    revenue: "Net revenue",
    revenue_hint: "Before VAT",
    average_order_value: "Average order",
    delivery_time: "Submission to delivery",
    delivered_orders: |count| format!("Mean of {count} delivered orders"),
    approval_turnaround: "Approval time",
    decisions: |approved, rejected| format!("{approved} approved, {rejected} rejected"),
    return_rate: "Return rate",
    returned_units: |returned, sold| format!("{returned} of {sold} units"),
    picking_accuracy: "Picking accuracy",
    wrong_items: |wrong, fulfilled| {
        format!("{wrong} of {fulfilled} orders returned as a wrong item")
    },
    purchase_frequency: "Purchase frequency",
    purchase_frequency_hint: "Orders per customer per 30 days",
    duration: en_duration,
    orders_chart_by_day: "Orders per day",
    orders_chart_by_week: "Orders per week",
    revenue_chart_by_day: "Net revenue per day",
    revenue_chart_by_week: "Net revenue per week",
    chart_hint: "Hover, tap or Tab to a bar to see its value.",
    week_of: |day| format!("Week of {day}"),
    status_title: "Orders by status",
    status_total: |count| format!("{count} orders created in the period"),
    customers_title: "Purchase frequency by customer",
    company: "Customer",
    per_30_days: "Per 30 days",
    customers_empty: "No customer ordered in this period.",
    low_stock_title: "Sensitive stock",
    low_stock_intro: "Products with 5 or fewer units available, by the days the stock lasts at the last 30 days' rate of sales.",
    sku: "SKU",
    product: "Product",
    available: "Available",
    sold_30_days: "Sold in 30 days",
    days_of_cover: "Days of cover",
    no_recent_sales: "No sales",
    low_stock_empty: "No products are low on stock.",
};
