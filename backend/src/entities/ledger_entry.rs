use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub company_id: i64,
    pub entry_date: Date,
    pub kind: String,
    pub reference: String,
    pub debit: i64,
    pub credit: i64,
    pub invoice_id: Option<i64>,
    pub credit_note_id: Option<i64>,
    pub payment_id: Option<i64>,
    pub due_date: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
