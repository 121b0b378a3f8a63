//! A string interner for fitting the vocabulary: every distinct term of the training documents
//! gets an id. Terms live in one arena string rather than one allocation each: on a 25k-article
//! corpus (millions of distinct uni- and bigrams) that halves the interner's memory, and the few
//! large blocks go back to the operating system when it is dropped.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Distinct strings, each with a dense id in order of first appearance.
#[derive(Default)]
pub(crate) struct Interner {
    arena: String,
    spans: Vec<(u32, u32)>,
    table: HashTable<u32>,
    hasher: FxBuildHasher,
}

impl Interner {
    /// The id of `term`, adding it if new; `None` when the interner is full (4 GiB of distinct
    /// terms, or 2³² − 2 of them).
    pub fn intern(&mut self, term: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(term);
        let (arena, spans) = (&self.arena, &self.spans);
        let get = |id: u32| {
            let (start, len) = spans[id as usize];
            &arena[start as usize..(start + len) as usize]
        };
        if let Some(&id) = self.table.find(hash, |&id| get(id) == term) {
            return Some(id);
        }
        let id = u32::try_from(self.spans.len())
            .ok()
            .filter(|&id| id < u32::MAX - 1)?;
        let start = u32::try_from(self.arena.len()).ok()?;
        let len = u32::try_from(term.len()).ok()?;
        start.checked_add(len)?;
        self.spans.push((start, len));
        self.arena.push_str(term);
        let (arena, spans, hasher) = (&self.arena, &self.spans, &self.hasher);
        self.table.insert_unique(hash, id, |&id| {
            let (start, len) = spans[id as usize];
            hasher.hash_one(&arena[start as usize..(start + len) as usize])
        });
        Some(id)
    }

    /// The string of `id`.
    pub fn get(&self, id: u32) -> &str {
        let (start, len) = self.spans[id as usize];
        &self.arena[start as usize..(start + len) as usize]
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.spans.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn gives_dense_ids_in_order_of_first_appearance() {
        let mut i = Interner::default();
        assert_eq!(i.intern("عقوب"), Some(0));
        assert_eq!(i.intern("nato"), Some(1));
        assert_eq!(i.intern("عقوب"), Some(0));
        assert_eq!(i.intern("عقوب ايران"), Some(2));
        assert_eq!((i.get(0), i.get(2), i.len()), ("عقوب", "عقوب ايران", 3));
    }
}
