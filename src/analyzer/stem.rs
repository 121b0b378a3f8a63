//! Stemming: Snowball Arabic for Arabic-script tokens, Snowball English for Latin ones.
//!
//! Before Snowball, a leading conjunction `و`/`ف` is split off words that continue with the
//! article (`والأطفال` → `الأطفال`), which the Snowball Arabic stemmer leaves alone. After it, an
//! indefinite plural's dangling `ا` is dropped (`عقوبات` → Snowball `عقوبا` → `عقوب`, the stem of
//! `العقوبات`).
//!
//! The stemmers come from `frostem`, which tracks Snowball upstream (`rust-stemmers` is
//! unmaintained): on 72,745 distinct ANT words both give the same stem for all but 187 dotted
//! abbreviations, and frostem is 1.5–2.5× faster. The version is pinned, and recorded in the
//! model, so that stems cannot drift under a saved model.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};

use super::script::{script_of, Script};

/// The stemmer's name and version as recorded in model files.
pub const STEMMER_ID: &str = "snowball-arabic+english (frostem 2.20261016.1)";

/// Stems tokens by script.
pub struct ScriptStemmer {
    arabic: Stemmer,
    english: Stemmer,
}

impl std::fmt::Debug for ScriptStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(STEMMER_ID)
    }
}

impl Default for ScriptStemmer {
    fn default() -> Self {
        ScriptStemmer {
            arabic: Stemmer::new(Algorithm::Arabic),
            english: Stemmer::new(Algorithm::English),
        }
    }
}

impl ScriptStemmer {
    /// The stem of a normalised, lower-cased token.
    pub fn stem<'a>(&self, token: &'a str) -> Cow<'a, str> {
        match script_of(token) {
            Script::Arabic => Cow::Owned(self.stem_arabic(token)),
            Script::Latin => self.english.stem(token),
            Script::Other => Cow::Borrowed(token),
        }
    }

    fn stem_arabic(&self, token: &str) -> String {
        let body = strip_conjunction(token);
        let mut stem = self.arabic.stem(body).into_owned();
        if body.ends_with("ات") && stem.ends_with('ا') && stem.chars().count() >= 4 {
            stem.pop();
        }
        stem
    }
}

/// Splits a leading `و`/`ف` off a word that continues with the article `ال`/`لل` and is long
/// enough to be an article + noun (`والاتفاقية` → `الاتفاقية`; `والد` stays).
fn strip_conjunction(token: &str) -> &str {
    for prefix in ["و", "ف"] {
        if let Some(rest) = token.strip_prefix(prefix) {
            if (rest.starts_with("ال") || rest.starts_with("لل")) && rest.chars().count() >= 5 {
                return rest;
            }
        }
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::normalize::normalize_into;

    fn stem(word: &str) -> String {
        let mut n = String::new();
        normalize_into(word, &mut n);
        ScriptStemmer::default().stem(&n).into_owned()
    }

    #[test]
    fn arabic_inflected_forms_share_a_stem() {
        assert_eq!(stem("والأطفال"), stem("الأطفال"));
        assert_eq!(stem("الأطفال"), "اطفال");
        assert_eq!(stem("الاتفاقيات"), "اتفاق");
        assert_eq!(stem("الاتفاقية"), "اتفاق");
        assert_eq!(stem("العقوبات"), "عقوب");
        assert_eq!(stem("عقوبات"), "عقوب");
        assert_eq!(stem("بالعقوبات"), "عقوب");
        assert_eq!(stem("المناورات"), stem("مناورات"));
        assert_eq!(stem("العسكرية"), "عسكر");
    }

    #[test]
    fn english_inflected_forms_share_a_stem() {
        assert_eq!(stem("sanctions"), "sanction");
        assert_eq!(stem("sanctioned"), "sanction");
        assert_eq!(stem("exercises"), "exercis");
        assert_eq!(stem("alliances"), stem("alliance"));
    }

    #[test]
    fn other_scripts_pass_through() {
        assert_eq!(stem("москва"), "москва");
    }
}
