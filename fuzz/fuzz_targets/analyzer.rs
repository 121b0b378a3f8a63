//! The analyzer chain: never panics; unigrams are non-empty and contain no whitespace; the
//! same text always gives the same terms.
#![no_main]

use std::sync::OnceLock;

use classify::analyzer::{normalize::normalize, Analyzer, AnalyzerSettings};
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(AnalyzerSettings::default()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = normalize(text);
    let tokens = analyzer().tokens(text);
    for t in &tokens {
        assert!(!t.is_empty() && !t.contains(char::is_whitespace), "{t:?}");
    }
    assert_eq!(analyzer().terms(text), analyzer().terms(text));
});
