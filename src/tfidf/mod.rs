//! The TF-IDF featuriser: a vocabulary with smooth idf, fitted once on the training documents and
//! stored in the model, then applied unchanged to every article labelled later.
//!
//! A document's row: raw term counts → sublinear tf (`1 + ln tf`) → × idf → L2-normalised, with
//! `idf(t) = ln((1 + n) / (1 + df(t))) + 1` (scikit-learn's smooth idf).

mod interner;
pub mod sparse;
pub mod token_index;

use std::cell::RefCell;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use thread_local::ThreadLocal;

use crate::analyzer::{token_map::TokenMap, Analyzer, TOKEN_CACHE_LIMIT};
use crate::error::{Error, Result};
pub use sparse::{CsrMatrix, RowView, SparseRow};
use token_index::{TokenIndex, NONE};

/// Which terms enter the vocabulary, and how counts are weighted. Stored in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfSettings {
    /// Keep terms found in at least this many training documents.
    pub min_df: u32,
    /// Drop terms found in more than this fraction of training documents.
    pub max_df: f64,
    /// Keep at most this many terms, the most frequent by document frequency (0: no limit).
    pub max_features: u32,
    /// Use `1 + ln(tf)` instead of raw counts.
    pub sublinear_tf: bool,
}

impl Default for TfidfSettings {
    fn default() -> Self {
        TfidfSettings {
            min_df: 2,
            max_df: 1.0,
            max_features: 200_000,
            sublinear_tf: true,
        }
    }
}

impl TfidfSettings {
    /// Checks the settings.
    pub fn check(&self) -> Result<()> {
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::Settings(format!(
                "max_df must be in (0, 1], got {}",
                self.max_df
            )));
        }
        if self.min_df == 0 {
            return Err(Error::Settings("min_df must be at least 1".into()));
        }
        Ok(())
    }
}

/// A fitted vocabulary: the terms (column order), their idf, and an index by token ids.
///
/// A term is one to [`token_index::MAX_N`] tokens joined by single spaces. The vocabulary keeps,
/// and the model file stores, the distinct tokens and each term's token ids rather than the term
/// strings, so loading a model builds the index without splitting or hashing every term.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    tokens: Vec<String>,
    /// The token ids of term `c` are `term_tokens[starts[c]..starts[c + 1]]`.
    term_tokens: Vec<u32>,
    starts: Vec<u32>,
    idf: Vec<f32>,
    index: TokenIndex,
}

/// A vocabulary as the model file stores it; [`Vocabulary::from_stored`] checks and indexes it.
#[derive(Deserialize)]
pub struct StoredVocabulary {
    tokens: Vec<String>,
    term_lengths: Vec<u8>,
    term_tokens: Vec<u32>,
    idf: Vec<f32>,
}

/// The same fields, borrowed, for saving.
#[derive(Serialize)]
struct StoredVocabularyRef<'a> {
    tokens: &'a [String],
    term_lengths: Vec<u8>,
    term_tokens: &'a [u32],
    idf: &'a [f32],
}

impl Serialize for Vocabulary {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        StoredVocabularyRef {
            tokens: &self.tokens,
            term_lengths: self
                .starts
                .windows(2)
                .map(|w| (w[1] - w[0]) as u8)
                .collect(),
            term_tokens: &self.term_tokens,
            idf: &self.idf,
        }
        .serialize(serializer)
    }
}

impl Vocabulary {
    /// Builds a vocabulary from its stored form; the error says which part does not fit.
    pub fn from_stored(v: StoredVocabulary) -> std::result::Result<Self, String> {
        Vocabulary::from_token_ids(v.tokens, &v.term_lengths, v.term_tokens, v.idf)
    }

