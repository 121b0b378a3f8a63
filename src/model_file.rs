//! The model file: the whole pipeline in one file, so labelling cannot drift from training.
//!
//! Layout (little-endian):
//!
//! ```text
//! offset  size  field
//! 0       8     magic "CLSFYMDL"
//! 8       4     format version (u32), currently 2
//! 12      8     payload length in bytes (u64)
//! 20      4     CRC-32 of the payload
//! 24      n     payload: postcard-encoded analyzer settings, TF-IDF settings, vocabulary
//!               (distinct tokens, each term's token ids, idf),
//!               topic models (weights, intercepts, thresholds, labels), training metadata
//! ```
//!
//! Loading checks, in order: size, magic, version (a newer one is refused), that the payload
//! length matches the file, the checksum, the decoding, and the consistency of the parts — so a
//! wrong, truncated, corrupt or newer file is refused with a message, and no size read from the
//! file is trusted before it is checked against the file's real size. Saving writes a temporary
//! file next to the target, syncs it and renames it over the target: an interrupted save never
//! leaves a broken file or destroys the previous one.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analyzer::{Analyzer, AnalyzerSettings};
use crate::error::{Error, Result};
use crate::pipeline::{Pipeline, TrainingInfo};
use crate::tfidf::{StoredVocabulary, Tfidf, TfidfSettings, Vocabulary};
use crate::topics::TopicModel;

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"CLSFYMDL";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 2;
const HEADER_LEN: usize = 24;
/// Largest model file accepted (2 GiB).
pub const MAX_MODEL_BYTES: u64 = 2 << 30;

#[derive(Deserialize)]
struct Payload {
    analyzer: AnalyzerSettings,
    tfidf: TfidfSettings,
    vocabulary: StoredVocabulary,
    topics: TopicModel,
    training: TrainingInfo,
}

/// The same fields, borrowed, for saving.
#[derive(Serialize)]
struct PayloadRef<'a> {
    analyzer: &'a AnalyzerSettings,
    tfidf: &'a TfidfSettings,
    vocabulary: &'a Vocabulary,
    topics: &'a TopicModel,
    training: &'a TrainingInfo,
}

