//! The analyzer: turns an article's text into the terms the featuriser counts.
//!
//! The chain, one filter per file, applied in this order:
//!
//! ```text
//! text ─ normalize ─ tokenize ─ lowercase ─ stop_words ─ stem ─ unify_letters ─ ngrams ─ terms
//!        (Arabic     (UAX #29   (Latin)     (ar + en,    (Snowball  (ة→ه ى→ي)    (1–2 by
//!         letters,    words)                 normalised)  ar / en)                default)
//!         digits, #)
//! ```
//!
//! Its settings ([`AnalyzerSettings`]), including the stop-word list itself, are stored in every
//! model file, so training and labelling always analyse text the same way.

pub mod lowercase;
pub mod ngrams;
pub mod normalize;
pub mod script;
pub mod stem;
pub mod stop_words;
pub mod token_map;
pub mod tokenize;

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use thread_local::ThreadLocal;

use crate::error::{Error, Result};
use normalize::{normalize_into, unify_letters};
use stem::ScriptStemmer;
use stop_words::StopWords;
use token_map::TokenMap;

/// How text is analysed. Stored in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerSettings {
    /// Apply the Arabic normalisation rules (see [`normalize`]).
    pub normalize_arabic: bool,
    /// Lower-case cased scripts (Latin).
    pub lowercase: bool,
    /// Stop words to drop, in normal form. Empty: keep every token.
    pub stop_words: Vec<String>,
    /// Stem tokens (Snowball Arabic / English).
    pub stem: bool,
    /// Identifies the stemmer implementation the model was trained with.
    pub stemmer: String,
    /// Shortest token kept, in characters.
    pub min_token_chars: u8,
    /// Keep tokens made only of digits.
    pub keep_numbers: bool,
    /// Smallest n-gram length.
    pub ngram_min: u8,
    /// Largest n-gram length.
    pub ngram_max: u8,
}

impl Default for AnalyzerSettings {
    fn default() -> Self {
        AnalyzerSettings {
            normalize_arabic: true,
            lowercase: true,
            stop_words: stop_words::default_list(),
            stem: true,
            stemmer: stem::STEMMER_ID.to_string(),
            min_token_chars: 2,
            keep_numbers: false,
            ngram_min: 1,
            ngram_max: 2,
        }
    }
}

/// A checked, ready-to-run analyzer.
pub struct Analyzer {
    settings: AnalyzerSettings,
    stop_words: StopWords,
    stemmer: Option<ScriptStemmer>,
    /// Per thread: raw token → its term, or `None` for a stop word. News text repeats its words,
    /// so lower-casing, the stop-word test and stemming run once per distinct token.
    cache: ThreadLocal<RefCell<TokenCache>>,
}

type TokenCache = TokenMap<Option<Box<str>>>;

