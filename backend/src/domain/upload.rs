//! The size limit of an uploaded file (the CSV imports), checked before a row is read.

use super::DomainError;

/// Refuses `text` when it is longer than `max_bytes`, saying both sizes.
pub fn check_size(text: &str, max_bytes: usize) -> Result<(), DomainError> {
    if text.len() <= max_bytes {
        return Ok(());
    }
    Err(DomainError::bad_input(format!(
        "The file is {} KB; at most {} KB can be imported at once (split it)",
        text.len().div_ceil(1024),
        max_bytes / 1024
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_up_to_the_limit_passes_and_a_larger_one_is_refused_in_words() {
        assert!(check_size("abc", 3).is_ok());
        match check_size(&"x".repeat(3 * 1024), 2 * 1024) {
            Err(DomainError::BadInput(message)) => {
                assert_eq!(
                    message,
                    "The file is 3 KB; at most 2 KB can be imported at once (split it)"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