/// Encodes `pipeline` as the bytes of a model file.
pub fn to_bytes(pipeline: &Pipeline) -> Result<Vec<u8>> {
    let payload = PayloadRef {
        analyzer: pipeline.analyzer().settings(),
        tfidf: pipeline.tfidf.settings(),
        vocabulary: pipeline.tfidf.vocabulary(),
        topics: &pipeline.topics,
        training: &pipeline.training,
    };
    let body = postcard::to_stdvec(&payload)
        .map_err(|e| Error::Settings(format!("cannot encode the model: {e}")))?;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Saves `pipeline` to `path` atomically (temporary file + rename).
pub fn save(pipeline: &Pipeline, path: &Path) -> Result<()> {
    let bytes = to_bytes(pipeline)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".classify-model-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    // Keep the permissions of the file being replaced; a new file gets rw-r--r--.
    let permissions = std::fs::metadata(path).map(|m| m.permissions()).ok();
    tmp.write_all(&bytes)
        .and_then(|_| match permissions {
            Some(p) => tmp.as_file().set_permissions(p),
            None => set_default_permissions(tmp.as_file()),
        })
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Loads a model file.
pub fn load(path: &Path) -> Result<Pipeline> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::model(path, "is a directory, not a model file"));
    }
    if meta.len() > MAX_MODEL_BYTES {
        return Err(Error::model(
            path,
            format!(
                "{} bytes is larger than any model this tool writes",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    from_bytes(&bytes).map_err(|message| Error::model(path, message))
}

/// Decodes the bytes of a model file; the error says what is wrong with them.
pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Pipeline, String> {
    if bytes.len() < HEADER_LEN {
        if bytes.len() >= 8 && &bytes[..8] != MAGIC {
            return Err("not a classify model file (wrong magic number)".into());
        }
        return Err(format!(
            "truncated model file: {} bytes, shorter than the {HEADER_LEN}-byte header",
            bytes.len()
        ));
    }
    if &bytes[..8] != MAGIC {
        return Err("not a classify model file (wrong magic number)".into());
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version > FORMAT_VERSION {
        return Err(format!(
            "model format version {version} is newer than this classify supports ({FORMAT_VERSION}); upgrade classify"
        ));
    }
    if version == 0 {
        return Err("invalid model format version 0".into());
    }
    if version < FORMAT_VERSION {
        return Err(format!(
            "model format version {version} is from an older classify; train the model again with `classify train`"
        ));
    }
    let declared = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let actual = (bytes.len() - HEADER_LEN) as u64;
    if declared != actual {
        return Err(if declared > actual {
            format!("truncated model file: payload should be {declared} bytes, file has {actual}")
        } else {
            format!(
                "corrupt model file: {} bytes after the declared payload",
                actual - declared
            )
        });
    }
    let body = &bytes[HEADER_LEN..];
    let crc = u32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
    if crc32fast::hash(body) != crc {
        return Err("corrupt model file: checksum mismatch".into());
    }
    let payload: Payload =
        postcard::from_bytes(body).map_err(|e| format!("corrupt model file: {e}"))?;
    let corrupt = |m: String| format!("corrupt model file: {m}");
    payload.topics.validate().map_err(corrupt)?;
    let vocabulary = Vocabulary::from_stored(payload.vocabulary).map_err(corrupt)?;
    if vocabulary.len() != payload.topics.n_features as usize {
        return Err(corrupt(format!(
            "{} vocabulary terms but {} model features",
            vocabulary.len(),
            payload.topics.n_features
        )));
    }
    payload.tfidf.check().map_err(|e| corrupt(e.to_string()))?;
    let analyzer = Analyzer::new(payload.analyzer).map_err(|e| e.to_string())?;
    Ok(Pipeline {
        tfidf: Tfidf::from_parts(payload.tfidf, vocabulary, std::sync::Arc::new(analyzer)),
        topics: payload.topics,
        training: payload.training,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::TopicKind;

    /// The stored vocabulary's layout, filled by hand.
    #[derive(Serialize)]
    struct Vocab {
        tokens: Vec<String>,
        term_lengths: Vec<u8>,
        term_tokens: Vec<u32>,
        idf: Vec<f32>,
    }

    /// A complete model file around `vocabulary` (two terms' worth of weights).
    fn file_with(vocabulary: Vocab) -> Vec<u8> {
        #[derive(Serialize)]
        struct Crafted {
            analyzer: AnalyzerSettings,
            tfidf: TfidfSettings,
            vocabulary: Vocab,
            topics: TopicModel,
            training: TrainingInfo,
        }
        let crafted = Crafted {
            analyzer: AnalyzerSettings::default(),
            tfidf: TfidfSettings::default(),
            vocabulary,
            topics: TopicModel {
                kind: TopicKind::MultiLabel,
                labels: vec!["a".into()],
                n_features: 2,
                weights: vec![0.5, -0.5],
                intercepts: vec![0.0],
                thresholds: vec![0.5],
            },
            training: TrainingInfo {
                tool_version: "test".into(),
                corpus_sha256: String::new(),
                documents: 2,
                label_counts: vec![("a".into(), 1)],
                fields: crate::corpus::Fields::default(),
                topics: crate::topics::TopicSettings::default(),
                held_out: None,
            },
        };
        let body = postcard::to_stdvec(&crafted).unwrap();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    fn vocab(term_lengths: Vec<u8>, term_tokens: Vec<u32>, idf: Vec<f32>) -> Vocab {
        Vocab {
            tokens: vec!["x".into(), "y".into()],
            term_lengths,
            term_tokens,
            idf,
        }
    }

    #[test]
    fn a_consistent_crafted_vocabulary_loads() {
        let p = from_bytes(&file_with(vocab(vec![1, 2], vec![0, 0, 1], vec![1.0, 2.0]))).unwrap();
        assert_eq!(p.tfidf().vocabulary().term(1), "x y");
    }

    #[test]
    fn a_bad_stored_vocabulary_is_refused_with_what_is_wrong() {
        let cases = [
            (
                vocab(vec![1, 2], vec![0, 0, 1], vec![1.0]),
                "2 terms but 1 idf values",
            ),
            (
                vocab(vec![1, 2], vec![0, 0], vec![1.0, 2.0]),
                "term lengths add up",
            ),
            (
                vocab(vec![1, 1], vec![0, 7], vec![1.0, 2.0]),
                "unknown token id 7",
            ),
            (
                vocab(vec![1, 1], vec![0, 0], vec![1.0, 2.0]),
                "listed twice",
            ),
            (vocab(vec![0, 1], vec![0], vec![1.0, 2.0]), "has 0 tokens"),
            (
                vocab(vec![1, 1], vec![0, 1], vec![1.0, f32::NAN]),
                "finite and positive",
            ),
        ];
        for (vocabulary, expected) in cases {
            let e = from_bytes(&file_with(vocabulary)).unwrap_err();
            assert!(
                e.starts_with("corrupt model file: ") && e.contains(expected),
                "{e}"
            );
        }
    }

    #[test]
    fn repeated_label_names_are_refused() {
        let topics = TopicModel {
            kind: TopicKind::MultiLabel,
            labels: vec!["a".into(), "a".into()],
            n_features: 1,
            weights: vec![0.5, 0.5],
            intercepts: vec![0.0, 0.0],
            thresholds: vec![0.5, 0.5],
        };
        assert!(topics.validate().unwrap_err().contains("repeated"));
    }
}
