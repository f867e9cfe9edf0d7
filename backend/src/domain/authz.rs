//! Authorization, as one mechanism: every operation names the roles that may call it
//! ([`Operation::allowed_roles`]), and every resolver starts with one call to
//! [`authorize`]. Customer data is scoped by the company in the caller's session
//! ([`Actor::company_id`]), never by an argument.

use shared::{CompanyId, Email, Language, Role, UserId};

use super::DomainError;
use super::api_keys::ApiScope;

/// The authenticated caller, loaded from the database on every request so that a
/// deactivated user or a changed role takes effect at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub email: Email,
    pub role: Role,
    /// The customer company; `None` only for supplier staff.
    pub company_id: Option<CompanyId>,
    /// The UI language the user chose, for names and messages.
    pub language: Language,
    /// The session of the access token (`None` for a signed download link, and for
    /// actors the server makes up: seeding, staff acting for a customer).
    pub session_id: Option<crate::domain::auth::session::SessionId>,
    /// Set when the caller is a machine client with an API key: then the key's scopes,
    /// not the role, decide what it may do ([`Operation::api_scope`]). The user is the
    /// staff member who created the key (`placedBy` of the orders it ingests), the role
    /// `SUPPLIER_STAFF` for a supplier key or `VIEWER` for a key bound to a company, so
    /// that reads are scoped as for a human of that kind.
    pub api_key: Option<ApiKeyGrant>,
}

/// What an API key may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKeyGrant {
    pub key_id: i64,
    pub scopes: Vec<ApiScope>,
}

impl Actor {
    pub fn is_supplier_staff(&self) -> bool {
        self.role == Role::SupplierStaff
    }

    /// The company whose data a customer operation works on. Supplier staff have none:
    /// an operation that needs one is not theirs.
    pub fn customer_company(&self) -> Result<CompanyId, DomainError> {
        self.company_id.ok_or(DomainError::Forbidden)
    }

    /// Whether this caller may see the data of `company`: staff see every company,
    /// customers only their own.
    pub fn can_see_company(&self, company: CompanyId) -> bool {
        self.is_supplier_staff() || self.company_id == Some(company)
    }
}

/// What the request's credentials amounted to.
#[derive(Clone, Debug)]
pub enum Authentication {
    /// No credentials were sent.
    Anonymous,
    Authenticated(Actor),
    /// Credentials were sent but are not valid; the reason is safe to show.
    Rejected(&'static str),
}

/// Every operation of the API that needs a signed-in caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `me`, `setLanguage`, `logoutEverywhere`, `changePassword`: a user's own account
    /// and sessions.
    OwnAccount,
    /// `companies`: the list of every customer company.
    ListCompanies,
    /// `company(id)`: one company, scoped.
    ReadCompany,
    /// `companyUsers`: the users of the caller's company.
    ListCompanyUsers,
    /// `createCompanyUser`, `updateCompanyUser`.
    ManageCompanyUsers,
    /// `costCenters`: choosing a cost centre for an order, managing budgets.
    ListCostCenters,
    /// `products`, `product`, `categories`, `stockChanged`: the caller's catalog.
    ViewCatalog,
    /// `adjustStock`: changing stock on hand.
    ManageStock,
    /// Products, categories, price lists, assortments, catalog CSV import and export.
    ManageCatalog,
    /// `placeOrder`, `orderQuote`: ordering for the caller's company.
    PlaceOrder,
    /// `approveOrder`, `rejectOrder`: deciding on pending orders.
    ApproveOrders,
    /// `orders`, `order`, `orderUpdated`: the company's orders, or the supplier's queue.
    ReadOrders,
    /// `notifications`, `unreadNotificationCount`, `markNotificationRead`,
    /// `markAllNotificationsRead`: the caller's own notifications.
    OwnNotifications,
    /// `approvalRules`, `setApprovalRules`, `setUserLimits`, `saveCostCenter`: the
    /// budget rules of the caller's company.
    ManageCompanyRules,
    /// `moveOrder`, `moveOrders`, `shipOrder`, `returnOrder`, `acceptOrderRequest`,
    /// `declineOrderRequest`, `placeOrderFor`, `pickList`: the supplier's fulfilment.
    ManageFulfilment,
    /// `confirmDelivery`: the supplier, or the customer who received the goods.
    ConfirmDelivery,
    /// `requestOrderCancellation`, `requestOrderChange`, `requestReturn`: customers who
    /// order ask the supplier (viewers only read).
    RequestOrderChanges,
    /// `invoices`, `invoice`, `creditNotes`, `creditNote` and their PDFs.
    ReadInvoices,
    /// `ledger` and the statement exports: the company's account.
    ReadLedger,
    /// `recordPayment`, `importPaymentsCsv`, `setCreditLimit`: the supplier's
    /// accounts receivable.
    RecordPayments,
    /// `auditLog`: staff every entry, company admins their own company's.
    ReadAuditLog,
    /// `createCompany`, `updateCompany`, `suspendCompany`, `reinstateCompany`: the
    /// supplier onboards companies and sets their terms.
    ManageCompanies,
    /// `inviteCompanyUser`, `revokeInvitation`, `invitations`: staff for any company,
    /// a company admin for its own (scoped in `companies::invitations`).
    ManageInvitations,
    /// `dashboard`: the supplier's measures of how the operation performs.
    ViewDashboard,
    /// `cartSuggestions`, `reorderSuggestions`: suggestions for the customers who order.
    ViewSuggestions,
    /// `apiKeys`, `createApiKey`, `revokeApiKey`, `webhooks`, `createWebhook`,
    /// `updateWebhook`, `deleteWebhook`, `webhookDeliveries`, `replayWebhookDelivery`:
    /// the supplier's integrations.
    ManageIntegrations,
    /// `ingestOrder`: a machine client pushes an order (API keys with `ORDERS_WRITE`
    /// only; no person has this operation).
    IngestOrders,
}

