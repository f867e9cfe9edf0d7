//! Relay cursor connections over the domain's keyset pages.

use async_graphql::OutputType;
use async_graphql::connection::{Connection, CursorType, Edge};

use super::error::bad_input;
use crate::domain::page::{Page, PageRequest};

/// Reads `first`/`after` into a domain page request. Cursors are row ids.
pub fn page_request(
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PageRequest> {
    let after = match after {
        Some(cursor) => Some(
            i64::decode_cursor(&cursor)
                .map_err(|_| bad_input(format!("'{cursor}' is not a cursor of this list")))?,
        ),
        None => None,
    };
    PageRequest::parse(first, after).map_err(Into::into)
}

/// Wraps a domain page as a connection; `cursor_of` gives each item's row id.
pub fn connection<Item, Node>(
    page: Page<Item>,
    request: PageRequest,
    cursor_of: impl Fn(&Item) -> i64,
    to_node: impl Fn(Item) -> Node,
) -> Connection<i64, Node>
where
    Node: OutputType,
{
    let mut connection = Connection::new(request.after.is_some(), page.has_next_page);
    connection.edges.extend(page.items.into_iter().map(|item| {
        let cursor = cursor_of(&item);
        Edge::new(cursor, to_node(item))
    }));
    connection
}
