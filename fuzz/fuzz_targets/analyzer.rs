//! The analyzer chain: never panics; the tokenizer's fast path finds the same words as the full
//! UAX #29 segmenter; unigrams are non-empty and contain no whitespace; the same text always
//! gives the same terms.
#![no_main]

use std::sync::OnceLock;

use classify::analyzer::{
    normalize::normalize, tokenize::WordSegments, Analyzer, AnalyzerSettings,
};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(AnalyzerSettings::default()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = normalize(text);
    let is_word = |s: &&str| s.chars().any(char::is_alphanumeric);
    let fast: Vec<&str> = WordSegments::new(text).filter(is_word).collect();
    let full: Vec<&str> = text.split_word_bounds().filter(is_word).collect();
    assert_eq!(fast, full);
    let tokens = analyzer().tokens(text);
    for t in &tokens {
        assert!(!t.is_empty() && !t.contains(char::is_whitespace), "{t:?}");
    }
    assert_eq!(analyzer().terms(text), analyzer().terms(text));
});