impl Operation {
    pub const ALL: [Operation; 27] = [
        Operation::OwnAccount,
        Operation::ListCompanies,
        Operation::ReadCompany,
        Operation::ListCompanyUsers,
        Operation::ManageCompanyUsers,
        Operation::ListCostCenters,
        Operation::ViewCatalog,
        Operation::ManageStock,
        Operation::ManageCatalog,
        Operation::PlaceOrder,
        Operation::ApproveOrders,
        Operation::ReadOrders,
        Operation::OwnNotifications,
        Operation::ManageCompanyRules,
        Operation::ManageFulfilment,
        Operation::ConfirmDelivery,
        Operation::RequestOrderChanges,
        Operation::ReadInvoices,
        Operation::ReadLedger,
        Operation::RecordPayments,
        Operation::ReadAuditLog,
        Operation::ManageCompanies,
        Operation::ManageInvitations,
        Operation::ViewDashboard,
        Operation::ViewSuggestions,
        Operation::ManageIntegrations,
        Operation::IngestOrders,
    ];

    /// The one table of who may do what.
    pub fn allowed_roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Operation::OwnAccount => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::ListCompanies => &[SupplierStaff],
            Operation::ReadCompany => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::ListCompanyUsers => &[CompanyAdmin],
            Operation::ManageCompanyUsers => &[CompanyAdmin],
            Operation::ListCostCenters => &[Buyer, Approver, CompanyAdmin],
            Operation::ViewCatalog => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::ManageStock => &[SupplierStaff],
            Operation::ManageCatalog => &[SupplierStaff],
            Operation::PlaceOrder => &[Buyer, Approver],
            Operation::ApproveOrders => &[Approver],
            Operation::ReadOrders => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::OwnNotifications => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::ManageCompanyRules => &[CompanyAdmin],
            Operation::ManageFulfilment => &[SupplierStaff],
            Operation::ConfirmDelivery => &[Buyer, Approver, CompanyAdmin, SupplierStaff],
            Operation::RequestOrderChanges => &[Buyer, Approver, CompanyAdmin],
            Operation::ReadInvoices => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::ReadLedger => &[Buyer, Approver, Viewer, CompanyAdmin, SupplierStaff],
            Operation::RecordPayments => &[SupplierStaff],
            Operation::ReadAuditLog => &[CompanyAdmin, SupplierStaff],
            Operation::ManageCompanies => &[SupplierStaff],
            Operation::ManageInvitations => &[CompanyAdmin, SupplierStaff],
            Operation::ViewDashboard => &[SupplierStaff],
            Operation::ViewSuggestions => &[Buyer, Approver],
            Operation::ManageIntegrations => &[SupplierStaff],
            Operation::IngestOrders => &[],
        }
    }

    /// The one table of what an API key may do: the scope an operation needs, or
    /// `None` when no key may call it (everything that changes the back office,
    /// accounts and keys themselves).
    pub fn api_scope(self) -> Option<ApiScope> {
        match self {
            Operation::IngestOrders => Some(ApiScope::OrdersWrite),
            Operation::ReadOrders => Some(ApiScope::OrdersRead),
            Operation::ViewCatalog => Some(ApiScope::CatalogRead),
            Operation::ReadInvoices => Some(ApiScope::InvoicesRead),
            _ => None,
        }
    }

    /// Whether `actor` may perform this operation: a person by role, a machine client
    /// by its key's scopes.
    fn allows(self, actor: &Actor) -> bool {
        match &actor.api_key {
            Some(grant) => self
                .api_scope()
                .is_some_and(|scope| grant.scopes.contains(&scope)),
            None => self.allowed_roles().contains(&actor.role),
        }
    }
}

