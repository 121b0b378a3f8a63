//! Reading articles: labelled corpora for training and evaluation, unlabelled inputs for
//! labelling.
//!
//! Formats: JSONL (one object per line; `.jsonl`, `.ndjson`, `.json`), CSV with a header
//! (`.csv`), either optionally gzipped (`.gz`); for labelling also plain-text and HTML files and
//! directories of them. Every error names the file and line.

pub mod input;
pub mod lines;
mod records;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::topics::{Gold, TopicKind};
pub use records::{read_records, Format, RecordReader};

/// Which fields of a record hold what. Stored in the model's training metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fields {
    /// The article id (optional in the data).
    pub id: String,
    /// The headline (optional in the data).
    pub title: String,
    /// The body text (required).
    pub text: String,
    /// The labels: a list of strings (multi-label) or one string (multi-class).
    pub label: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            title: "title".into(),
            text: "text".into(),
            label: "labels".into(),
        }
    }
}

/// The labels of one record.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelValue {
    /// One label: a multi-class corpus.
    One(String),
    /// A list of labels: a multi-label corpus.
    Many(Vec<String>),
}

/// One article read from an input.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The id field, or `path:line` (or the path, for a single-article file).
    pub id: String,
    /// The headline, if any.
    pub title: Option<String>,
    /// The body.
    pub text: String,
    /// The labels, when the label field was asked for and present.
    pub labels: Option<LabelValue>,
    /// Where the record came from.
    pub path: PathBuf,
    /// Its line (1-based); 0 for a whole-file article.
    pub line: u64,
}

impl Record {
    /// What the analyzer reads: the title and the body, on separate lines.
    pub fn full_text(&self) -> String {
        match &self.title {
            Some(t) if !t.is_empty() => format!("{t}\n{}", self.text),
            _ => self.text.clone(),
        }
    }
}

/// A labelled corpus, read whole.
#[derive(Debug, Clone)]
pub struct LabelledCorpus {
    /// Record ids.
    pub ids: Vec<String>,
    /// Full texts (title + body).
    pub texts: Vec<String>,
    /// Gold labels.
    pub gold: Gold,
    /// SHA-256 of the records' ids, texts and labels, in order.
    pub sha256: String,
}

/// Reads labelled records from `paths`. With `labels`, every label must be one of them (as for
/// evaluating a model); otherwise the label set is taken from the data, sorted.
pub fn read_labelled(
    paths: &[PathBuf],
    fields: &Fields,
    labels: Option<&[String]>,
) -> Result<LabelledCorpus> {
    let mut records = Vec::new();
    for p in paths {
        for r in read_records(p, fields, true)? {
            records.push(r?);
        }
    }
    let first = records
        .first()
        .ok_or_else(|| Error::input(paths.first().map_or(Path::new("-"), |p| p), "no records"))?;
    let kind = match first.labels {
        Some(LabelValue::Many(_)) => TopicKind::MultiLabel,
        _ => TopicKind::MultiClass,
    };
    let names: Vec<String> = match labels {
        Some(l) => l.to_vec(),
        None => {
            let mut v: Vec<String> = records
                .iter()
                .flat_map(|r| match &r.labels {
                    Some(LabelValue::One(l)) => vec![l.clone()],
                    Some(LabelValue::Many(ls)) => ls.clone(),
                    None => vec![],
                })
                .collect();
            v.sort();
            v.dedup();
            v
        }
    };
    if labels.is_none() && names.is_empty() {
        return Err(Error::input(
            &first.path,
            format!("no record has a label in field '{}'", fields.label),
        ));
    }
    let index: std::collections::HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut hasher = Sha256::new();
    let mut gold = Vec::with_capacity(records.len());
    let mut ids = Vec::with_capacity(records.len());
    let mut texts = Vec::with_capacity(records.len());
    for r in records.drain(..) {
        let list: Vec<&String> = match (&r.labels, kind) {
            (Some(LabelValue::Many(ls)), TopicKind::MultiLabel) => ls.iter().collect(),
            (Some(LabelValue::One(l)), TopicKind::MultiClass) => vec![l],
            _ => {
                return Err(Error::record(
                    &r.path,
                    r.line,
                    format!(
                        "field '{}' must hold {} like the first record's",
                        fields.label,
                        if kind == TopicKind::MultiLabel {
                            "a list of labels"
                        } else {
                            "one label (a string)"
                        }
                    ),
                ))
            }
        };
        let mut idx = Vec::with_capacity(list.len());
        for l in list {
            match index.get(l.as_str()) {
                Some(&i) => idx.push(i),
                None => {
                    return Err(Error::record(
                        &r.path,
                        r.line,
                        format!(
                            "label '{l}' is not one of the model's labels ({})",
                            names.join(", ")
                        ),
                    ))
                }
            }
        }
        idx.sort_unstable();
        idx.dedup();
        for part in [r.id.as_str(), r.title.as_deref().unwrap_or(""), &r.text] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        for &i in &idx {
            hasher.update(names[i].as_bytes());
            hasher.update([1]);
        }
        hasher.update([2]);
        texts.push(r.full_text());
        ids.push(r.id);
        gold.push(idx);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(LabelledCorpus {
        ids,
        texts,
        gold: Gold {
            kind,
            labels: names,
            doc_labels: gold,
        },
        sha256,
    })
}
