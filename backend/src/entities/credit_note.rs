use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: String,
    pub year: i32,
    pub sequence: i64,
    pub invoice_id: i64,
    pub order_id: i64,
    pub company_id: i64,
    pub issued_at: DateTimeUtc,
    pub issue_date: Date,
    pub kind: String,
    pub reason: String,
    pub comment: String,
    pub issued_by: Option<i64>,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
