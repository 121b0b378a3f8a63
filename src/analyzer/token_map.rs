//! A map from raw tokens to what they become, for the per-thread token caches.
//!
//! News text repeats its words, so the analyzer and the featuriser look up every raw token in a
//! cache. Tokens of up to 31 bytes (15 Arabic letters) are stored inline in the table, so a
//! lookup compares a few machine words in the bucket it lands on instead of following a pointer
//! to the key; longer tokens go to an ordinary map.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

/// A short token: its bytes, zero-padded, with the length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct InlineKey([u64; 4]);

impl InlineKey {
    const MAX_LEN: usize = 31;

    fn new(token: &str) -> Option<Self> {
        let bytes = token.as_bytes();
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut buf = [0u8; 32];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[31] = bytes.len() as u8;
        let word = |i: usize| u64::from_le_bytes(buf[i * 8..i * 8 + 8].try_into().unwrap());
        Some(InlineKey([word(0), word(1), word(2), word(3)]))
    }
}

impl Hash for InlineKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for w in self.0 {
            state.write_u64(w);
        }
    }
}

/// Raw token → `V`.
pub struct TokenMap<V> {
    short: FxHashMap<InlineKey, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> std::fmt::Debug for TokenMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenMap")
            .field("len", &self.len())
            .finish()
    }
}

impl<V> Default for TokenMap<V> {
    fn default() -> Self {
        TokenMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> TokenMap<V> {
    /// The value of `token`, if present.
    #[inline]
    pub fn get(&self, token: &str) -> Option<&V> {
        match InlineKey::new(token) {
            Some(key) => self.short.get(&key),
            None => self.long.get(token),
        }
    }

    /// Sets the value of `token` and returns it.
    pub fn insert(&mut self, token: &str, value: V) -> &V {
        match InlineKey::new(token) {
            Some(key) => self.short.entry(key).insert_entry(value).into_mut(),
            None => self.long.entry(token.into()).insert_entry(value).into_mut(),
        }
    }

    /// The number of tokens held.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether no token is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every token.
    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::TokenMap;

    #[test]
    fn short_and_long_tokens_are_kept_apart_and_exact() {
        let mut map = TokenMap::default();
        let long = "ا".repeat(16); // 32 bytes: not inline
        for (i, t) in ["", "a", "a\0", "ab", "حلف", "x".repeat(31).as_str(), &long]
            .iter()
            .enumerate()
        {
            assert_eq!(*map.insert(t, i), i);
        }
        assert_eq!(map.len(), 7);
        assert_eq!(map.get("a"), Some(&1));
        assert_eq!(
            map.get("a\0"),
            Some(&2),
            "padding is not confused with NUL bytes"
        );
        assert_eq!(map.get(""), Some(&0));
        assert_eq!(map.get(&"x".repeat(31)), Some(&5));
        assert_eq!(map.get(&long), Some(&6));
        assert_eq!(map.get("حل"), None);
        map.insert("a", 9);
        assert_eq!(map.get("a"), Some(&9));
        map.clear();
        assert!(map.is_empty() && map.get("ab").is_none());
    }
}
