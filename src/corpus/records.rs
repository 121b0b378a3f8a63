//! Record readers for JSONL and CSV, streaming, with line numbers.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::lines::{self, Line, MAX_RECORD_BYTES};
use super::{Fields, LabelValue, Record};
use crate::error::{Error, Result};

/// The format of a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl Format {
    /// The format of `path`, by its extension (ignoring a trailing `.gz`); `None` if not a
    /// record format.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
            Some(Format::Jsonl)
        } else if name.ends_with(".csv") {
            Some(Format::Csv)
        } else {
            None
        }
    }
}

/// Streams records from a JSONL or CSV file (`-`: JSONL on standard input).
pub type RecordReader = Box<dyn Iterator<Item = Result<Record>> + Send>;

/// Opens `path` as a record stream. `want_labels` makes the label field required.
pub fn read_records(path: &Path, fields: &Fields, want_labels: bool) -> Result<RecordReader> {
    let format = if path == Path::new("-") {
        Format::Jsonl
    } else {
        Format::of(path).ok_or_else(|| {
            Error::input(
                path,
                "unknown format: name the file .jsonl (one JSON object per line) or .csv",
            )
        })?
    };
    let reader = lines::open(path)?;
    Ok(match format {
        Format::Jsonl => jsonl_from_reader(reader, path, fields, want_labels),
        Format::Csv => Box::new(csv_records(reader, path, fields, want_labels)?),
    })
}

/// Streams JSONL records from an open reader.
pub(crate) fn jsonl_from_reader(
    reader: Box<dyn BufRead + Send>,
    path: &Path,
    fields: &Fields,
    want_labels: bool,
) -> RecordReader {
    let parser = JsonlParser::new(path, fields, want_labels);
    Box::new(RawLines::new(reader, path).map(move |raw| raw.and_then(|r| parser.parse(r))))
}

/// One non-blank line of a JSONL input, not yet parsed.
#[derive(Debug)]
pub(crate) struct RawLine {
    /// 1-based line number.
    pub line: u64,
    /// The line's bytes, without the line ending.
    pub bytes: Vec<u8>,
}

/// The non-blank lines of a JSONL input, read in bounded memory; parsing is left to
/// [`JsonlParser`], so that it can run on other threads.
pub(crate) struct RawLines {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    line: u64,
    done: bool,
}

impl RawLines {
    /// Lines of `reader`, which reads `path`.
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, path: &Path) -> RawLines {
        RawLines {
            reader,
            path: path.to_path_buf(),
            line: 0,
            done: false,
        }
    }
}

impl Iterator for RawLines {
    type Item = Result<RawLine>;

    fn next(&mut self) -> Option<Result<RawLine>> {
        let mut buf = Vec::new();
        while !self.done {
            self.line += 1;
            let line = self.line;
            match lines::read_line(self.reader.as_mut(), &mut buf, MAX_RECORD_BYTES) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::record(&self.path, line, e.to_string())));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    return Some(Err(Error::record(
                        &self.path,
                        line,
                        format!("line longer than {} MiB", MAX_RECORD_BYTES >> 20),
                    )))
                }
                Ok(Line::Read) => {
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(RawLine { line, bytes: buf }));
                }
            }
        }
        None
    }
}

/// Turns JSONL lines into records.
#[derive(Debug, Clone)]
pub(crate) struct JsonlParser {
    path: PathBuf,
    fields: Fields,
    want_labels: bool,
}

impl JsonlParser {
    /// A parser for lines of `path`; `want_labels` makes the label field required.
    pub(crate) fn new(path: &Path, fields: &Fields, want_labels: bool) -> JsonlParser {
        JsonlParser {
            path: path.to_path_buf(),
            fields: fields.clone(),
            want_labels,
        }
    }

