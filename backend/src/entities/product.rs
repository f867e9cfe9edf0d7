use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub description: String,
    pub category_id: i64,
    pub unit: String,
    pub pack_size: i32,
    pub min_order_quantity: i32,
    pub image_url: Option<String>,
    pub active: bool,
    pub search_text: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
