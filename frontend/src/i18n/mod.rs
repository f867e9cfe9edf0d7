//! Every text the UI shows, in Hebrew (the default) and English.
//!
//! Each language is one constant [`Texts`] value: a key missing in one language is a
//! compile error, not a blank label at run time. Texts that embed a value (a name, a
//! number) are plain functions, so word order can differ between the languages.

mod accessibility;
mod cart;
mod catalog;
mod company_rules;
mod connectivity;
mod dashboard;
mod documents;
mod en;
mod fulfilment;
mod he;
mod integrations;
mod onboarding;
mod orders;
mod password;
mod payments;
mod security;
mod staff_entry;
mod staff_orders;
mod suggestions;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::api::{ApiError, ErrorCode};
use shared::Role;

pub use accessibility::AccessibilityTexts;
pub use cart::CartTexts;
pub use catalog::{
    CatalogTexts, ProductTexts, StaffAssortmentsTexts, StaffImportTexts, StaffProductsTexts,
    StaffTexts,
};
pub use company_rules::CompanyRulesTexts;
pub use connectivity::ConnectivityTexts;
pub use dashboard::DashboardTexts;
pub use documents::DocumentsTexts;
pub use fulfilment::FulfilmentTexts;
pub use integrations::IntegrationsTexts;
pub use onboarding::OnboardingTexts;
pub use orders::OrdersTexts;
pub use password::PasswordTexts;
pub use payments::PaymentsTexts;
pub use security::{AuditTexts, SecurityTexts};
pub use staff_entry::StaffEntryTexts;
pub use staff_orders::StaffOrdersTexts;
pub use suggestions::SuggestionsTexts;

/// A language the UI speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    He,
    En,
}

impl Lang {
    /// The code used in `<html lang>`, in local storage and by the API (`setLanguage`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::He => "he",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "he" => Some(Lang::He),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The writing direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::He => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The language the switch button offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::He => Lang::En,
            Lang::En => Lang::He,
        }
    }

    /// Of a name kept in both languages, the one of this language (the other when it
    /// is empty).
    pub fn choose<'a>(self, hebrew: &'a str, english: &'a str) -> &'a str {
        match self {
            Lang::He if !hebrew.is_empty() => hebrew,
            Lang::En if english.is_empty() => hebrew,
            Lang::He | Lang::En => english,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::He => &he::HE,
            Lang::En => &en::EN,
        }
    }
}

/// The current language, shared by every component through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn new(initial: Lang) -> I18n {
        I18n {
            lang: RwSignal::new(initial),
        }
    }

    /// The current language; reading it inside a view subscribes to changes.
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    pub fn lang_untracked(self) -> Lang {
        self.lang.get_untracked()
    }

    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The texts of the current language; reading them inside a view subscribes to changes.
    pub fn t(self) -> &'static Texts {
        self.lang.get().texts()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A text of the current language that follows language switches, for a view or an
/// attribute: `{tr(|t| t.catalog.title)}`.
///
/// Every call returns the same closure type (the text is chosen by a function pointer),
/// so the view code for a reactive text is compiled once rather than once per text:
/// this keeps the WASM small.
pub fn tr(
    text: fn(&Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.t())
}

/// A text of the current language, chosen when shown (so it follows a language switch).
pub type Text = fn(&Texts) -> &'static str;

pub struct Texts {
    pub app: AppTexts,
    pub roles: RoleTexts,
    pub errors: ErrorTexts,
    pub login: LoginTexts,
    pub home: HomeTexts,
    pub users: UsersTexts,
    pub companies: CompaniesTexts,
    pub not_found: NotFoundTexts,
    pub catalog: CatalogTexts,
    pub product: ProductTexts,
    pub staff: StaffTexts,
    pub staff_products: StaffProductsTexts,
    pub staff_import: StaffImportTexts,
    pub staff_assortments: StaffAssortmentsTexts,
    pub cart: CartTexts,
    pub orders: OrdersTexts,
    pub company_rules: CompanyRulesTexts,
    pub documents: DocumentsTexts,
    pub fulfilment: FulfilmentTexts,
    pub staff_orders: StaffOrdersTexts,
    pub staff_entry: StaffEntryTexts,
    pub payments: PaymentsTexts,
    pub dashboard: DashboardTexts,
    pub accessibility: AccessibilityTexts,
    pub connectivity: ConnectivityTexts,
    pub security: SecurityTexts,
    pub audit: AuditTexts,
    pub password: PasswordTexts,
    pub onboarding: OnboardingTexts,
    pub suggestions: SuggestionsTexts,
    pub integrations: IntegrationsTexts,
}

