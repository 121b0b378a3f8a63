//! Stop words: drops function words in Arabic and English.
//!
//! The lists come from the `stop-words` crate (stopwords-iso). They are normalised with the same
//! rules as the text and stored in the model's analyzer settings, so a later version of the list
//! cannot change how a saved model reads text.

use rustc_hash::FxHashSet;

use super::normalize::normalize;

/// The default stop-word list: Arabic and English from stopwords-iso, normalised, sorted, unique.
pub fn default_list() -> Vec<String> {
    let mut words: Vec<String> = ["ar", "en"]
        .iter()
        .filter_map(|code| stop_words::lookup(code))
        .flat_map(|list| list.iter())
        .map(|w| normalize(&w.to_lowercase()))
        .filter(|w| !w.is_empty() && !w.contains(' '))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A set of stop words, looked up by normalised, lower-cased token.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    words: FxHashSet<String>,
}

impl StopWords {
    /// A set holding `words` (already normalised).
    pub fn new(words: &[String]) -> Self {
        StopWords {
            words: words.iter().cloned().collect(),
        }
    }

    /// Whether `token` (normalised and lower-cased) is a stop word.
    pub fn contains(&self, token: &str) -> bool {
        !self.words.is_empty() && self.words.contains(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_list_has_arabic_and_english_function_words_in_normal_form() {
        let list = default_list();
        let set = StopWords::new(&list);
        for w in ["في", "من", "الي", "علي", "the", "and", "of"] {
            assert!(set.contains(w), "{w} should be a stop word");
        }
        for w in ["عقوبات", "مناورات", "حلف", "sanctions", "nato"] {
            assert!(!set.contains(w), "{w} must not be a stop word");
        }
        assert!(list.windows(2).all(|p| p[0] < p[1]), "sorted and unique");
    }
}
