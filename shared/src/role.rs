use serde::{Deserialize, Serialize};

/// What a user may do. Roles are permissions: the backend checks them on every
/// operation, the frontend only uses them to decide what to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Assembles and submits orders for its company.
    Buyer,
    /// A buyer who may also approve orders within an approval limit.
    Approver,
    /// Reads orders, invoices and the ledger; never orders.
    Viewer,
    /// Manages the users, roles and budget rules of its own company.
    CompanyAdmin,
    /// The wholesaler's back office; belongs to no customer company.
    SupplierStaff,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Buyer,
        Role::Approver,
        Role::Viewer,
        Role::CompanyAdmin,
        Role::SupplierStaff,
    ];

    /// The roles a user of a customer company can hold.
    pub const CUSTOMER_ROLES: [Role; 4] = [
        Role::Buyer,
        Role::Approver,
        Role::Viewer,
        Role::CompanyAdmin,
    ];

    /// The stable name used in the database, in GraphQL and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "BUYER",
            Role::Approver => "APPROVER",
            Role::Viewer => "VIEWER",
            Role::CompanyAdmin => "COMPANY_ADMIN",
            Role::SupplierStaff => "SUPPLIER_STAFF",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// Customer roles belong to a company; supplier staff do not.
    pub fn is_customer(self) -> bool {
        self != Role::SupplierStaff
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("buyer"), None);
    }

    #[test]
    fn only_supplier_staff_is_not_a_customer_role() {
        assert!(!Role::SupplierStaff.is_customer());
        assert!(Role::CUSTOMER_ROLES.iter().all(|role| role.is_customer()));
    }
}
