//! Vocabulary lookup by token ids: each token that occurs in a vocabulary term gets an id, and
//! n-gram terms are found by their packed token ids, so labelling never builds or hashes n-gram
//! strings.
//!
//! Exact: every token of a vocabulary n-gram is in the index by construction, so an n-gram of
//! the text is a vocabulary term if and only if all its tokens have ids and their packed ids are
//! in the table.

use rustc_hash::FxHashMap;

/// No column / no token.
pub const NONE: u32 = u32::MAX;

/// The longest n-gram the index can pack.
pub const MAX_N: usize = 4;

/// Token ids and the columns of unigrams and n-grams.
#[derive(Debug, Clone, Default)]
pub struct TokenIndex {
    ids: FxHashMap<Box<str>, u32>,
    /// Token id → column of the unigram term (or [`NONE`]).
    unigram: Vec<u32>,
    /// Packed token ids of an n-gram (n ≥ 2) → column.
    ngrams: FxHashMap<u128, u32>,
}

/// Packs up to [`MAX_N`] token ids into one key (ids are shifted by one, so lengths differ).
pub fn pack(ids: &[u32]) -> u128 {
    ids.iter()
        .fold(0u128, |key, &id| (key << 32) | u128::from(id + 1))
}

impl TokenIndex {
    /// Indexes `terms` (column order; tokens joined by single spaces).
    pub fn new(terms: &[String]) -> Result<TokenIndex, String> {
        let mut index = TokenIndex::default();
        let mut ids = Vec::with_capacity(MAX_N);
        for (col, term) in terms.iter().enumerate() {
            ids.clear();
            for token in term.split(' ') {
                if token.is_empty() || ids.len() == MAX_N {
                    return Err(format!(
                        "vocabulary term {term:?} is not 1 to {MAX_N} tokens"
                    ));
                }
                let next = index.ids.len() as u32;
                let id = *index.ids.entry(token.into()).or_insert(next);
                if id == next {
                    index.unigram.push(NONE);
                }
                ids.push(id);
            }
            if ids.len() == 1 {
                index.unigram[ids[0] as usize] = col as u32;
            } else {
                index.ngrams.insert(pack(&ids), col as u32);
            }
        }
        Ok(index)
    }

    /// The id of a token, if it occurs in any vocabulary term.
    pub fn token(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// The column of the n-gram made of `ids` (1 to [`MAX_N`] known token ids), or [`NONE`].
    pub fn column(&self, ids: &[u32]) -> u32 {
        match ids {
            [id] => self.unigram[*id as usize],
            _ => self.ngrams.get(&pack(ids)).copied().unwrap_or(NONE),
        }
    }

    /// The column of a term given as a string, or [`NONE`].
    pub fn term_column(&self, term: &str) -> u32 {
        let mut ids = Vec::with_capacity(MAX_N);
        for token in term.split(' ') {
            match self.token(token) {
                Some(id) if ids.len() < MAX_N => ids.push(id),
                _ => return NONE,
            }
        }
        if ids.is_empty() {
            NONE
        } else {
            self.column(&ids)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unigrams_and_ngrams_by_token_ids() {
        let terms: Vec<String> = ["a", "a b", "b c d", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let idx = TokenIndex::new(&terms).unwrap();
        for (col, term) in terms.iter().enumerate() {
            assert_eq!(idx.term_column(term), col as u32, "{term}");
        }
        let (a, b) = (idx.token("a").unwrap(), idx.token("b").unwrap());
        assert_eq!(idx.column(&[b]), NONE, "b is only part of n-grams");
        assert_eq!(idx.column(&[b, a]), NONE);
        assert_eq!(idx.column(&[a, b]), 1);
        assert_eq!(idx.term_column("x"), NONE);
        assert_ne!(pack(&[0, 1]), pack(&[0, 0, 1]));
        assert!(TokenIndex::new(&["a  b".to_string()]).is_err());
    }
}
