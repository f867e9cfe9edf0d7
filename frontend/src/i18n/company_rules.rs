//! The company admin's approval rules, limits and cost centres.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

pub struct CompanyRulesTexts {
    pub title: &'static str,
}

pub const HE: CompanyRulesTexts = CompanyRulesTexts {
    title: "כללי אישור",
};

pub const EN: CompanyRulesTexts = CompanyRulesTexts {
    title: "Approval rules",
};
