//! Lowercasing: Latin (and other cased) tokens to lower case; Arabic has no case.

use std::borrow::Cow;

/// The lower-case form of `token`, borrowed when it is already lower case.
pub fn lowercase(token: &str) -> Cow<'_, str> {
    if token.chars().any(char::is_uppercase) {
        Cow::Owned(token.to_lowercase())
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lowercases_latin_and_borrows_otherwise() {
        assert_eq!(lowercase("NATO"), "nato");
        assert!(matches!(lowercase("حلف"), std::borrow::Cow::Borrowed(_)));
    }
}