    /// Builds a vocabulary from sorted, unique `terms` and their `idf`.
    pub fn new(terms: Vec<String>, idf: Vec<f32>) -> Result<Self> {
        if !terms.windows(2).all(|w| w[0] < w[1]) {
            return Err(Error::Settings(
                "vocabulary terms are not sorted and unique".into(),
            ));
        }
        let too_many = || Error::Settings("more than 2^32 distinct vocabulary tokens".into());
        let mut ids = interner::Interner::default();
        let mut lengths = Vec::with_capacity(terms.len());
        let mut term_tokens = Vec::with_capacity(terms.len() * 2);
        for term in &terms {
            let before = term_tokens.len();
            for token in term.split(' ') {
                term_tokens.push(ids.intern(token).ok_or_else(too_many)?);
            }
            lengths.push(u8::try_from(term_tokens.len() - before).unwrap_or(u8::MAX));
        }
        let tokens = (0..ids.len() as u32)
            .map(|id| ids.get(id).to_string())
            .collect();
        Vocabulary::from_token_ids(tokens, &lengths, term_tokens, idf).map_err(Error::Settings)
    }

    /// Builds a vocabulary from its stored parts, checking that they fit together.
    fn from_token_ids(
        tokens: Vec<String>,
        term_lengths: &[u8],
        term_tokens: Vec<u32>,
        idf: Vec<f32>,
    ) -> std::result::Result<Self, String> {
        if term_lengths.len() != idf.len() {
            return Err(format!(
                "vocabulary has {} terms but {} idf values",
                term_lengths.len(),
                idf.len()
            ));
        }
        if idf.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return Err("idf values must be finite and positive".into());
        }
        let mut starts = Vec::with_capacity(term_lengths.len() + 1);
        let mut end = 0usize;
        starts.push(0);
        for &n in term_lengths {
            end += usize::from(n);
            if end > term_tokens.len() {
                break;
            }
            match u32::try_from(end) {
                Ok(end) => starts.push(end),
                Err(_) => return Err("vocabulary has more than 2^32 token ids".into()),
            }
        }
        if end != term_tokens.len() {
            return Err(format!(
                "vocabulary term lengths add up to {end} tokens, but {} are stored",
                term_tokens.len()
            ));
        }
        let terms = starts
            .windows(2)
            .map(|w| &term_tokens[w[0] as usize..w[1] as usize]);
        let index = TokenIndex::new(&tokens, terms)?;
        Ok(Vocabulary {
            tokens,
            term_tokens,
            starts,
            idf,
            index,
        })
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// The term of column `col`.
    pub fn term(&self, col: usize) -> String {
        let ids = &self.term_tokens[self.starts[col] as usize..self.starts[col + 1] as usize];
        let tokens: Vec<&str> = ids
            .iter()
            .map(|&id| self.tokens[id as usize].as_str())
            .collect();
        tokens.join(" ")
    }

    /// The terms, in column order.
    pub fn terms(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.len()).map(|col| self.term(col))
    }

    /// The idf of each column.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    /// The column of `term`.
    pub fn get(&self, term: &str) -> Option<u32> {
        Some(self.index.term_column(term)).filter(|&c| c != NONE)
    }
}

/// The featuriser: the analyzer it was fitted with, the vocabulary and the weighting.
#[derive(Debug)]
pub struct Tfidf {
    settings: TfidfSettings,
    vocabulary: Vocabulary,
    analyzer: Arc<Analyzer>,
    /// Per thread: raw token → token id, [`STOP`] or [`UNKNOWN`] (see [`Tfidf::transform`]).
    cache: ThreadLocal<RefCell<TokenMap<u32>>>,
}

/// A stop word: dropped, as if it were not in the text.
const STOP: u32 = u32::MAX;
/// A token in no vocabulary term: it takes its place and breaks n-grams.
const UNKNOWN: u32 = u32::MAX - 1;

/// Documents are analysed in parallel in batches of this many, then interned in order.
const FIT_BATCH: usize = 2048;

impl Tfidf {
    /// A featuriser from stored parts.
    pub fn from_parts(
        settings: TfidfSettings,
        vocabulary: Vocabulary,
        analyzer: Arc<Analyzer>,
    ) -> Self {
        Tfidf {
            settings,
            vocabulary,
            analyzer,
            cache: ThreadLocal::new(),
        }
    }

