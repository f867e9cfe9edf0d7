//! Two-factor authentication with time-based one-time passwords (RFC 6238: SHA-1,
//! 6 digits, 30-second steps, one step of clock skew each way), and single-use
//! recovery codes.
//!
//! The secret is shown once, while enrolling (as an `otpauth://` URI, a QR code and
//! text); it is never returned afterwards. Recovery codes are shown once and stored as
//! SHA-256 hashes (they are random, so a slow hash adds nothing). A code's time step is
//! remembered, so the same code never signs in twice (RFC 6238 §5.2).

use base64::Engine;
use chrono::Utc;
use rand::Rng;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};
use shared::{Role, UserId};
use totp_rs::{Algorithm, Secret, Totp};

use crate::domain::audit::{AuditAction, Entry};
use crate::domain::{Actor, DomainError};
use crate::entities::{company, user, user_recovery_code, user_totp};

/// The name authenticator apps show next to the account.
pub const ISSUER: &str = "Wholesale Portal";
pub const RECOVERY_CODE_COUNT: usize = 10;
const RECOVERY_CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_CODE_LENGTH: usize = 10;

/// Who must use two-factor authentication. Supplier staff and company admins when
/// `required_for_staff_and_admins` (the `REQUIRE_TOTP` setting, on by default outside
/// demo mode); approvers when their company asks for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TotpPolicy {
    pub required_for_staff_and_admins: bool,
}

impl TotpPolicy {
    pub fn requires(self, role: Role, company_requires_it_for_approvers: bool) -> bool {
        match role {
            Role::SupplierStaff | Role::CompanyAdmin => self.required_for_staff_and_admins,
            Role::Approver => company_requires_it_for_approvers,
            Role::Buyer | Role::Viewer => false,
        }
    }
}

/// Why a sign-in with a correct password still fails; shown as `extensions.reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactorProblem {
    /// The account uses two-factor authentication and no code was given.
    Required,
    /// The code is wrong, expired, already used, or the recovery code is unknown.
    Invalid,
    /// The policy requires two-factor authentication and the user has not set it up:
    /// `startTotpEnrollmentAtLogin`, then `login` with a code from the new secret.
    EnrollmentRequired,
}

impl SecondFactorProblem {
    pub fn reason(self) -> &'static str {
        match self {
            SecondFactorProblem::Required => "TOTP_REQUIRED",
            SecondFactorProblem::Invalid => "TOTP_INVALID",
            SecondFactorProblem::EnrollmentRequired => "TOTP_ENROLLMENT_REQUIRED",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            SecondFactorProblem::Required => "Enter the code from your authenticator app",
            SecondFactorProblem::Invalid => "The two-factor code is not valid",
            SecondFactorProblem::EnrollmentRequired => {
                "Your account must use two-factor authentication: set it up to continue"
            }
        }
    }
}

/// A new secret to add to an authenticator app. Shown once.
pub struct Enrollment {
    /// Base32, for typing into an app by hand.
    pub secret: String,
    pub otpauth_uri: String,
    /// The URI as a QR code: an SVG `data:` URL for an `<img>`.
    pub qr_code_data_url: String,
}

/// The two-factor state of a user, as its account page shows it.
pub struct TwoFactorStatus {
    pub enabled: bool,
    /// Whether the policy requires it for this user (then it cannot be turned off).
    pub required: bool,
    pub recovery_codes_left: u64,
}

fn totp_of(secret_base32: &str, account: &str) -> Result<Totp, DomainError> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|_| {
        DomainError::internal(anyhow::anyhow!("a stored TOTP secret is not base32"))
    })?;
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()
        .map_err(|error| DomainError::internal(anyhow::anyhow!("TOTP set-up failed: {error:?}")))
}

fn now_seconds() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

/// The time step `code` is valid for (within one step of now), if any.
fn valid_step(totp: &Totp, code: &str) -> Option<i64> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    totp.check(&digits, now_seconds())
        .and_then(|step| i64::try_from(step).ok())
}

fn looks_like_totp(code: &str) -> bool {
    let digits: Vec<char> = code.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.iter().all(char::is_ascii_digit)
}

