//! Tokenising: splits normalised text on Unicode word boundaries (UAX #29).
//!
//! Tokens shorter than the configured minimum and, unless numbers are kept, tokens made only of
//! digits are dropped.

use unicode_segmentation::UnicodeSegmentation;

/// Splits `text` into word tokens.
pub fn tokens(text: &str, min_chars: usize, keep_numbers: bool) -> impl Iterator<Item = &str> {
    text.unicode_words().filter(move |t| {
        (keep_numbers
            || !t
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
            && has_at_least_chars(t, min_chars)
    })
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
