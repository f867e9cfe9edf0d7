//! The matrix file (`tests/authz_matrix.md`) as data, and the completeness check.

use std::collections::BTreeSet;

/// The callers, in the order of the table's outcome columns.
pub const CALLERS: [Caller; 7] = [
    Caller::Anonymous,
    Caller::User("buyer@demo.test"),
    Caller::User("approver@demo.test"),
    Caller::User("viewer@demo.test"),
    Caller::User("admin@demo.test"),
    Caller::User("approver@other.test"),
    Caller::User("staff@demo.test"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    User(&'static str),
}

impl Caller {
    pub fn name(self) -> &'static str {
        match self {
            Caller::Anonymous => "anonymous",
            Caller::User(email) => email,
        }
    }

    /// The company whose data this caller must never see, when it has one.
    pub fn other_company(self) -> Option<Company> {
        match self {
            Caller::User(email) if email.ends_with("@other.test") => Some(Company::A),
            Caller::User("staff@demo.test") | Caller::Anonymous => None,
            Caller::User(_) => Some(Company::B),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Company {
    A,
    B,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Null,
    /// An error with this `extensions.code`.
    Error(&'static str),
}

impl Outcome {
    fn parse(word: &str) -> Result<Outcome, String> {
        Ok(match word {
            "OK" => Outcome::Ok,
            "NULL" => Outcome::Null,
            "UNAUTH" => Outcome::Error("UNAUTHENTICATED"),
            "FORBIDDEN" => Outcome::Error("FORBIDDEN"),
            "NOT_FOUND" => Outcome::Error("NOT_FOUND"),
            "BAD_INPUT" => Outcome::Error("BAD_USER_INPUT"),
            "CONFLICT" => Outcome::Error("CONFLICT"),
            "TRANSITION" => Outcome::Error("INVALID_TRANSITION"),
            other => return Err(format!("unknown outcome `{other}`")),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// The row's allowed calls share one database.
    Shared,
    /// Every allowed call of the row gets a database of its own.
    Fresh,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The line of the file, for messages.
    pub line: usize,
    pub operation: String,
    pub target: Option<Company>,
    pub sharing: Sharing,
    /// The GraphQL document with its `@placeholders`.
    pub request: String,
    pub expected: [Outcome; CALLERS.len()],
}

impl Row {
    pub fn label(&self) -> String {
        match self.target {
            Some(company) => format!("{} on {company:?} (line {})", self.operation, self.line),
            None => format!("{} (line {})", self.operation, self.line),
        }
    }

    pub fn is_subscription(&self) -> bool {
        self.request.trim_start().starts_with("subscription")
    }

    pub fn is_mutation(&self) -> bool {
        self.request.trim_start().starts_with("mutation")
    }
}

/// Parses the markdown table: every line that starts with `|` after the header.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut in_table = false;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.first() == Some(&"operation") || cells.iter().all(|cell| cell.starts_with("---")) {
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        let [operation, target, sharing, request, outcomes @ ..] = cells.as_slice() else {
            return Err(format!("line {line_number}: too few cells"));
        };
        if outcomes.len() != CALLERS.len() {
            return Err(format!(
                "line {line_number}: {} outcomes for {} callers",
                outcomes.len(),
                CALLERS.len()
            ));
        }
        let target = match *target {
            "A" => Some(Company::A),
            "B" => Some(Company::B),
            "-" => None,
            other => {
                return Err(format!(
                    "line {line_number}: `on` is A, B or -, not `{other}`"
                ));
            }
        };
        let sharing = match *sharing {
            "shared" => Sharing::Shared,
            "fresh" => Sharing::Fresh,
            other => {
                return Err(format!(
                    "line {line_number}: `db` is shared or fresh, not `{other}`"
                ));
            }
        };
        let request = if request.is_empty() {
            match rows.last() {
                Some(previous) => previous.request.clone(),
                None => return Err(format!("line {line_number}: no request to repeat")),
            }
        } else {
            request.trim_matches('`').to_owned()
        };
        let mut expected = [Outcome::Ok; CALLERS.len()];
        for (slot, word) in expected.iter_mut().zip(outcomes) {
            *slot = Outcome::parse(word).map_err(|error| format!("line {line_number}: {error}"))?;
        }
        rows.push(Row {
            line: line_number,
            operation: (*operation).to_owned(),
            target,
            sharing,
            request,
            expected,
        });
    }
    Ok(rows)
}

/// What the table and the schema disagree on.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Completeness {
    /// Operations of the schema without a row.
    pub missing: Vec<String>,
    /// Rows naming an operation the schema does not have.
    pub unknown: Vec<String>,
    /// Rows whose request does not call their operation.
    pub mismatched: Vec<String>,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        *self == Completeness::default()
    }
}

/// Compares the operations of the schema (`Query.x`, `Mutation.y`, `Subscription.z`:
/// their field names) with the rows.
pub fn completeness(schema_operations: &BTreeSet<String>, rows: &[Row]) -> Completeness {
    let covered: BTreeSet<String> = rows.iter().map(|row| row.operation.clone()).collect();
    Completeness {
        missing: schema_operations.difference(&covered).cloned().collect(),
        unknown: covered.difference(schema_operations).cloned().collect(),
        mismatched: rows
            .iter()
            .filter(|row| top_level_field(&row.request) != row.operation)
            .map(Row::label)
            .collect(),
    }
}

/// The first field of the request's selection set.
pub fn top_level_field(request: &str) -> &str {
    let body = &request[request.find('{').map(|index| index + 1).unwrap_or(0)..];
    body.trim_start()
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
}