/// Distinct tokens a thread's cache holds before it is cleared (bounded memory on long streams).
pub(crate) const TOKEN_CACHE_LIMIT: usize = 1 << 19;

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Analyzer {
    /// Checks `settings` and builds the analyzer.
    pub fn new(settings: AnalyzerSettings) -> Result<Self> {
        if settings.ngram_min == 0 || settings.ngram_min > settings.ngram_max {
            return Err(Error::Settings(format!(
                "n-gram range {}..={} is empty or starts at 0",
                settings.ngram_min, settings.ngram_max
            )));
        }
        if settings.ngram_max > 4 {
            return Err(Error::Settings(format!(
                "n-grams longer than 4 words are not supported (asked for {})",
                settings.ngram_max
            )));
        }
        if settings.min_token_chars == 0 {
            return Err(Error::Settings(
                "minimum token length must be at least 1".into(),
            ));
        }
        if settings.stem && settings.stemmer != stem::STEMMER_ID {
            return Err(Error::Settings(format!(
                "the model was trained with stemmer '{}', but this build has '{}'",
                settings.stemmer,
                stem::STEMMER_ID
            )));
        }
        Ok(Analyzer {
            stop_words: StopWords::new(&settings.stop_words),
            stemmer: settings.stem.then(ScriptStemmer::default),
            settings,
            cache: ThreadLocal::new(),
        })
    }

    /// Frees the per-thread token caches (they refill on use).
    pub fn clear_caches(&mut self) {
        self.cache.clear();
    }

    /// The settings this analyzer was built from.
    pub fn settings(&self) -> &AnalyzerSettings {
        &self.settings
    }

    /// The term a raw token becomes (lower-cased, stemmed, letters unified), or `None` for a
    /// stop word.
    pub fn token_term(&self, raw: &str) -> Option<Box<str>> {
        let token = if self.settings.lowercase {
            lowercase::lowercase(raw)
        } else {
            raw.into()
        };
        if self.stop_words.contains(&unify_letters(&token)) {
            return None;
        }
        Some(match &self.stemmer {
            Some(stemmer) => unify_letters(&stemmer.stem(&token)).into(),
            None => unify_letters(&token).into(),
        })
    }

    /// Calls `f` with each raw token of `text`: normalised and split, before lower-casing,
    /// stop words and stemming (see [`Analyzer::token_term`]).
    pub fn for_each_raw_token(&self, text: &str, mut f: impl FnMut(&str)) {
        let mut normalized = String::new();
        let text = if self.settings.normalize_arabic {
            normalize_into(text, &mut normalized);
            normalized.as_str()
        } else {
            text
        };
        let min_chars = usize::from(self.settings.min_token_chars);
        for raw in tokenize::tokens(text, min_chars, self.settings.keep_numbers) {
            f(raw);
        }
    }

    /// Appends the terms of `text`'s tokens to `terms` and their byte ranges to `spans`.
    fn collect_tokens(&self, text: &str, terms: &mut String, spans: &mut Vec<(usize, usize)>) {
        let mut cache = self.cache.get_or_default().borrow_mut();
        if cache.len() >= TOKEN_CACHE_LIMIT {
            cache.clear();
        }
        self.for_each_raw_token(text, |raw| {
            let term = match cache.get(raw) {
                Some(term) => term,
                None => cache.insert(raw, self.token_term(raw)),
            };
            if let Some(term) = term {
                let start = terms.len();
                terms.push_str(term);
                spans.push((start, terms.len()));
            }
        });
    }

    /// The tokens of `text` after every filter but n-grams.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let (mut terms, mut spans) = (String::new(), Vec::new());
        self.collect_tokens(text, &mut terms, &mut spans);
        spans
            .iter()
            .map(|&(a, b)| terms[a..b].to_string())
            .collect()
    }

    /// Calls `emit` for every term (n-gram of tokens) of `text`, in order.
    pub fn for_each_term(&self, text: &str, mut emit: impl FnMut(&str)) {
        let (mut terms, mut spans) = (String::with_capacity(text.len()), Vec::new());
        self.collect_tokens(text, &mut terms, &mut spans);
        let mut buf = String::new();
        ngrams::for_each_ngram(
            &terms,
            &spans,
            usize::from(self.settings.ngram_min),
            usize::from(self.settings.ngram_max),
            &mut buf,
            &mut emit,
        );
    }

    /// Every term of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_term(text, |t| out.push(t.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new(AnalyzerSettings::default()).unwrap()
    }

    #[test]
    fn mixed_arabic_english_sentence() {
        let a = analyzer();
        let toks = a.tokens(
            "وقال المتحدث إن #العقوبات الأمريكية على إيران \"will be enforced\" by the Treasury.",
        );
        assert_eq!(
            toks,
            ["متحدث", "عقوب", "امريك", "ايران", "enforc", "treasuri"]
        );
    }

    #[test]
    fn unigrams_and_bigrams_by_default() {
        let terms = analyzer().terms("مناورات عسكرية مشتركة");
        assert_eq!(
            terms,
            ["مناور", "مناور عسكر", "عسكر", "عسكر مشترك", "مشترك"]
        );
    }

    #[test]
    fn spelling_variants_give_the_same_terms() {
        let a = analyzer();
        assert_eq!(a.terms("المنظمة الدولية"), a.terms("المنظمـة الدَّوليّة"));
        assert_eq!(a.terms("إيران"), a.terms("ايران"));
        assert_eq!(a.terms("روحانی"), a.terms("روحاني"));
    }

    #[test]
    fn rejects_bad_settings() {
        let bad = AnalyzerSettings {
            ngram_min: 2,
            ngram_max: 1,
            ..AnalyzerSettings::default()
        };
        assert!(matches!(Analyzer::new(bad), Err(Error::Settings(_))));
        let bad = AnalyzerSettings {
            stemmer: "porter-1980".into(),
            ..AnalyzerSettings::default()
        };
        assert!(Analyzer::new(bad).is_err());
    }
}
