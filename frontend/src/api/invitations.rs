//! Invitations: `invitations`, `inviteCompanyUser`, `revokeInvitation` (staff for any
//! company, company admins for their own) and `acceptInvitation` (the e-mailed link).

use serde::Deserialize;
use serde_json::json;
use shared::Role;

use super::auth::AuthPayload;
use super::{ApiError, Connection, graphql};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub status: InvitationStatus,
    /// RFC 3339.
    pub expires_at: String,
}

const INVITATION_FIELDS: &str = "id email name role status expiresAt";

pub async fn invitations(company_id: String) -> Result<Vec<Invitation>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        invitations: Connection<Invitation>,
    }
    let query = format!(
        "query Invitations($company: ID!) {{ invitations(companyId: $company, first: 100) {{ edges {{ node {{ {INVITATION_FIELDS} }} }} }} }}"
    );
    let data: Data = graphql(&query, json!({ "company": company_id })).await?;
    Ok(data.invitations.into_nodes())
}

#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub company_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}

pub async fn invite(input: &NewInvitation) -> Result<Invitation, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        invite_company_user: Invitation,
    }
    let query = format!(
        "mutation Invite($company: ID!, $email: String!, $name: String!, $role: Role!) {{ \
           inviteCompanyUser(companyId: $company, email: $email, name: $name, role: $role) \
           {{ {INVITATION_FIELDS} }} }}"
    );
    let variables = json!({
        "company": input.company_id,
        "email": input.email,
        "name": input.name,
        "role": input.role,
    });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.invite_company_user)
}

pub async fn revoke(id: &str) -> Result<Invitation, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        revoke_invitation: Invitation,
    }
    let query = format!(
        "mutation Revoke($id: ID!) {{ revokeInvitation(id: $id) {{ {INVITATION_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "id": id })).await?;
    Ok(data.revoke_invitation)
}

pub async fn accept(token: &str, name: &str, password: &str) -> Result<AuthPayload, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        accept_invitation: AuthPayload,
    }
    let query = format!(
        "mutation Accept($token: String!, $name: String!, $password: String!) {{ \
           acceptInvitation(token: $token, name: $name, password: $password) {{ token \
           user {{ {} }} }} }}",
        super::auth::USER_FIELDS
    );
    let variables = json!({ "token": token, "name": name, "password": password });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.accept_invitation)
}
