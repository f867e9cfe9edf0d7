//! Abuse limits, checked before a resolver runs: the size of the query text, aliases,
//! nested introspection lists, and (in `mod.rs`) depth and complexity. Every error of
//! a request that never started executing (a syntax error, a validation error, a
//! limit) answers `BAD_USER_INPUT`, so clients and tests can tell it apart.
//!
//! Batches (a JSON array of requests) are refused by the HTTP layer: the endpoint
//! takes one request per POST.

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, Request, ServerError};

/// The longest query text accepted. The UI's largest query is under 1 KB; data
/// (CSV files included) travels in variables, which this does not count.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;
/// The most aliases in one document. The UI uses none; a tool might use a few.
pub const MAX_ALIASES: usize = 20;
/// The most introspection lists (`types`, `fields`, `args`, ...) nested on one path.
/// GraphiQL's introspection query nests three (`types { fields { args } }`); each
/// further level multiplies the answer by the size of the schema.
pub const MAX_INTROSPECTION_LISTS: usize = 3;

const INTROSPECTION_LISTS: [&str; 7] = [
    "types",
    "fields",
    "args",
    "inputFields",
    "interfaces",
    "possibleTypes",
    "enumValues",
];

/// Admits a request before it runs: the length of its text, then (parsing it once,
/// for the schema to reuse) its aliases and introspection nesting. The refusal is
/// the request's only error.
pub fn admit(request: &mut Request) -> Result<(), ServerError> {
    if request.query.len() > MAX_QUERY_BYTES {
        return Err(bad_request(format!(
            "The query is {} bytes long; at most {MAX_QUERY_BYTES} are accepted (send data in variables)",
            request.query.len()
        )));
    }
    let document = request.parsed_query().map_err(with_code)?;
    check(document).map_err(bad_request)
}

/// The document's aliases and introspection nesting against the limits.
pub fn check(document: &ExecutableDocument) -> Result<(), String> {
    let mut aliases = 0;
    let selection_sets = document
        .operations
        .iter()
        .map(|(_, operation)| &operation.node.selection_set.node)
        .chain(
            document
                .fragments
                .values()
                .map(|fragment| &fragment.node.selection_set.node),
        );
    for set in selection_sets {
        count_aliases(set, &mut aliases);
    }
    if aliases > MAX_ALIASES {
        return Err(format!(
            "The query has {aliases} aliases; at most {MAX_ALIASES} are accepted"
        ));
    }
    for (_, operation) in document.operations.iter() {
        let mut path = Vec::new();
        let nesting = introspection_lists(
            &operation.node.selection_set.node,
            &document.fragments,
            &mut path,
        );
        if nesting > MAX_INTROSPECTION_LISTS {
            return Err(format!(
                "The query nests {nesting} introspection lists; at most {MAX_INTROSPECTION_LISTS} are accepted"
            ));
        }
    }
    Ok(())
}

fn count_aliases(set: &SelectionSet, aliases: &mut usize) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                *aliases += usize::from(field.node.alias.is_some());
                count_aliases(&field.node.selection_set.node, aliases);
            }
            Selection::InlineFragment(fragment) => {
                count_aliases(&fragment.node.selection_set.node, aliases)
            }
            Selection::FragmentSpread(_) => {}
        }
    }
}

/// The deepest nesting of introspection lists below `set`, through fragments (a
/// fragment already on `path` is not entered again: cycles are refused later by
/// validation).
fn introspection_lists<'a>(
    set: &'a SelectionSet,
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    path: &mut Vec<&'a Name>,
) -> usize {
    let mut deepest = 0;
    for item in &set.items {
        let nesting = match &item.node {
            Selection::Field(field) => {
                let own = usize::from(INTROSPECTION_LISTS.contains(&field.node.name.node.as_str()));
                own + introspection_lists(&field.node.selection_set.node, fragments, path)
            }
            Selection::InlineFragment(fragment) => {
                introspection_lists(&fragment.node.selection_set.node, fragments, path)
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                match fragments.get(name) {
                    Some(fragment) if !path.contains(&name) => {
                        path.push(name);
                        let nesting =
                            introspection_lists(&fragment.node.selection_set.node, fragments, path);
                        path.pop();
                        nesting
                    }
                    _ => 0,
                }
            }
        };
        deepest = deepest.max(nesting);
    }
    deepest
}

fn bad_request(message: String) -> ServerError {
    with_code(ServerError::new(message, None))
}

/// Gives an error of a request that never ran the code `BAD_USER_INPUT`.
fn with_code(mut error: ServerError) -> ServerError {
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", "BAD_USER_INPUT");
    error
}