/// The one authorization check: the caller must be signed in and hold a role that
/// `operation` allows.
pub fn authorize(
    authentication: &Authentication,
    operation: Operation,
) -> Result<&Actor, DomainError> {
    let actor = match authentication {
        Authentication::Authenticated(actor) => actor,
        Authentication::Anonymous => {
            return Err(DomainError::Unauthenticated("Sign in to continue"));
        }
        Authentication::Rejected(reason) => return Err(DomainError::Unauthenticated(reason)),
    };
    if operation.allows(actor) {
        Ok(actor)
    } else {
        Err(DomainError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Authentication {
        Authentication::Authenticated(Actor {
            user_id: UserId(1),
            email: Email::parse("someone@demo.test").unwrap_or_else(|_| unreachable!()),
            role,
            company_id: role.is_customer().then_some(CompanyId(1)),
            language: Language::He,
            session_id: None,
            api_key: None,
        })
    }

    fn machine(scopes: Vec<ApiScope>) -> Authentication {
        let Authentication::Authenticated(actor) = actor(Role::SupplierStaff) else {
            unreachable!()
        };
        Authentication::Authenticated(Actor {
            api_key: Some(ApiKeyGrant { key_id: 1, scopes }),
            ..actor
        })
    }

    #[test]
    fn an_api_key_may_do_exactly_what_its_scopes_name() {
        for operation in Operation::ALL {
            let none = machine(Vec::new());
            assert!(matches!(
                authorize(&none, operation),
                Err(DomainError::Forbidden)
            ));
            let all = machine(ApiScope::ALL.to_vec());
            assert_eq!(
                authorize(&all, operation).is_ok(),
                operation.api_scope().is_some(),
                "{operation:?}"
            );
        }
        let reader = machine(vec![ApiScope::OrdersRead]);
        assert!(authorize(&reader, Operation::ReadOrders).is_ok());
        assert!(authorize(&reader, Operation::IngestOrders).is_err());
        // A supplier key is not staff: the back office stays closed to it.
        for operation in [
            Operation::ManageStock,
            Operation::ManageIntegrations,
            Operation::ManageFulfilment,
            Operation::OwnAccount,
        ] {
            assert!(
                authorize(&all_scopes(), operation).is_err(),
                "{operation:?}"
            );
        }
    }

    fn all_scopes() -> Authentication {
        machine(ApiScope::ALL.to_vec())
    }

    #[test]
    fn no_person_may_ingest_orders() {
        for role in Role::ALL {
            assert!(authorize(&actor(role), Operation::IngestOrders).is_err());
        }
    }

    #[test]
    fn anonymous_and_rejected_callers_are_unauthenticated_for_every_operation() {
        for operation in Operation::ALL {
            assert!(matches!(
                authorize(&Authentication::Anonymous, operation),
                Err(DomainError::Unauthenticated(_))
            ));
            assert!(matches!(
                authorize(&Authentication::Rejected("expired"), operation),
                Err(DomainError::Unauthenticated("expired"))
            ));
        }
    }

    #[test]
    fn a_role_outside_the_table_is_forbidden() {
        for operation in Operation::ALL {
            for role in Role::ALL {
                let allowed = operation.allowed_roles().contains(&role);
                let authentication = actor(role);
                let result = authorize(&authentication, operation);
                assert_eq!(result.is_ok(), allowed, "{operation:?} by {role:?}");
                if !allowed {
                    assert!(matches!(result, Err(DomainError::Forbidden)));
                }
            }
        }
    }

    #[test]
    fn customers_see_only_their_own_company() {
        let Authentication::Authenticated(buyer) = actor(Role::Buyer) else {
            unreachable!()
        };
        assert!(buyer.can_see_company(CompanyId(1)));
        assert!(!buyer.can_see_company(CompanyId(2)));
        let Authentication::Authenticated(staff) = actor(Role::SupplierStaff) else {
            unreachable!()
        };
        assert!(staff.can_see_company(CompanyId(2)));
        assert!(staff.customer_company().is_err());
    }
}
