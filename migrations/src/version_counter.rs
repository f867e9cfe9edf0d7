//! One-row counters that triggers raise on every change of a set of tables
//! (`<name>s.version`), so that a cache in the server can tell in one primary-key read
//! whether anything it holds changed, whoever changed it: an instance, an import, or
//! SQL outside the portal. Row triggers on SQLite; statement triggers on PostgreSQL, so
//! an import of 10,000 rows raises the counter once.

pub struct VersionCounter {
    /// `price_version`: table `price_versions`, triggers `<table>_..._price_version`,
    /// PostgreSQL function `bump_price_version()`.
    pub name: &'static str,
    /// The tables whose every insert, update and delete raises it.
    pub tables: &'static [&'static str],
}

impl VersionCounter {
    /// The statement that raises the counter.
    pub fn bump(&self) -> String {
        format!(
            "UPDATE {}s SET version = version + 1 WHERE id = 1",
            self.name
        )
    }

    fn create_table(&self) -> Vec<String> {
        vec![
            format!(
                "CREATE TABLE {}s (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
                self.name
            ),
            format!("INSERT INTO {}s (id, version) VALUES (1, 0)", self.name),
        ]
    }

    pub fn sqlite_up(&self) -> Vec<String> {
        let mut statements = self.create_table();
        for table in self.tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                statements.push(format!(
                    "CREATE TRIGGER {table}_{}_{} AFTER {event} ON {table} BEGIN {}; END",
                    event.to_lowercase(),
                    self.name,
                    self.bump()
                ));
            }
        }
        statements
    }

    pub fn sqlite_down(&self) -> Vec<String> {
        let mut statements: Vec<String> = self
            .tables
            .iter()
            .flat_map(|table| {
                ["insert", "update", "delete"]
                    .map(|event| format!("DROP TRIGGER IF EXISTS {table}_{event}_{}", self.name))
            })
            .collect();
        statements.push(format!("DROP TABLE IF EXISTS {}s", self.name));
        statements
    }

    /// The PostgreSQL function the triggers execute.
    pub fn postgres_function(&self) -> String {
        format!("bump_{}", self.name)
    }

    pub fn postgres_up(&self) -> Vec<String> {
        let mut statements = self.create_table();
        statements.push(format!(
            "CREATE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN {}; RETURN NULL; END $$",
            self.postgres_function(),
            self.bump()
        ));
        for table in self.tables {
            statements.push(format!(
                "CREATE TRIGGER {table}_{} AFTER INSERT OR UPDATE OR DELETE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION {}()",
                self.name,
                self.postgres_function()
            ));
        }
        statements
    }

    pub fn postgres_down(&self) -> Vec<String> {
        let mut statements: Vec<String> = self
            .tables
            .iter()
            .map(|table| format!("DROP TRIGGER IF EXISTS {table}_{} ON {table}", self.name))
            .collect();
        statements.push(format!(
            "DROP FUNCTION IF EXISTS {}()",
            self.postgres_function()
        ));
        statements.push(format!("DROP TABLE IF EXISTS {}s", self.name));
        statements
    }
}
