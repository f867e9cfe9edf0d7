//! A statement builder for the raw SQL that sea-query cannot express: it numbers the
//! parameters the way each database wants (`?` on SQLite, `$n` on PostgreSQL).

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

/// A statement being written: its text and the values bound so far, in order.
pub struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DbBackend) -> Sql {
        Sql {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    /// The database the statement is written for.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// Appends SQL text as is.
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a parameter bound to `value` (`?` on SQLite, `$n` on PostgreSQL).
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                let placeholder = format!("${}", self.values.len());
                self.text.push_str(&placeholder);
            }
            _ => self.text.push('?'),
        }
        self
    }

    /// Runs the statement and returns its rows.
    pub async fn all(self, db: &impl ConnectionTrait) -> Result<Vec<QueryResult>, DbErr> {
        db.query_all_raw(Statement::from_sql_and_values(
            self.backend,
            self.text,
            self.values,
        ))
        .await
    }
}