    /// Fits the vocabulary and idf on `docs` and returns the featuriser and the documents' rows.
    ///
    /// `progress` is called with the number of documents analysed so far.
    pub fn fit_transform(
        settings: &TfidfSettings,
        analyzer: Arc<Analyzer>,
        docs: &[&str],
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<(Tfidf, CsrMatrix)> {
        settings.check()?;
        // Pass 1: analyse in parallel, intern terms in document order, count df.
        let mut ids = interner::Interner::default();
        let mut df: Vec<u32> = Vec::new();
        let mut doc_counts: Vec<Vec<(u32, u32)>> = Vec::with_capacity(docs.len());
        // Interning is sequential (ids in document order), so each batch is interned while the
        // next one is analysed.
        let analyse = |batch: Option<&[&str]>| -> Option<Vec<Vec<(String, u32)>>> {
            batch.map(|batch| {
                batch
                    .par_iter()
                    .map(|d| count_terms(&analyzer, d))
                    .collect()
            })
        };
        let mut batches = docs.chunks(FIT_BATCH);
        let mut next = analyse(batches.next());
        let mut done = 0;
        while let Some(analysed) = next.take() {
            done += analysed.len();
            let (interned, following) = rayon::join(
                || -> Result<()> {
                    for terms in analysed {
                        let mut row = Vec::with_capacity(terms.len());
                        for (term, tf) in terms {
                            let id = ids.intern(&term).ok_or_else(|| {
                                Error::Training(
                                    "more than 4 GiB of distinct terms: raise min_df on a smaller sample, or split the corpus"
                                        .into(),
                                )
                            })?;
                            if id as usize == df.len() {
                                df.push(0);
                            }
                            df[id as usize] += 1;
                            row.push((id, tf));
                        }
                        doc_counts.push(row);
                    }
                    Ok(())
                },
                || analyse(batches.next()),
            );
            interned?;
            next = following;
            progress(done);
        }
        // The analyzer's token caches are done with until labelling: free them before fitting
        // (when nothing else holds the analyzer).
        let mut analyzer = analyzer;
        if let Some(analyzer) = Arc::get_mut(&mut analyzer) {
            analyzer.clear_caches();
        }
        // Pass 2: choose the vocabulary.
        let n = docs.len();
        let max_df = (settings.max_df * n as f64).floor() as u32;
        // Candidate ids only (4 bytes each: there can be millions), compared through the
        // interner.
        let mut kept: Vec<u32> = (0..ids.len() as u32)
            .filter(|&id| {
                let d = df[id as usize];
                d >= settings.min_df && d <= max_df.max(1)
            })
            .collect();
        let max_features = settings.max_features as usize;
        if max_features > 0 && kept.len() > max_features {
            // The most frequent by document frequency, ties by term: a total order, so the
            // selection is the same as sorting and truncating.
            kept.select_nth_unstable_by(max_features - 1, |&a, &b| {
                df[b as usize]
                    .cmp(&df[a as usize])
                    .then_with(|| ids.get(a).cmp(ids.get(b)))
            });
            kept.truncate(max_features);
        }
        kept.sort_unstable_by(|&a, &b| ids.get(a).cmp(ids.get(b)));
        if kept.is_empty() {
            return Err(Error::Training(format!(
                "no term occurs in at least {} of the {} documents: the vocabulary is empty",
                settings.min_df, n
            )));
        }
        let mut column = vec![u32::MAX; ids.len()];
        let mut terms = Vec::with_capacity(kept.len());
        let mut idf = Vec::with_capacity(kept.len());
        for (col, &id) in kept.iter().enumerate() {
            column[id as usize] = col as u32;
            terms.push(ids.get(id).to_string());
            idf.push(smooth_idf(n, df[id as usize]));
        }
        drop(kept);
        drop(ids);
        let tfidf = Tfidf::from_parts(settings.clone(), Vocabulary::new(terms, idf)?, analyzer);
        // Pass 3: rows.
        let mut matrix = CsrMatrix::new(tfidf.vocabulary.len());
        let mut counts = Vec::new();
        for doc in doc_counts {
            counts.clear();
            counts.extend(doc.into_iter().filter_map(|(id, tf)| {
                let c = column[id as usize];
                (c != u32::MAX).then_some((c, tf))
            }));
            counts.sort_unstable_by_key(|&(c, _)| c);
            let row = tfidf.weigh(&counts);
            matrix.push_row(row.view());
        }
        Ok((tfidf, matrix))
    }

    /// The row of one document: the same row, bit for bit, as the document's row in
    /// [`Tfidf::fit_transform`].
    ///
    /// Each raw token is classified once per thread (stop word, token id, or unknown), and
    /// n-grams are looked up by their token ids.
    pub fn transform(&self, text: &str) -> SparseRow {
        let settings = self.analyzer.settings();
        let (n_min, n_max) = (
            usize::from(settings.ngram_min),
            usize::from(settings.ngram_max),
        );
        let index = &self.vocabulary.index;
        let mut ids: Vec<u32> = Vec::with_capacity(text.len() / 8);
        {
            let mut cache = self.cache.get_or_default().borrow_mut();
            if cache.len() >= TOKEN_CACHE_LIMIT {
                cache.clear();
            }
            self.analyzer.for_each_raw_token(text, |raw| {
                let class = match cache.get(raw) {
                    Some(&c) => c,
                    None => {
                        let c = match self.analyzer.token_term(raw) {
                            None => STOP,
                            Some(term) => index.token(&term).unwrap_or(UNKNOWN),
                        };
                        *cache.insert(raw, c)
                    }
                };
                if class != STOP {
                    ids.push(class);
                }
            });
        }
        let mut columns: Vec<u32> = Vec::with_capacity(ids.len() * (n_max - n_min + 1));
        for start in 0..ids.len() {
            for n in n_min..=n_max {
                let Some(window) = ids.get(start..start + n) else {
                    break;
                };
                if window.contains(&UNKNOWN) {
                    break;
                }
                let c = index.column(window);
                if c != NONE {
                    columns.push(c);
                }
            }
        }
        columns.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::with_capacity(columns.len());
        for c in columns {
            match counts.last_mut() {
                Some((last, n)) if *last == c => *n += 1,
                _ => counts.push((c, 1)),
            }
        }
        self.weigh(&counts)
    }

    /// The analyzer the featuriser was fitted with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The settings.
    pub fn settings(&self) -> &TfidfSettings {
        &self.settings
    }

    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Weighs sorted `(column, count)` pairs into an L2-normalised row.
    fn weigh(&self, counts: &[(u32, u32)]) -> SparseRow {
        let idf = self.vocabulary.idf();
        let mut row = SparseRow {
            indices: Vec::with_capacity(counts.len()),
            values: Vec::with_capacity(counts.len()),
        };
        let mut sq = 0.0f64;
        for &(c, tf) in counts {
            let tf = if self.settings.sublinear_tf {
                1.0 + f64::from(tf).ln()
            } else {
                f64::from(tf)
            };
            let v = tf * f64::from(idf[c as usize]);
            sq += v * v;
            row.indices.push(c);
            row.values.push(v as f32);
        }
        if sq > 0.0 {
            let inv = 1.0 / sq.sqrt();
            for v in &mut row.values {
                *v = (f64::from(*v) * inv) as f32;
            }
        }
        row
    }
}

/// scikit-learn's smooth idf: `ln((1 + n) / (1 + df)) + 1`.
pub fn smooth_idf(n_docs: usize, df: u32) -> f32 {
    (((1 + n_docs) as f64 / (1 + df as usize) as f64).ln() + 1.0) as f32
}

/// The distinct terms of a document with their counts (in hash-map order, which is
/// deterministic; the vocabulary is sorted by term afterwards).
fn count_terms(analyzer: &Analyzer, text: &str) -> Vec<(String, u32)> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    analyzer.for_each_term(text, |t| {
        if let Some(c) = counts.get_mut(t) {
            *c += 1;
        } else {
            counts.insert(t.to_string(), 1);
        }
    });
    counts.into_iter().collect()
}
