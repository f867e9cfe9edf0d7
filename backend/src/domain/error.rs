//! The domain's one error type.
//!
//! It deliberately implements no `Display`: async-graphql converts anything that
//! displays into an error without a code, so the only way out of a resolver is the
//! one mapping to `extensions.code` in `graphql::error`.

use sea_orm::DbErr;

pub enum DomainError {
    /// No valid session: missing, malformed, forged or expired token, or bad credentials.
    Unauthenticated(&'static str),
    /// The caller's role may not perform the operation.
    Forbidden,
    /// The password was right but the second factor is missing, wrong, or not set up.
    SecondFactor(super::auth::totp::SecondFactorProblem),
    /// The caller's company is suspended by the supplier: it reads but cannot order
    /// or approve orders. `FORBIDDEN` with `extensions.reason` `COMPANY_SUSPENDED`.
    CompanySuspended,
    /// The caller may not do this to this object; the message says why.
    NotAllowed(String),
    /// The object does not exist *for this caller* (another company's object included).
    NotFound(&'static str),
    /// The caller's input breaks a rule; the message says which, in words a person
    /// understands.
    BadInput(String),
    /// The change collides with the current state (a duplicate, a lost race).
    Conflict(String),
    /// An order line asks for more than is available (never sell air).
    OutOfStock(String),
    /// The order would take the company's open debt over its credit limit.
    CreditLimit(String),
    /// The order's status does not allow this step.
    InvalidTransition(String),
    /// Too many attempts (logins, reset requests): try again after the wait.
    RateLimited { retry_after_seconds: u64 },
    /// A failure that is not the user's fault; logged, never shown.
    Internal(anyhow::Error),
}

impl DomainError {
    pub fn bad_input(message: impl Into<String>) -> DomainError {
        DomainError::BadInput(message.into())
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> DomainError {
        DomainError::Internal(error.into())
    }
}

impl std::fmt::Debug for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DomainError::Unauthenticated(message) => write!(f, "Unauthenticated({message})"),
            DomainError::Forbidden => write!(f, "Forbidden"),
            DomainError::CompanySuspended => write!(f, "CompanySuspended"),
            DomainError::SecondFactor(problem) => write!(f, "SecondFactor({problem:?})"),
            DomainError::NotAllowed(message) => write!(f, "NotAllowed({message})"),
            DomainError::NotFound(what) => write!(f, "NotFound({what})"),
            DomainError::BadInput(message) => write!(f, "BadInput({message})"),
            DomainError::Conflict(message) => write!(f, "Conflict({message})"),
            DomainError::OutOfStock(message) => write!(f, "OutOfStock({message})"),
            DomainError::CreditLimit(message) => write!(f, "CreditLimit({message})"),
            DomainError::InvalidTransition(message) => write!(f, "InvalidTransition({message})"),
            DomainError::RateLimited {
                retry_after_seconds,
            } => write!(f, "RateLimited({retry_after_seconds}s)"),
            DomainError::Internal(error) => write!(f, "Internal({error:#})"),
        }
    }
}

impl From<DbErr> for DomainError {
    fn from(error: DbErr) -> DomainError {
        DomainError::Internal(anyhow::Error::new(error))
    }
}

/// The name of the unique constraint a database error violated, if any, so that a
/// duplicate becomes a user error instead of an internal one.
pub fn violated_unique_constraint(error: &DbErr) -> Option<String> {
    let text = error.to_string();
    let looks_unique = text.contains("UNIQUE constraint failed")
        || text.contains("duplicate key value violates unique constraint");
    if !looks_unique {
        return None;
    }
    // PostgreSQL names the index; SQLite names the columns ("users.email").
    if let Some(start) = text.find("unique constraint \"") {
        let rest = &text[start + "unique constraint \"".len()..];
        return rest.split('"').next().map(str::to_owned);
    }
    text.split("UNIQUE constraint failed: ")
        .nth(1)
        .map(|columns| columns.trim().to_owned())
}
