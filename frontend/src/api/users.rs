//! The company admin's user management: `companyUsers`, `createCompanyUser`,
//! `updateCompanyUser`.

use serde::Deserialize;
use serde_json::json;
use shared::Role;

use super::{ApiError, Connection, graphql};

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CompanyUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
}

const USER_FIELDS: &str = "id email name role active";

pub async fn company_users() -> Result<Vec<CompanyUser>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        company_users: Connection<CompanyUser>,
    }
    let query = format!(
        "query CompanyUsers {{ companyUsers(first: 100) {{ edges {{ node {{ {USER_FIELDS} }} }} }} }}"
    );
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.company_users.into_nodes())
}

#[derive(Clone, Debug)]
pub struct NewCompanyUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password: String,
}

pub async fn create_company_user(input: &NewCompanyUser) -> Result<CompanyUser, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        create_company_user: CompanyUser,
    }
    // The input object is written inline so the query depends only on the contract's
    // field and enum names, not on the server's name for the input type.
    let query = format!(
        "mutation CreateCompanyUser($email: String!, $name: String!, $role: Role!, $password: String!) {{ \
           createCompanyUser(input: {{ email: $email, name: $name, role: $role, password: $password }}) \
           {{ {USER_FIELDS} }} }}"
    );
    let variables = json!({
        "email": input.email,
        "name": input.name,
        "role": input.role,
        "password": input.password,
    });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.create_company_user)
}

/// A change to one user; `None` leaves that field as it is.
#[derive(Clone, Debug, Default)]
pub struct CompanyUserChange {
    pub role: Option<Role>,
    pub active: Option<bool>,
}

pub async fn update_company_user(
    id: &str,
    change: &CompanyUserChange,
) -> Result<CompanyUser, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        update_company_user: CompanyUser,
    }
    // Only the fields that change are written into the inline input object, so an
    // unchanged field is absent rather than null.
    let mut declarations = vec!["$id: ID!"];
    let mut fields = Vec::new();
    let mut variables = serde_json::Map::new();
    variables.insert("id".to_owned(), json!(id));
    if let Some(role) = change.role {
        declarations.push("$role: Role!");
        fields.push("role: $role");
        variables.insert("role".to_owned(), json!(role));
    }
    if let Some(active) = change.active {
        declarations.push("$active: Boolean!");
        fields.push("active: $active");
        variables.insert("active".to_owned(), json!(active));
    }
    let query = format!(
        "mutation UpdateCompanyUser({}) {{ updateCompanyUser(id: $id, input: {{ {} }}) {{ {USER_FIELDS} }} }}",
        declarations.join(", "),
        fields.join(", ")
    );
    let data: Data = graphql(&query, serde_json::Value::Object(variables)).await?;
    Ok(data.update_company_user)
}
