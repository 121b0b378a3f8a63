//! Tokenising: splits normalised text on Unicode word boundaries (UAX #29).
//!
//! Tokens shorter than the configured minimum and, unless numbers are kept, tokens made only of
//! digits are dropped.
//!
//! Most of a news text is words of Arabic or ASCII letters and digits between spaces, perhaps
//! with punctuation before or after. UAX #29 always breaks around such a word, so it is taken
//! whole without looking up each character's word-break class; every other stretch of text goes
//! through the full UAX #29 segmenter ([`WordSegments`] shows why both give the same words).

use unicode_segmentation::{UWordBounds, UnicodeSegmentation};

/// Splits `text` into word tokens: the segments between UAX #29 word boundaries that hold a
/// letter or digit (what `unicode_words` yields), trimmed of white space. UAX #29 keeps a space
/// and a following combining mark together (`" \u{5b4}"`); a token never contains white space,
/// since n-gram terms are tokens joined by spaces.
pub fn tokens(text: &str, min_chars: usize, keep_numbers: bool) -> impl Iterator<Item = &str> {
    let mut segments = WordSegments::new(text);
    std::iter::from_fn(move || loop {
        let (t, plain) = segments.next_segment()?;
        // A plain word is a word, without white space or separators: only its length and
        // whether it is all digits are left to check.
        let t = if plain {
            t
        } else if is_word(t) {
            let t = t.trim();
            if t.contains(char::is_whitespace) {
                continue;
            }
            t
        } else {
            continue;
        };
        let number = t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        if (keep_numbers || !number) && has_at_least_chars(t, min_chars) {
            return Some(t);
        }
    })
}

/// The UAX #29 word segments of a text that may hold a word; segments of only punctuation or
/// white space may be left out.
///
/// The text is cut into chunks at ASCII white space. A chunk that is a *plain word* — Arabic
/// letters (U+0621–U+063A, U+0641–U+064A) and ASCII letters and digits, with only punctuation
/// from [`is_edge_punctuation`] before or after it — yields the word itself: all its characters
/// are ALetter or Numeric, which UAX #29 never breaks between (WB5, WB8–WB10); nothing joins a
/// letter or digit to white space; and the edge punctuation could join it only with a letter or
/// digit on its other side (WB6, WB7, WB11, WB12), where there is none. Runs of other chunks go
/// to the full segmenter together with the white space before them (which UAX #29 may join to
/// their first characters: WB3d, WB4), starting at the end of the plain word before, which is
/// always a boundary whose rules look no further back; so they are segmented as in the whole
/// text.
pub struct WordSegments<'a> {
    text: &'a str,
    /// Where the next chunk search starts.
    pos: usize,
    /// The segments of a stretch of text that is not plain words.
    slow: Option<UWordBounds<'a>>,
    /// The plain word that ended the slow stretch, and the end of its chunk: found while
    /// looking for the stretch's end, given once the stretch is done.
    after_slow: Option<(&'a str, usize)>,
}

impl<'a> WordSegments<'a> {
    /// The segments of `text`.
    pub fn new(text: &'a str) -> Self {
        WordSegments {
            text,
            pos: 0,
            slow: None,
            after_slow: None,
        }
    }

    /// The next chunk at or after byte `from`: `[start, end)` between ASCII white space.
    fn chunk(&self, from: usize) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let start = from
            + bytes[from..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())?;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |n| start + n);
        Some((start, end))
    }
}

impl<'a> Iterator for WordSegments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.next_segment().map(|(segment, _)| segment)
    }
}