pub struct AppTexts {
    pub product_name: &'static str,
    /// The name of this language in itself, shown on the switch button of the other one.
    pub language_name: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub menu: &'static str,
    pub home: &'static str,
    pub users: &'static str,
    pub companies: &'static str,
    pub catalog: &'static str,
    pub products: &'static str,
    pub cart: &'static str,
    pub orders: &'static str,
    pub approvals: &'static str,
    pub company_rules: &'static str,
    pub invoices: &'static str,
    pub ledger: &'static str,
    pub notifications: &'static str,
    pub logout: &'static str,
    pub loading: &'static str,
    pub account: &'static str,
}

pub struct RoleTexts {
    pub buyer: &'static str,
    pub approver: &'static str,
    pub viewer: &'static str,
    pub company_admin: &'static str,
    pub supplier_staff: &'static str,
}

impl RoleTexts {
    pub fn label(&self, role: Role) -> &'static str {
        match role {
            Role::Buyer => self.buyer,
            Role::Approver => self.approver,
            Role::Viewer => self.viewer,
            Role::CompanyAdmin => self.company_admin,
            Role::SupplierStaff => self.supplier_staff,
        }
    }
}

pub struct ErrorTexts {
    pub unauthenticated: &'static str,
    pub forbidden: &'static str,
    pub not_found: &'static str,
    pub bad_user_input: &'static str,
    pub out_of_stock: &'static str,
    pub credit_limit: &'static str,
    pub invalid_transition: &'static str,
    pub conflict: &'static str,
    pub rate_limited: &'static str,
    /// `FORBIDDEN` with the reason `COMPANY_SUSPENDED`: ordering is paused.
    pub company_suspended: &'static str,
    pub internal: &'static str,
    pub network: &'static str,
    pub invalid_response: &'static str,
    /// Whether the server's own text (which is English) follows the sentence where it
    /// adds information (`ApiError::detail`): in English only.
    pub with_server_detail: bool,
}

impl ErrorTexts {
    /// What a person reads for an API error: the sentence of its `extensions.code` in
    /// this language, and in English the server's detail when it names what is wrong
    /// (which line, which SKU). The one mapping of API errors to words: every page
    /// shows errors through it.
    pub fn message(&self, error: &ApiError) -> String {
        let sentence = self.sentence(error);
        match error.detail().filter(|_| self.with_server_detail) {
            Some(detail) => format!("{sentence} {detail}."),
            None => sentence.to_owned(),
        }
    }

    /// The sentence of the error's code alone.
    fn sentence(&self, error: &ApiError) -> &'static str {
        match error {
            ApiError::Network => self.network,
            ApiError::InvalidResponse => self.invalid_response,
            ApiError::Api { code, .. } => match code {
                ErrorCode::Unauthenticated => self.unauthenticated,
                ErrorCode::Forbidden if error.reason() == Some("COMPANY_SUSPENDED") => {
                    self.company_suspended
                }
                ErrorCode::Forbidden => self.forbidden,
                ErrorCode::NotFound => self.not_found,
                ErrorCode::BadUserInput => self.bad_user_input,
                ErrorCode::OutOfStock => self.out_of_stock,
                ErrorCode::CreditLimit => self.credit_limit,
                ErrorCode::InvalidTransition => self.invalid_transition,
                ErrorCode::Conflict => self.conflict,
                ErrorCode::RateLimited => self.rate_limited,
                ErrorCode::Internal | ErrorCode::Unknown => self.internal,
            },
        }
    }
}

pub struct LoginTexts {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub wrong_credentials: &'static str,
    /// Too many attempts: the wait, in seconds, in words.
    pub rate_limited: fn(u64) -> String,
}