    /// The record on one line.
    pub(crate) fn parse(&self, raw: RawLine) -> Result<Record> {
        let line = raw.line;
        let text = lines::text_from_bytes(&self.path, Some(line), raw.bytes)?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| Error::record(&self.path, line, format!("not valid JSON: {e}")))?;
        let Value::Object(obj) = value else {
            return Err(Error::record(&self.path, line, "expected a JSON object"));
        };
        let get_str = |name: &str, required: bool| -> Result<Option<String>> {
            match obj.get(name) {
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) if name == self.fields.id => Ok(Some(n.to_string())),
                None | Some(Value::Null) if !required => Ok(None),
                None | Some(Value::Null) => Err(Error::record(
                    &self.path,
                    line,
                    format!("no '{name}' field (fields: {})", keys(&obj)),
                )),
                Some(_) => Err(Error::record(
                    &self.path,
                    line,
                    format!("field '{name}' must be a string"),
                )),
            }
        };
        let text = get_str(&self.fields.text, true)?.unwrap_or_default();
        let title = get_str(&self.fields.title, false)?;
        let id = get_str(&self.fields.id, false)?
            .unwrap_or_else(|| format!("{}:{}", self.path.display(), line));
        let labels = if self.want_labels {
            Some(match obj.get(&self.fields.label) {
                Some(Value::String(s)) => LabelValue::One(s.clone()),
                Some(Value::Array(items)) => LabelValue::Many(
                    items
                        .iter()
                        .map(|v| match v {
                            Value::String(s) => Ok(s.clone()),
                            _ => Err(Error::record(
                                &self.path,
                                line,
                                format!("field '{}' must hold strings", self.fields.label),
                            )),
                        })
                        .collect::<Result<_>>()?,
                ),
                None => {
                    return Err(Error::record(
                        &self.path,
                        line,
                        format!(
                            "no label field '{}' (fields: {}); name it with --label-field",
                            self.fields.label,
                            keys(&obj)
                        ),
                    ))
                }
                Some(_) => {
                    return Err(Error::record(
                        &self.path,
                        line,
                        format!(
                            "label field '{}' must be a string or a list of strings",
                            self.fields.label
                        ),
                    ))
                }
            })
        } else {
            None
        };
        Ok(Record {
            id,
            title,
            text,
            labels,
            path: self.path.clone(),
            line,
        })
    }
}

fn keys(obj: &serde_json::Map<String, Value>) -> String {
    obj.keys().cloned().collect::<Vec<_>>().join(", ")
}

fn csv_records(
    reader: Box<dyn BufRead + Send>,
    path: &Path,
    fields: &Fields,
    want_labels: bool,
) -> Result<impl Iterator<Item = Result<Record>> + Send> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| Error::record(path, 1, format!("bad CSV header: {e}")))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let all = headers.iter().collect::<Vec<_>>().join(", ");
    let text_col = column(&fields.text).ok_or_else(|| {
        Error::record(
            path,
            1,
            format!("no '{}' column (columns: {all})", fields.text),
        )
    })?;
    let label_col = if want_labels {
        Some(column(&fields.label).ok_or_else(|| {
            Error::record(
                path,
                1,
                format!(
                    "no label column '{}' (columns: {all}); name it with --label-field",
                    fields.label
                ),
            )
        })?)
    } else {
        None
    };
    let (id_col, title_col) = (column(&fields.id), column(&fields.title));
    let path = path.to_path_buf();
    let label_name = fields.label.clone();
    Ok(csv.into_records().map(move |rec| {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            Error::at(&path, line, format!("bad CSV record: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.as_slice().len() > MAX_RECORD_BYTES {
            return Err(Error::record(
                &path,
                line,
                format!("record longer than {} MiB", MAX_RECORD_BYTES >> 20),
            ));
        }
        if rec.as_slice().contains('\0') {
            return Err(Error::record(
                &path,
                line,
                "binary data (NUL bytes), not text",
            ));
        }
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::to_string);
        let labels = match label_col {
            Some(c) => {
                let raw = rec.get(c).unwrap_or("").trim();
                Some(if raw.starts_with('[') {
                    LabelValue::Many(serde_json::from_str(raw).map_err(|e| {
                        Error::record(
                            &path,
                            line,
                            format!(
                                "label column '{label_name}' is not a JSON list of strings: {e}"
                            ),
                        )
                    })?)
                } else if raw.is_empty() {
                    return Err(Error::record(
                        &path,
                        line,
                        format!("empty label column '{label_name}'"),
                    ));
                } else {
                    LabelValue::One(raw.to_string())
                })
            }
            None => None,
        };
        Ok(Record {
            id: get(id_col)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("{}:{}", path.display(), line)),
            title: get(title_col),
            text: get(Some(text_col)).unwrap_or_default(),
            labels,
            path: path.clone(),
            line,
        })
    }))
}