impl<'a> WordSegments<'a> {
    /// The next segment, and whether it is a plain word.
    fn next_segment(&mut self) -> Option<(&'a str, bool)> {
        if let Some(slow) = &mut self.slow {
            match slow.next() {
                Some(segment) => return Some((segment, false)),
                None => self.slow = None,
            }
        }
        if let Some((word, end)) = self.after_slow.take() {
            self.pos = end;
            return Some((word, true));
        }
        let (start, end) = self.chunk(self.pos)?;
        let chunk = &self.text[start..end];
        if let Some(word) = plain_word(chunk) {
            self.pos = end;
            return Some((word, true));
        }
        // From the end of the plain word before (all the white space between), up to the next
        // plain word.
        let from = self.pos;
        let mut to = end;
        while let Some((s, e)) = self.chunk(to) {
            if let Some(word) = plain_word(&self.text[s..e]) {
                self.after_slow = Some((word, e));
                break;
            }
            to = e;
        }
        self.pos = to;
        let mut slow = self.text[from..to].split_word_bounds();
        let first = slow.next();
        self.slow = Some(slow);
        first.map(|segment| (segment, false))
    }
}

/// The word of a plain-word chunk (see [`WordSegments`]), without its edge punctuation.
fn plain_word(chunk: &str) -> Option<&str> {
    let bytes = chunk.as_bytes();
    let mut i = 0;
    let mut word = None;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let (len, plain) = match (b, next) {
            (b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z', _) => (1, true),
            (0xD8, 0xA1..=0xBA) | (0xD9, 0x81..=0x8A) => (2, true),
            _ => {
                let c = chunk[i..].chars().next()?;
                if !is_edge_punctuation(c) {
                    return None;
                }
                (c.len_utf8(), false)
            }
        };
        if plain {
            match &mut word {
                None => word = Some((i, i + len)),
                // Letters after punctuation after letters: not plain.
                Some((_, end)) if *end != i => return None,
                Some((_, end)) => *end = i + len,
            }
        }
        i += len;
    }
    word.map(|(s, e)| &chunk[s..e])
}

/// Punctuation that may stand before or after a plain word: ASCII punctuation but `_`
/// (ExtendNumLet, which joins words), and Arabic comma, semicolon and question mark and
/// guillemets.
fn is_edge_punctuation(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_') || matches!(c, '،' | '؛' | '؟' | '«' | '»')
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
    use super::{is_word, tokens, WordSegments};
    use unicode_segmentation::UnicodeSegmentation;

    /// The fast path must give exactly the word segments of the full UAX #29 segmenter.
    fn assert_same_words(text: &str) {
        let fast: Vec<_> = WordSegments::new(text).filter(|s| is_word(s)).collect();
        let full: Vec<_> = text.split_word_bounds().filter(|s| is_word(s)).collect();
        assert_eq!(fast, full, "text {text:?}");
    }

    #[test]
    fn plain_words_split_as_uax29_does() {
        for text in [
            "",
            " ",
            "word",
            "  two words  ",
            "(قال) «الناتو»، و\"U.S.\" troops' 1,000 2024. a.b l'armée x_y",
            "ab \u{5b4}cd \u{5b4}",
            "  \u{650}ا",
            "a \u{3000} \u{650}b \u{3000}  c",
            "\u{200d}ab \u{301}\u{301}cd\t\u{301}x",
            "5مليون 3a a3 ،واشنطن؛ ؟كيف؟ ...",
            "🇸🇦🇺🇸 🇸🇦 a\r\n\u{301}b",
            "'a' ''a'' .a. :a: a:b a.:b",
        ] {
            assert_same_words(text);
        }
    }

    #[test]
    fn random_texts_split_as_uax29_does() {
        // Letters, digits and punctuation of both scripts, spaces, marks, joiners, flags.
        let pool: Vec<char> =
            "اbنط1 .,:'\"_؛،؟«»()-\t\n\r\u{301}\u{64e}\u{200d}\u{200c}\u{a0}\u{3000}🇸🇦é٣ـ#@"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(29);
        for _ in 0..20_000 {
            let len = rng.usize(0..24);
            let text: String = (0..len).map(|_| pool[rng.usize(..pool.len())]).collect();
            assert_same_words(&text);
        }
    }

    #[test]
    fn corpus_splits_as_uax29_does() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/train.jsonl");
        let data = std::fs::read_to_string(path).unwrap();
        for line in data.lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = record["text"].as_str().unwrap();
            assert_same_words(text);
            assert_same_words(&crate::analyzer::normalize::normalize(text));
        }
    }

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
