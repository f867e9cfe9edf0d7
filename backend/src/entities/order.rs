use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: String,
    pub company_id: i64,
    pub placed_by: i64,
    pub status: String,
    pub channel: String,
    pub cost_center_id: Option<i64>,
    pub note: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    pub approvals_required: i32,
    pub approval_reasons: String,
    pub idempotency_key: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// The API key an ingested order came through.
    pub api_key_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
