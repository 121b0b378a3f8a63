//! Tokenising: splits normalised text on Unicode word boundaries (UAX #29).
//!
//! Tokens shorter than the configured minimum and, unless numbers are kept, tokens made only of
//! digits are dropped.

use unicode_segmentation::UnicodeSegmentation;

/// Splits `text` into word tokens: the segments between UAX #29 word boundaries that hold a
/// letter or digit (what `unicode_words` yields, with a fast path for Arabic and ASCII letters),
/// trimmed of white space. UAX #29 keeps a space and a following combining mark together
/// (`" \u{5b4}"`); a token never contains white space, since n-gram terms are tokens joined by
/// spaces.
pub fn tokens(text: &str, min_chars: usize, keep_numbers: bool) -> impl Iterator<Item = &str> {
    text.split_word_bounds().filter_map(move |t| {
        if !is_word(t) {
            return None;
        }
        let t = t.trim();
        let number = t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        let keep = !t.contains(char::is_whitespace)
            && (keep_numbers || !number)
            && has_at_least_chars(t, min_chars);
        keep.then_some(t)
    })
}

/// Whether a segment holds a letter or digit (`unicode_words`' test), Arabic and ASCII first.
fn is_word(segment: &str) -> bool {
    match segment.chars().next() {
        Some('\u{0621}'..='\u{064A}') => true,
        Some(c) if c.is_ascii_alphanumeric() => true,
        Some(c) if c.is_ascii() && segment.len() == 1 => false,
        _ => segment.chars().any(char::is_alphanumeric),
    }
}

fn has_at_least_chars(token: &str, n: usize) -> bool {
    token.len() >= n && token.chars().nth(n.saturating_sub(1)).is_some()
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn splits_mixed_arabic_and_english_on_word_boundaries() {
        let got: Vec<_> = tokens("قال الأمين العام: \"NATO is united\" (2024).", 2, false).collect();
        assert_eq!(got, ["قال", "الأمين", "العام", "NATO", "is", "united"]);
    }

    #[test]
    fn yields_exactly_the_unicode_words() {
        use unicode_segmentation::UnicodeSegmentation;
        let text = "قال: «الناتو» 2024، و U.S. troops' drills — Москва; ١٢٣ #وسم_ما ... ok";
        let ours: Vec<_> = tokens(text, 1, true).collect();
        let theirs: Vec<_> = text.unicode_words().collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn tokens_never_hold_white_space() {
        // Found by fuzzing: a space followed by a combining mark is one UAX #29 segment.
        let got: Vec<_> = tokens("ab \u{5b4}cd \u{5b4}", 1, true).collect();
        assert!(!got.is_empty());
        assert!(
            got.iter().all(|t| !t.contains(char::is_whitespace)),
            "{got:?}"
        );
    }

    #[test]
    fn keeps_numbers_when_asked() {
        let got: Vec<_> = tokens("S-400 in 2019", 2, true).collect();
        assert_eq!(got, ["400", "in", "2019"]);
    }

    #[test]
    fn drops_short_tokens() {
        let got: Vec<_> = tokens("a و b ok", 2, false).collect();
        assert_eq!(got, ["ok"]);
    }
}