fn recovery_code_hash(user: UserId, code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    let digest = Sha256::digest(format!("portal-recovery-code:{}:{normalized}", user.0));
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn new_recovery_code() -> String {
    let mut rng = rand::rng();
    let code: String = (0..RECOVERY_CODE_LENGTH)
        .map(|_| RECOVERY_CODE_ALPHABET[rng.random_range(0..RECOVERY_CODE_ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &code[..5], &code[5..])
}

async fn totp_row(
    db: &impl ConnectionTrait,
    user: UserId,
) -> Result<Option<user_totp::Model>, DomainError> {
    Ok(user_totp::Entity::find_by_id(user.0).one(db).await?)
}

async fn company_requires_it(
    db: &impl ConnectionTrait,
    company: Option<i64>,
) -> Result<bool, DomainError> {
    let Some(company) = company else {
        return Ok(false);
    };
    Ok(company::Entity::find_by_id(company)
        .one(db)
        .await?
        .is_some_and(|row| row.approvers_require_totp))
}

/// Whether the policy requires two-factor authentication of this user.
pub async fn is_required(
    db: &impl ConnectionTrait,
    policy: TotpPolicy,
    role: Role,
    company: Option<i64>,
) -> Result<bool, DomainError> {
    Ok(policy.requires(role, company_requires_it(db, company).await?))
}

pub async fn status(
    db: &impl ConnectionTrait,
    policy: TotpPolicy,
    actor: &Actor,
) -> Result<TwoFactorStatus, DomainError> {
    let enabled = totp_row(db, actor.user_id)
        .await?
        .is_some_and(|row| row.enabled_at.is_some());
    let recovery_codes_left = if enabled {
        use sea_orm::PaginatorTrait;
        user_recovery_code::Entity::find()
            .filter(user_recovery_code::Column::UserId.eq(actor.user_id.0))
            .filter(user_recovery_code::Column::UsedAt.is_null())
            .count(db)
            .await?
    } else {
        0
    };
    Ok(TwoFactorStatus {
        enabled,
        required: is_required(db, policy, actor.role, actor.company_id.map(|c| c.0)).await?,
        recovery_codes_left,
    })
}

/// Starts (or restarts) an enrolment: a new secret waits for its first code. Refused
/// while two-factor authentication is on (turn it off first).
pub async fn start_enrollment(
    db: &impl ConnectionTrait,
    user: UserId,
    account: &str,
) -> Result<Enrollment, DomainError> {
    if totp_row(db, user)
        .await?
        .is_some_and(|row| row.enabled_at.is_some())
    {
        return Err(DomainError::Conflict(
            "Two-factor authentication is already on".to_owned(),
        ));
    }
    let mut bytes = [0u8; 20];
    rand::rng().fill(&mut bytes);
    let secret = Secret::from(bytes.to_vec()).to_base32();
    user_totp::Entity::insert(user_totp::ActiveModel {
        user_id: Set(user.0),
        secret: Set(secret.clone()),
        created_at: Set(Utc::now()),
        enabled_at: Set(None),
        last_used_step: Set(None),
    })
    .on_conflict(
        OnConflict::column(user_totp::Column::UserId)
            .update_columns([
                user_totp::Column::Secret,
                user_totp::Column::CreatedAt,
                user_totp::Column::EnabledAt,
                user_totp::Column::LastUsedStep,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    let otpauth_uri = totp_of(&secret, account)?
        .to_url()
        .map_err(|error| DomainError::internal(anyhow::anyhow!("otpauth URI: {error:?}")))?;
    Ok(Enrollment {
        qr_code_data_url: qr_code_data_url(&otpauth_uri)?,
        secret,
        otpauth_uri,
    })
}

fn qr_code_data_url(text: &str) -> Result<String, DomainError> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|error| DomainError::internal(anyhow::anyhow!("QR code: {error}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// Marks `step` used, once: a conditional update, so two requests with one code
/// cannot both pass.
async fn use_step(db: &impl ConnectionTrait, user: UserId, step: i64) -> Result<bool, DomainError> {
    let updated = user_totp::Entity::update_many()
        .col_expr(user_totp::Column::LastUsedStep, Expr::value(Some(step)))
        .filter(user_totp::Column::UserId.eq(user.0))
        .filter(
            sea_orm::Condition::any()
                .add(user_totp::Column::LastUsedStep.is_null())
                .add(user_totp::Column::LastUsedStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Replaces the user's recovery codes with new ones and returns them (shown once).
async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    user: UserId,
) -> Result<Vec<String>, DomainError> {
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    let codes: Vec<String> = (0..RECOVERY_CODE_COUNT)
        .map(|_| new_recovery_code())
        .collect();
    user_recovery_code::Entity::insert_many(codes.iter().map(|code| {
        user_recovery_code::ActiveModel {
            user_id: Set(user.0),
            code_hash: Set(recovery_code_hash(user, code)),
            used_at: Set(None),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    Ok(codes)
}

/// Turns two-factor authentication on with the first code from the new secret and
/// returns the recovery codes. Audited in the same transaction.
async fn enable(
    txn: &impl ConnectionTrait,
    user: UserId,
    account: &str,
    code: &str,
) -> Result<Option<Vec<String>>, DomainError> {
    let Some(row) = totp_row(txn, user)
        .await?
        .filter(|row| row.enabled_at.is_none())
    else {
        return Ok(None);
    };
    let Some(step) = valid_step(&totp_of(&row.secret, account)?, code) else {
        return Ok(None);
    };
    user_totp::Entity::update_many()
        .col_expr(user_totp::Column::EnabledAt, Expr::value(Some(Utc::now())))
        .col_expr(user_totp::Column::LastUsedStep, Expr::value(Some(step)))
        .filter(user_totp::Column::UserId.eq(user.0))
        .exec(txn)
        .await?;
    replace_recovery_codes(txn, user).await.map(Some)
}

/// Confirms the enrolment of a signed-in user with a code from the app.
pub async fn confirm_enrollment(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    code: &str,
) -> Result<Vec<String>, DomainError> {
    let Some(codes) = enable(txn, actor.user_id, actor.email.as_str(), code).await? else {
        return Err(DomainError::bad_input(
            "That code does not match: start the set-up, scan the new QR code and enter the current code",
        ));
    };
    Entry::new(AuditAction::TotpEnabled)
        .by(actor)
        .target("user", actor.user_id.0)
        .after(json!({ "enabled": true }))
        .record(txn)
        .await?;
    Ok(codes)
}

/// Checks a TOTP code or an unused recovery code of a user with two-factor
/// authentication on, and uses it up. Returns how it was proven, if it was.
async fn use_second_factor(
    txn: &impl ConnectionTrait,
    user: UserId,
    account: &str,
    secret: &str,
    code: &str,
) -> Result<Option<&'static str>, DomainError> {
    if looks_like_totp(code) {
        let Some(step) = valid_step(&totp_of(secret, account)?, code) else {
            return Ok(None);
        };
        return Ok(use_step(txn, user, step).await?.then_some("TOTP"));
    }
    let used = user_recovery_code::Entity::update_many()
        .col_expr(
            user_recovery_code::Column::UsedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(user_recovery_code::Column::UserId.eq(user.0))
        .filter(user_recovery_code::Column::CodeHash.eq(recovery_code_hash(user, code)))
        .filter(user_recovery_code::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    Ok((used.rows_affected == 1).then_some("RECOVERY_CODE"))
}

/// What the second step of a sign-in proved.
pub struct SecondFactorPassed {
    /// `NONE`, `TOTP`, `RECOVERY_CODE`, or `ENROLLED` (the code completed an enrolment
    /// the policy required).
    pub method: &'static str,
    /// New recovery codes when this sign-in completed an enrolment.
    pub recovery_codes: Option<Vec<String>>,
}

/// The second step of a sign-in, after a correct password, inside the sign-in's
/// transaction (a used code or recovery code is spent only if the sign-in commits).
pub async fn check_at_login(
    txn: &impl ConnectionTrait,
    policy: TotpPolicy,
    user: &user::Model,
    code: Option<&str>,
) -> Result<Result<SecondFactorPassed, SecondFactorProblem>, DomainError> {
    let id = UserId(user.id);
    let code = code.map(str::trim).filter(|code| !code.is_empty());
    let row = totp_row(txn, id).await?;
    if let Some(row) = row.as_ref().filter(|row| row.enabled_at.is_some()) {
        let Some(code) = code else {
            return Ok(Err(SecondFactorProblem::Required));
        };
        return Ok(
            match use_second_factor(txn, id, &user.email, &row.secret, code).await? {
                Some(method) => Ok(SecondFactorPassed {
                    method,
                    recovery_codes: None,
                }),
                None => Err(SecondFactorProblem::Invalid),
            },
        );
    }
    let role = Role::parse(&user.role).unwrap_or(Role::Viewer);
    if !is_required(txn, policy, role, user.company_id).await? {
        return Ok(Ok(SecondFactorPassed {
            method: "NONE",
            recovery_codes: None,
        }));
    }
    match (row.is_some(), code) {
        (true, Some(code)) => Ok(match enable(txn, id, &user.email, code).await? {
            Some(codes) => Ok(SecondFactorPassed {
                method: "ENROLLED",
                recovery_codes: Some(codes),
            }),
            None => Err(SecondFactorProblem::Invalid),
        }),
        _ => Ok(Err(SecondFactorProblem::EnrollmentRequired)),
    }
}

/// Proves the user holds its second factor (or, to turn it off, its password) before
/// a change to it.
async fn prove(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    code_or_password: &str,
    password_allowed: bool,
) -> Result<(), DomainError> {
    let row = totp_row(txn, actor.user_id)
        .await?
        .filter(|row| row.enabled_at.is_some())
        .ok_or_else(|| DomainError::bad_input("Two-factor authentication is not on"))?;
    let by_code = use_second_factor(
        txn,
        actor.user_id,
        actor.email.as_str(),
        &row.secret,
        code_or_password,
    )
    .await?
    .is_some();
    if by_code {
        return Ok(());
    }
    if password_allowed {
        let stored = user::Entity::find_by_id(actor.user_id.0)
            .one(txn)
            .await?
            .map(|row| row.password_hash);
        if super::password::verify(code_or_password.to_owned(), stored).await? {
            return Ok(());
        }
    }
    Err(DomainError::bad_input(if password_allowed {
        "Enter a current code, a recovery code or your password"
    } else {
        "Enter a current code from your authenticator app or a recovery code"
    }))
}

/// Turns two-factor authentication off, proven by a code or the password. Refused
/// when the policy requires it for this user.
pub async fn disable(
    txn: &impl ConnectionTrait,
    policy: TotpPolicy,
    actor: &Actor,
    code_or_password: &str,
) -> Result<(), DomainError> {
    if is_required(txn, policy, actor.role, actor.company_id.map(|c| c.0)).await? {
        return Err(DomainError::NotAllowed(
            "Your role must use two-factor authentication; it cannot be turned off".to_owned(),
        ));
    }
    prove(txn, actor, code_or_password, true).await?;
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(actor.user_id.0))
        .exec(txn)
        .await?;
    user_totp::Entity::delete_by_id(actor.user_id.0)
        .exec(txn)
        .await?;
    Entry::new(AuditAction::TotpDisabled)
        .by(actor)
        .target("user", actor.user_id.0)
        .before(json!({ "enabled": true }))
        .after(json!({ "enabled": false }))
        .record(txn)
        .await
}

/// New recovery codes for the old ones, proven by a current code.
pub async fn regenerate_recovery_codes(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    code: &str,
) -> Result<Vec<String>, DomainError> {
    prove(txn, actor, code, false).await?;
    let codes = replace_recovery_codes(txn, actor.user_id).await?;
    Entry::new(AuditAction::RecoveryCodesRegenerated)
        .by(actor)
        .target("user", actor.user_id.0)
        .after(json!({ "recoveryCodes": RECOVERY_CODE_COUNT }))
        .record(txn)
        .await?;
    Ok(codes)
}

/// A company admin requires (or stops requiring) two-factor authentication of its
/// approvers.
pub async fn set_approvers_require_totp(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    required: bool,
) -> Result<bool, DomainError> {
    let company = actor.customer_company()?;
    let before = company_requires_it(txn, Some(company.0)).await?;
    company::Entity::update_many()
        .col_expr(company::Column::ApproversRequireTotp, Expr::value(required))
        .filter(company::Column::Id.eq(company.0))
        .exec(txn)
        .await?;
    Entry::new(AuditAction::CompanySecurityChanged)
        .by(actor)
        .target("company", company.0)
        .before(json!({ "approversRequireTotp": before }))
        .after(json!({ "approversRequireTotp": required }))
        .record(txn)
        .await?;
    Ok(required)
}

pub async fn approvers_require_totp(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<bool, DomainError> {
    company_requires_it(db, Some(actor.customer_company()?.0)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_staff_and_admins_and_approvers_only_by_their_company() {
        let on = TotpPolicy {
            required_for_staff_and_admins: true,
        };
        let off = TotpPolicy::default();
        assert!(on.requires(Role::SupplierStaff, false));
        assert!(on.requires(Role::CompanyAdmin, false));
        assert!(!on.requires(Role::Approver, false));
        assert!(!on.requires(Role::Buyer, true));
        assert!(off.requires(Role::Approver, true));
        assert!(!off.requires(Role::SupplierStaff, true));
    }

    #[test]
    fn recovery_codes_hash_the_same_whatever_the_case_and_dashes() {
        let user = UserId(7);
        assert_eq!(
            recovery_code_hash(user, "abcde-fghjk"),
            recovery_code_hash(user, " ABCDEFGHJK ")
        );
        assert_ne!(
            recovery_code_hash(user, "abcde-fghjk"),
            recovery_code_hash(UserId(8), "abcde-fghjk")
        );
        let code = new_recovery_code();
        assert_eq!(code.len(), RECOVERY_CODE_LENGTH + 1);
    }

    #[test]
    fn a_code_of_the_current_step_is_valid_and_a_wrong_one_is_not() {
        let secret = Secret::from(vec![7u8; 20]).to_base32();
        let totp = totp_of(&secret, "someone@demo.test").unwrap_or_else(|_| unreachable!());
        let code = totp.generate(now_seconds());
        assert!(valid_step(&totp, &code.to_string()).is_some());
        assert!(valid_step(&totp, "12345").is_none());
        assert!(valid_step(&totp, "abcdef").is_none());
    }
}
