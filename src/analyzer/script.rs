//! Script detection: which stemmer a token goes to.

/// The writing system of a token, judged by its first letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Arabic script (Arabic, Persian, Urdu letters).
    Arabic,
    /// Latin script.
    Latin,
    /// Anything else (digits, other scripts).
    Other,
}

/// The script of `token`, judged by its first alphabetic character.
pub fn script_of(token: &str) -> Script {
    // Fast path: the first character is an Arabic letter or an ASCII letter.
    match token.chars().next() {
        Some(c @ '\u{0621}'..='\u{064A}') | Some(c @ '\u{0671}'..='\u{06D3}') if is_arabic(c) => {
            return Script::Arabic
        }
        Some(c) if c.is_ascii_alphabetic() => return Script::Latin,
        _ => {}
    }
    match token.chars().find(|c| c.is_alphabetic()) {
        Some(c) if is_arabic(c) => Script::Arabic,
        Some(c) if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => {
            Script::Latin
        }
        _ => Script::Other,
    }
}

/// Whether `c` belongs to one of the Arabic Unicode blocks.
pub fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(script_of("العقوبات"), Script::Arabic);
        assert_eq!(script_of("sanctions"), Script::Latin);
        assert_eq!(script_of("2024"), Script::Other);
        assert_eq!(script_of("Москва"), Script::Other);
    }
}
