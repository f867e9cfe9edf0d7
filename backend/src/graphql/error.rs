//! The one mapping of domain errors to GraphQL errors with a stable `extensions.code`.

use async_graphql::{Error, ErrorExtensions, Response};

use crate::domain::DomainError;

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Unauthenticated(_) | DomainError::SecondFactor(_) => "UNAUTHENTICATED",
            DomainError::Forbidden | DomainError::NotAllowed(_) | DomainError::CompanySuspended => {
                "FORBIDDEN"
            }
            DomainError::NotFound(_) => "NOT_FOUND",
            DomainError::BadInput(_) => "BAD_USER_INPUT",
            DomainError::Conflict(_) => "CONFLICT",
            DomainError::OutOfStock(_) => "OUT_OF_STOCK",
            DomainError::CreditLimit(_) => "CREDIT_LIMIT",
            DomainError::InvalidTransition(_) => "INVALID_TRANSITION",
            DomainError::RateLimited { .. } => "RATE_LIMITED",
            DomainError::Internal(_) => "INTERNAL",
        }
    }

    fn public_message(&self) -> String {
        match self {
            DomainError::Unauthenticated(message) => (*message).to_owned(),
            DomainError::Forbidden => "Your role does not allow this".to_owned(),
            DomainError::CompanySuspended => "The company's account is suspended by the supplier: orders cannot be placed or approved until it is reinstated".to_owned(),
            DomainError::SecondFactor(problem) => problem.message().to_owned(),
            DomainError::NotFound(what) => format!("No such {what}"),
            DomainError::BadInput(message)
            | DomainError::NotAllowed(message)
            | DomainError::Conflict(message)
            | DomainError::OutOfStock(message)
            | DomainError::CreditLimit(message)
            | DomainError::InvalidTransition(message) => message.clone(),
            DomainError::RateLimited {
                retry_after_seconds,
            } => format!("Too many attempts; try again in {retry_after_seconds} seconds"),
            DomainError::Internal(_) => {
                "Something went wrong on our side; please try again".to_owned()
            }
        }
    }
}

impl From<DomainError> for Error {
    fn from(error: DomainError) -> Error {
        if let DomainError::Internal(cause) = &error {
            // The request id of the surrounding span ties this to the access log.
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let code = error.code();
        // A second-factor failure is UNAUTHENTICATED with a reason the login page acts on.
        let reason = match &error {
            DomainError::SecondFactor(problem) => Some(problem.reason()),
            // FORBIDDEN like a role's limit, with a reason the buyer's banner names.
            DomainError::CompanySuspended => Some("COMPANY_SUSPENDED"),
            _ => None,
        };
        let retry_after_seconds = match &error {
            DomainError::RateLimited {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        };
        Error::new(error.public_message()).extend_with(|_, extensions| {
            extensions.set("code", code);
            if let Some(reason) = reason {
                extensions.set("reason", reason);
            }
            // The client waits this long before trying again (the login page says so).
            if let Some(seconds) = retry_after_seconds {
                extensions.set("retryAfterSeconds", seconds);
            }
        })
    }
}

/// A GraphQL error for input the schema accepted but the API cannot parse (an `ID`
/// that is not one of ours, for example).
pub fn bad_input(message: impl Into<String>) -> Error {
    DomainError::bad_input(message).into()
}

/// Gives every error that leaves the schema a code. Errors of our resolvers carry one
/// (above); the ones async-graphql raises itself, for a document that does not parse or
/// validate, a variable that does not coerce, or an argument that does not fit its
/// scalar, have none, and they are all the client's input: `BAD_USER_INPUT`.
pub fn give_every_error_a_code(response: &mut Response) {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", "BAD_USER_INPUT");
        }
    }
}
