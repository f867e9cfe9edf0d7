//! Passwords: the forgotten-password and reset pages, changing the password and
//! logging out everywhere on the account's security page.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

use crate::api::{ApiError, ErrorCode};

pub struct PasswordTexts {
    pub forgot_link: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub email: &'static str,
    pub send_link: &'static str,
    pub sending: &'static str,
    pub sent: &'static str,
    pub back_to_login: &'static str,
    pub rate_limited: fn(u64) -> String,

    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub policy: &'static str,
    pub save_password: &'static str,
    pub saving: &'static str,
    pub reset_done: &'static str,
    pub sign_in: &'static str,
    pub link_missing: &'static str,
    pub link_invalid: &'static str,

    pub too_short: &'static str,
    pub too_long: &'static str,
    pub mismatch: &'static str,
    pub is_email: &'static str,
    pub common: &'static str,
    pub wrong_current: &'static str,
    pub same_as_current: &'static str,

    pub change_title: &'static str,
    pub current_password: &'static str,
    pub change_submit: &'static str,
    pub changed: &'static str,

    pub everywhere_title: &'static str,
    pub everywhere_intro: &'static str,
    pub everywhere_button: &'static str,
    pub everywhere_question: &'static str,
    pub everywhere_confirm: &'static str,
    pub cancel: &'static str,
}

impl PasswordTexts {
    /// A refusal of a password or a link in this language: the server's reasons are
    /// known sentences (English), recognised here; anything else is the code's sentence.
    pub fn refusal(&self, error: &ApiError, fallback: impl Fn(&ApiError) -> String) -> String {
        let ApiError::Api { code, message, .. } = error else {
            return fallback(error);
        };
        match code {
            ErrorCode::BadUserInput => {
                let known = [
                    ("not valid any more", self.link_invalid),
                    ("at least 10 characters", self.too_short),
                    ("at most 128 characters", self.too_long),
                    ("must not be your e-mail", self.is_email),
                    ("most common passwords", self.common),
                    ("current password is not correct", self.wrong_current),
                    ("must differ from the current", self.same_as_current),
                ];
                known
                    .iter()
                    .find(|(words, _)| message.contains(words))
                    .map(|(_, text)| (*text).to_owned())
                    .unwrap_or_else(|| fallback(error))
            }
            ErrorCode::RateLimited => {
                (self.rate_limited)(error.retry_after_seconds().unwrap_or(60))
            }
            _ => fallback(error),
        }
    }
}

