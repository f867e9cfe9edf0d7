//! Keyset pagination requests and results, shared by every list.

use super::DomainError;

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

/// Rows with an id greater than `after`, at most `size` of them, in id order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub after: Option<i64>,
    pub size: u64,
}

impl PageRequest {
    pub fn parse(first: Option<i32>, after: Option<i64>) -> Result<PageRequest, DomainError> {
        let size = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(first) if first >= 1 && (first as u64) <= MAX_PAGE_SIZE => first as u64,
            Some(_) => {
                return Err(DomainError::bad_input(format!(
                    "first must be between 1 and {MAX_PAGE_SIZE}"
                )));
            }
        };
        Ok(PageRequest { after, size })
    }
}

/// A case-sensitive `LIKE` pattern matching any text that contains `word` literally
/// (its `%`, `_` and `\` escaped); callers lower-case both sides.
pub fn contains_pattern(word: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next_page: bool,
}

impl<T> Page<T> {
    /// Builds a page from a query that fetched `size + 1` rows.
    pub fn from_overfetched(mut rows: Vec<T>, request: PageRequest) -> Page<T> {
        let has_next_page = rows.len() as u64 > request.size;
        rows.truncate(request.size as usize);
        Page {
            items: rows,
            has_next_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_outside_the_limits_are_refused() {
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(Some(-5), None).is_err());
        assert!(PageRequest::parse(Some(101), None).is_err());
        assert_eq!(
            PageRequest::parse(None, None).map(|p| p.size).ok(),
            Some(20)
        );
    }

    #[test]
    fn an_overfetched_row_means_there_is_a_next_page() {
        let request = PageRequest {
            after: None,
            size: 2,
        };
        let page = Page::from_overfetched(vec![1, 2, 3], request);
        assert!(page.has_next_page);
        assert_eq!(page.items, vec![1, 2]);
        let last = Page::from_overfetched(vec![1, 2], request);
        assert!(!last.has_next_page);
    }
}
