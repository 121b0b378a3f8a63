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
use crate::tfidf::{Tfidf, TfidfSettings, Vocabulary};
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
    vocabulary: Vocabulary,
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
    if payload.vocabulary.len() != payload.topics.n_features as usize {
        return Err(corrupt(format!(
            "{} vocabulary terms but {} model features",
            payload.vocabulary.len(),
            payload.topics.n_features
        )));
    }
    payload.tfidf.check().map_err(|e| corrupt(e.to_string()))?;
    let analyzer = Analyzer::new(payload.analyzer).map_err(|e| e.to_string())?;
    Ok(Pipeline {
        tfidf: Tfidf::from_parts(
            payload.tfidf,
            payload.vocabulary,
            std::sync::Arc::new(analyzer),
        ),
        topics: payload.topics,
        training: payload.training,
    })
}