pub const HE: PasswordTexts = PasswordTexts {
    forgot_link: "שכחת את הסיסמה?",
    forgot_title: "איפוס סיסמה",
    forgot_intro: "הזינו את כתובת הדואר האלקטרוני של החשבון ונשלח אליה קישור לבחירת סיסמה חדשה.",
    email: "דואר אלקטרוני",
    send_link: "שליחת קישור",
    sending: "שולחים…",
    sent: "אם קיים חשבון עם הכתובת הזו, נשלח אליה קישור. הקישור פועל פעם אחת, במשך 30 דקות.",
    back_to_login: "חזרה לכניסה",
    rate_limited: |seconds| {
        let minutes = seconds.div_ceil(60);
        if minutes <= 1 {
            "יותר מדי בקשות. אפשר לנסות שוב בעוד דקה.".to_owned()
        } else {
            format!("יותר מדי בקשות. אפשר לנסות שוב בעוד {minutes} דקות.")
        }
    },

    reset_title: "בחירת סיסמה חדשה",
    reset_intro: "הסיסמה החדשה תחליף את הקודמת, וכל החיבורים הפתוחים לחשבון יסתיימו.",
    new_password: "סיסמה חדשה",
    repeat_password: "הסיסמה החדשה שוב",
    policy: "לפחות 10 תווים, לא כתובת הדואר האלקטרוני ולא סיסמה נפוצה. כמה מילים שאינן קשורות זו לזו יוצרות סיסמה טובה שקל לזכור.",
    save_password: "שמירת הסיסמה",
    saving: "שומרים…",
    reset_done: "הסיסמה הוחלפה. אפשר להיכנס עם הסיסמה החדשה.",
    sign_in: "כניסה",
    link_missing: "בעמוד הזה משתמשים דרך הקישור שבדואר האלקטרוני. אפשר לבקש קישור חדש.",
    link_invalid: "הקישור כבר אינו תקף (השתמשו בו, או שעברו יותר מ-30 דקות). אפשר לבקש קישור חדש.",

    too_short: "הסיסמה צריכה להכיל לפחות 10 תווים. כמה מילים יחד יוצרות סיסמה ארוכה שקל לזכור.",
    too_long: "הסיסמה יכולה להכיל עד 128 תווים.",
    mismatch: "שתי הסיסמאות אינן זהות.",
    is_email: "הסיסמה לא יכולה להיות כתובת הדואר האלקטרוני שלך.",
    common: "זו אחת הסיסמאות הנפוצות וקל לנחש אותה. בחרו סיסמה אחרת.",
    wrong_current: "הסיסמה הנוכחית שגויה.",
    same_as_current: "הסיסמה החדשה צריכה להיות שונה מהנוכחית.",

    change_title: "החלפת סיסמה",
    current_password: "הסיסמה הנוכחית",
    change_submit: "החלפת הסיסמה",
    changed: "הסיסמה הוחלפה. החיבורים בשאר המכשירים הסתיימו.",

    everywhere_title: "יציאה מכל המכשירים",
    everywhere_intro: "מסיים את כל החיבורים לחשבון, בכל דפדפן ומכשיר, כולל זה.",
    everywhere_button: "יציאה מכל המכשירים",
    everywhere_question: "לצאת מהחשבון בכל המכשירים, כולל זה?",
    everywhere_confirm: "כן, לצאת מכולם",
    cancel: "ביטול",
};

pub const EN: PasswordTexts = PasswordTexts {
    forgot_link: "Forgot your password?",
    forgot_title: "Reset your password",
    forgot_intro: "Enter your account's e-mail address and we will send it a link to choose a new password.",
    email: "E-mail",
    send_link: "Send the link",
    sending: "Sending…",
    sent: "If an account uses this address, we sent it a link. The link works once, for 30 minutes.",
    back_to_login: "Back to sign in",
    rate_limited: |seconds| {
        let minutes = seconds.div_ceil(60);
        if minutes <= 1 {
            "Too many requests. Please try again in a minute.".to_owned()
        } else {
            format!("Too many requests. Please try again in {minutes} minutes.")
        }
    },

    reset_title: "Choose a new password",
    reset_intro: "The new password replaces the old one, and every open session of the account ends.",
    new_password: "New password",
    repeat_password: "New password again",
    policy: "At least 10 characters, not your e-mail address and not a common password. A few unrelated words make a good password that is easy to remember.",
    save_password: "Save the password",
    saving: "Saving…",
    reset_done: "Your password was changed. Sign in with the new one.",
    sign_in: "Sign in",
    link_missing: "This page is opened from the link in the e-mail. You can ask for a new link.",
    link_invalid: "This link is not valid any more (it was used, or more than 30 minutes have passed). You can ask for a new one.",

    too_short: "The password needs at least 10 characters. A few words together make a long password that is easy to remember.",
    too_long: "The password can have at most 128 characters.",
    mismatch: "The two passwords are not the same.",
    is_email: "The password cannot be your e-mail address.",
    common: "This is one of the most common passwords and easy to guess. Choose another one.",
    wrong_current: "The current password is not correct.",
    same_as_current: "The new password must differ from the current one.",

    change_title: "Change password",
    current_password: "Current password",
    change_submit: "Change the password",
    changed: "Your password was changed. Your sessions on other devices were ended.",

    everywhere_title: "Log out everywhere",
    everywhere_intro: "Ends every session of your account, in every browser and device, this one included.",
    everywhere_button: "Log out everywhere",
    everywhere_question: "Log out of your account on every device, this one included?",
    everywhere_confirm: "Yes, log out everywhere",
    cancel: "Cancel",
};
