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
    /// Packed token ids of a bigram → column (a table half the size of `longer`'s, as bigrams
    /// are most n-grams and most lookups).
    bigrams: FxHashMap<u64, u32>,
    /// Packed token ids of an n-gram (n ≥ 3) → column.
    longer: FxHashMap<u128, u32>,
}

/// Packs up to [`MAX_N`] token ids into one key (ids are shifted by one, so lengths differ).
/// Bigrams have a table of their own ([`pack2`]).
pub fn pack(ids: &[u32]) -> u128 {
    ids.iter()
        .fold(0u128, |key, &id| (key << 32) | u128::from(id + 1))
}

/// Packs the token ids of a bigram.
fn pack2(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl TokenIndex {
    /// Indexes the terms given as token ids: `tokens` are the distinct tokens (id order), and
    /// `terms` yields each term's token ids in column order. Fails on an empty, spaced or
    /// repeated token, a term of no or more than [`MAX_N`] tokens or an unknown id, and a
    /// repeated term.
    pub fn new<'a>(
        tokens: &[String],
        terms: impl ExactSizeIterator<Item = &'a [u32]>,
    ) -> Result<TokenIndex, String> {
        let mut index = TokenIndex {
            ids: FxHashMap::with_capacity_and_hasher(tokens.len(), Default::default()),
            unigram: vec![NONE; tokens.len()],
            bigrams: FxHashMap::default(),
            longer: FxHashMap::default(),
        };
        for (id, token) in tokens.iter().enumerate() {
            if token.is_empty() || token.contains(char::is_whitespace) {
                return Err(format!(
                    "vocabulary token {token:?} is empty or holds a space"
                ));
            }
            if index.ids.insert(token.as_str().into(), id as u32).is_some() {
                return Err(format!("vocabulary token {token:?} is listed twice"));
            }
        }
        for (col, ids) in terms.enumerate() {
            if ids.is_empty() || ids.len() > MAX_N {
                return Err(format!(
                    "vocabulary term {col} has {} tokens, not 1 to {MAX_N}",
                    ids.len()
                ));
            }
            if let Some(&id) = ids.iter().find(|&&id| id as usize >= tokens.len()) {
                return Err(format!("vocabulary term {col} has unknown token id {id}"));
            }
            let repeated = match ids {
                [id] => std::mem::replace(&mut index.unigram[*id as usize], col as u32) != NONE,
                [a, b] => index.bigrams.insert(pack2(*a, *b), col as u32).is_some(),
                _ => index.longer.insert(pack(ids), col as u32).is_some(),
            };
            if repeated {
                return Err(format!("vocabulary term {col} is listed twice"));
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
            [a, b] => self.bigrams.get(&pack2(*a, *b)).copied().unwrap_or(NONE),
            _ => self.longer.get(&pack(ids)).copied().unwrap_or(NONE),
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

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_unigrams_and_ngrams_by_token_ids() {
        // Terms "a", "a b", "b c d", "c".
        let tokens = strings(&["a", "b", "c", "d"]);
        let terms: [&[u32]; 4] = [&[0], &[0, 1], &[1, 2, 3], &[2]];
        let idx = TokenIndex::new(&tokens, terms.into_iter()).unwrap();
        for (col, term) in ["a", "a b", "b c d", "c"].iter().enumerate() {
            assert_eq!(idx.term_column(term), col as u32, "{term}");
        }
        let (a, b) = (idx.token("a").unwrap(), idx.token("b").unwrap());
        assert_eq!(idx.column(&[b]), NONE, "b is only part of n-grams");
        assert_eq!(idx.column(&[b, a]), NONE);
        assert_eq!(idx.column(&[a, b]), 1);
        assert_eq!(idx.term_column("x"), NONE);
        assert_eq!(idx.term_column("a  b"), NONE);
        assert_ne!(pack(&[0, 1]), pack(&[0, 0, 1]));
    }

    #[test]
    fn rejects_inconsistent_parts() {
        let tokens = strings(&["a", "b"]);
        let bad: [(&[String], &[&[u32]]); 6] = [
            (&tokens, &[&[]]),
            (&tokens, &[&[0, 1, 0, 1, 0]]),
            (&tokens, &[&[2]]),
            (&tokens, &[&[0, 1], &[0, 1]]),
            (&tokens, &[&[1], &[1]]),
            (&[String::from("a"), String::from("a")], &[&[0]]),
        ];
        for (tokens, terms) in bad {
            assert!(
                TokenIndex::new(tokens, terms.iter().copied()).is_err(),
                "{terms:?}"
            );
        }
        let spaced = strings(&["a b"]);
        assert!(TokenIndex::new(&spaced, [&[0u32][..]].into_iter()).is_err());
    }
}
