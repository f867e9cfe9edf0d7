//! Hebrew texts, the default language.

use super::{
    AppTexts, CompaniesTexts, ErrorTexts, HomeTexts, LoginTexts, NotFoundTexts, RoleTexts, Texts,
    UsersTexts,
};

pub const HE: Texts = Texts {
    app: AppTexts {
        product_name: "פורטל סיטונאי",
        language_name: "עברית",
        skip_to_content: "דילוג לתוכן",
        main_navigation: "ניווט ראשי",
        menu: "תפריט",
        home: "דף הבית",
        users: "משתמשים",
        companies: "חברות",
        logout: "התנתקות",
        loading: "טוען…",
        account: "המשתמש המחובר",
    },
    roles: RoleTexts {
        buyer: "קניין",
        approver: "מאשר",
        viewer: "צופה",
        company_admin: "מנהל חברה",
        supplier_staff: "צוות הספק",
    },
    errors: ErrorTexts {
        unauthenticated: "תוקף ההתחברות הסתיים. נא להתחבר שוב.",
        forbidden: "אין לך הרשאה לפעולה הזו.",
        not_found: "הפריט לא נמצא.",
        bad_user_input: "חלק מהפרטים אינם תקינים. נא לבדוק ולנסות שוב.",
        out_of_stock: "אין מספיק מלאי.",
        credit_limit: "הפעולה חורגת ממסגרת האשראי.",
        invalid_transition: "לא ניתן לבצע את הפעולה במצב הנוכחי.",
        conflict: "הפריט כבר קיים או שונה בינתיים. נא לרענן ולנסות שוב.",
        rate_limited: "יותר מדי ניסיונות. נא להמתין מספר דקות ולנסות שוב.",
        internal: "אירעה תקלה בשרת. נא לנסות שוב מאוחר יותר.",
        network: "אין חיבור לשרת. נא לבדוק את החיבור ולנסות שוב.",
        invalid_response: "התקבלה מהשרת תשובה לא צפויה.",
    },
    login: LoginTexts {
        title: "כניסה",
        subtitle: "הזמנות, חשבוניות ומצב החשבון, במקום אחד.",
        email: "דואר אלקטרוני",
        password: "סיסמה",
        submit: "כניסה",
        submitting: "מתחברים…",
        wrong_credentials: "הדואר האלקטרוני או הסיסמה שגויים",
    },
    home: HomeTexts {
        greeting,
        buyer_intro: "כאן מרכיבים ושולחים את ההזמנות של החברה. הזמנה שחורגת מכללי האישור של החברה עוברת קודם למאשר.",
        approver_intro: "כאן מאשרים או דוחים הזמנות ממתינות של החברה, בגבולות סמכות האישור שלך, ואפשר גם להזמין.",
        viewer_intro: "כאן צופים בהזמנות, בחשבוניות ובכרטסת של החברה. תפקיד זה אינו מבצע הזמנות.",
        company_admin_intro: "כאן מנהלים את המשתמשים של החברה ואת התפקידים שלהם.",
        supplier_staff_intro: "כאן מנהלים את המשרד האחורי: חברות לקוחות, קטלוג, מחירים, מלאי, הזמנות וחשבוניות.",
        users_card_title: "משתמשים",
        users_card_text: "הוספת אנשים, שינוי תפקידים והפסקת גישה.",
        companies_card_title: "חברות",
        companies_card_text: "חברות הלקוחות, מסגרות האשראי, תנאי התשלום והמשתמשים שלהן.",
        company_card_title: "החברה שלך",
        role_card_title: "התפקיד שלך",
        coming_soon: "חלקים נוספים של הפורטל ייפתחו כאן בקרוב.",
    },
    users: UsersTexts {
        title: "משתמשים",
        intro: "האנשים בחברה שיכולים להתחבר, ומה כל אחד מהם רשאי לעשות.",
        name: "שם",
        email: "דואר אלקטרוני",
        role: "תפקיד",
        status: "מצב",
        actions: "פעולות",
        active: "פעיל",
        inactive: "לא פעיל",
        activate: "הפעלה",
        deactivate: "השבתה",
        confirm_deactivate,
        confirm_yes: "כן, להשבית",
        cancel: "ביטול",
        role_of,
        you: "(את/ה)",
        empty: "עדיין אין משתמשים בחברה.",
        saved: "השינויים נשמרו",
        add_title: "הוספת משתמש",
        password: "סיסמה ראשונית",
        password_hint: "לפחות 10 תווים. יש למסור אותה למשתמש באופן אישי.",
        add_submit: "הוספת משתמש",
        adding: "מוסיפים…",
        added,
        email_taken: "כבר קיים משתמש עם הדואר האלקטרוני הזה",
    },
    companies: CompaniesTexts {
        title: "חברות",
        intro: "חברות הלקוחות, תנאי האשראי שלהן ומספר המשתמשים בכל אחת.",
        name: "שם",
        vat_number: "מספר עוסק",
        credit_limit: "מסגרת אשראי",
        payment_terms: "תנאי תשלום",
        users: "משתמשים",
        status: "מצב",
        active: "פעילה",
        inactive: "לא פעילה",
        empty: "עדיין אין חברות לקוחות.",
        net_days,
        end_of_month_plus,
    },
    not_found: NotFoundTexts {
        title: "הדף לא נמצא",
        text: "הכתובת שגויה, או שהדף עבר למקום אחר.",
        back_home: "חזרה לדף הבית",
    },
};

fn greeting(name: &str) -> String {
    format!("שלום, {name}")
}

fn confirm_deactivate(name: &str) -> String {
    format!("להשבית את {name}? לא תהיה לו עוד אפשרות להתחבר.")
}

fn role_of(name: &str) -> String {
    format!("התפקיד של {name}")
}

fn added(email: &str) -> String {
    format!("המשתמש {email} נוסף")
}

fn net_days(days: u32) -> String {
    format!("נטו {days} יום")
}

fn end_of_month_plus(days: u32) -> String {
    format!("שוטף + {days}")
}