pub struct HomeTexts {
    pub greeting: fn(&str) -> String,
    pub buyer_intro: &'static str,
    pub approver_intro: &'static str,
    pub viewer_intro: &'static str,
    pub company_admin_intro: &'static str,
    pub supplier_staff_intro: &'static str,
    pub users_card_title: &'static str,
    pub users_card_text: &'static str,
    pub companies_card_title: &'static str,
    pub companies_card_text: &'static str,
    pub catalog_card_title: &'static str,
    pub catalog_card_text: &'static str,
    pub staff_products_card_title: &'static str,
    pub staff_products_card_text: &'static str,
    pub staff_import_card_title: &'static str,
    pub staff_import_card_text: &'static str,
    pub staff_assortments_card_title: &'static str,
    pub staff_assortments_card_text: &'static str,
    pub company_card_title: &'static str,
    pub role_card_title: &'static str,
    pub cart_card_title: &'static str,
    pub cart_card_text: &'static str,
    pub my_orders_card_title: &'static str,
    pub my_orders_card_text: &'static str,
    pub orders_card_title: &'static str,
    pub orders_card_text: &'static str,
    pub staff_orders_card_text: &'static str,
    pub approvals_card_title: &'static str,
    pub approvals_card_text: &'static str,
    /// How many pending orders wait for this approver's decision.
    pub approvals_waiting: fn(usize) -> String,
    pub rules_card_title: &'static str,
    pub rules_card_text: &'static str,
}

impl HomeTexts {
    pub fn intro(&self, role: Role) -> &'static str {
        match role {
            Role::Buyer => self.buyer_intro,
            Role::Approver => self.approver_intro,
            Role::Viewer => self.viewer_intro,
            Role::CompanyAdmin => self.company_admin_intro,
            Role::SupplierStaff => self.supplier_staff_intro,
        }
    }
}

pub struct UsersTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub role: &'static str,
    pub status: &'static str,
    pub actions: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub activate: &'static str,
    pub deactivate: &'static str,
    pub confirm_deactivate: fn(&str) -> String,
    pub confirm_yes: &'static str,
    pub cancel: &'static str,
    pub role_of: fn(&str) -> String,
    pub you: &'static str,
    pub empty: &'static str,
    pub saved: &'static str,
    pub add_title: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub add_submit: &'static str,
    pub adding: &'static str,
    pub added: fn(&str) -> String,
    pub email_taken: &'static str,
}

pub struct CompaniesTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub name: &'static str,
    pub vat_number: &'static str,
    pub credit_limit: &'static str,
    pub payment_terms: &'static str,
    pub users: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub empty: &'static str,
    /// "net N days" terms.
    pub net_days: fn(u32) -> String,
    /// "end of month plus N days" terms (Israeli "shotef + N").
    pub end_of_month_plus: fn(u32) -> String,
    /// The company select of staff's forms (an order taken by phone, a payment).
    pub company: &'static str,
    pub choose: &'static str,
    pub option_inactive: fn(&str) -> String,
    /// The name and the VAT number.
    pub option_with_vat: fn(&str, &str) -> String,
    pub balance_now: &'static str,
    pub available_credit: &'static str,
    pub balance_after: &'static str,
    pub available_after: &'static str,
}

pub struct NotFoundTexts {
    pub title: &'static str,
    pub text: &'static str,
    pub back_home: &'static str,
}

/// Where the chosen language is remembered between visits.
const STORAGE_KEY: &str = "portal.lang";

impl I18n {
    /// Restores the language of the last visit (Hebrew by default), provides it as
    /// context, and keeps `<html lang dir>`, the title and local storage in step with it.
    pub fn provide() -> I18n {
        let stored = LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten();
        let initial = stored.as_deref().and_then(Lang::parse).unwrap_or(Lang::He);
        apply_to_document(initial);
        let i18n = I18n::new(initial);
        provide_context(i18n);
        Effect::new(move |_| {
            let lang = i18n.lang();
            apply_to_document(lang);
            if LocalStorage::raw()
                .set_item(STORAGE_KEY, lang.code())
                .is_err()
            {
                leptos::logging::warn!("could not save the language");
            }
        });
        i18n
    }
}

fn apply_to_document(lang: Lang) {
    let document = document();
    if let Some(root) = document.document_element() {
        // Setting an attribute on the root element cannot fail for these names.
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
    document.set_title(lang.texts().app.product_name);
}
