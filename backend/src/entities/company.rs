use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub vat_number: Option<String>,
    pub currency: String,
    pub payment_terms: String,
    pub payment_days: i32,
    pub credit_limit: i64,
    pub auto_approval_limit: Option<i64>,
    pub dual_approval_limit: Option<i64>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub price_list_id: Option<i64>,
    pub discount_basis_points: i32,
    pub approvers_require_totp: bool,
    /// Why the company may not order (set with `active = false` by a suspension).
    pub suspended_reason: Option<String>,
    pub suspended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::user::Entity")]
    Users,
    #[sea_orm(has_many = "super::cost_center::Entity")]
    CostCenters,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
