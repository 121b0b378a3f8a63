//! Articles to label, from the inputs a user names: JSONL/CSV record files, plain-text and HTML
//! files, directories of them, or standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::lines::{self, MAX_RECORD_BYTES};
use super::records::{read_records, Format};
use super::{Fields, Record};
use crate::error::{Error, Result};
use crate::page;

/// One article to label.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The record id, or the path (and line); `#n` is appended for the n-th article of a page.
    pub id: String,
    /// The headline, if known.
    pub title: Option<String>,
    /// The text to analyse (title included).
    pub text: String,
    /// For articles cut from a page: character offsets `[start, end)` in the cleaned page text.
    pub chars: Option<(usize, usize)>,
}

/// How inputs are turned into articles.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// Field names of JSONL/CSV records.
    pub fields: Fields,
    /// Treat each JSONL/CSV record as a page to split into articles.
    pub pages: bool,
    /// Label each input (file or record) as one document, without splitting pages.
    pub whole: bool,
}

/// A stream of articles or per-input errors.
pub type Articles = Box<dyn Iterator<Item = Result<Vec<Article>>> + Send>;

/// The articles of all `inputs`, in order. Each item holds the articles of one record or file;
/// an error item names the file (and line). Empty `inputs` means standard input.
pub fn articles(inputs: &[PathBuf], options: &InputOptions) -> Result<Articles> {
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(input.clone());
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            let before = files.len();
            for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(input).to_path_buf();
                    Error::io(path, e.into())
                })?;
                let hidden =
                    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
                if entry.file_type().is_file() && !hidden {
                    files.push(entry.into_path());
                }
            }
            if files.len() == before {
                return Err(Error::input(input, "directory holds no files to label"));
            }
        } else {
            files.push(input.clone());
        }
    }
    let options = options.clone();
    Ok(Box::new(
        files
            .into_iter()
            .flat_map(move |f| file_articles(f, options.clone())),
    ))
}

fn file_articles(path: PathBuf, options: InputOptions) -> Articles {
    let is_stdin = path.as_os_str() == "-";
    let format = if is_stdin { None } else { Format::of(&path) };
    match format {
        Some(_) => records_articles(&path, options),
        None if is_stdin => stdin_articles(options),
        None => Box::new(std::iter::once(lines::read_text(&path).and_then(|text| {
            text_articles(&path, &path.display().to_string(), None, text, &options)
        }))),
    }
}

fn records_articles(path: &Path, options: InputOptions) -> Articles {
    match read_records(path, &options.fields, false) {
        Err(e) => Box::new(std::iter::once(Err(e))),
        Ok(records) => Box::new(records.map(move |r| r.and_then(|r| record_articles(r, &options)))),
    }
}

fn record_articles(r: Record, options: &InputOptions) -> Result<Vec<Article>> {
    if options.pages && !options.whole {
        let text = r.full_text();
        let id = r.id.clone();
        return text_articles(&r.path, &id, Some(r.line), text, options);
    }
    Ok(vec![Article {
        text: r.full_text(),
        id: r.id,
        title: r.title,
        chars: None,
    }])
}

/// Standard input: JSONL when it starts with `{`, otherwise one text (page).
fn stdin_articles(options: InputOptions) -> Articles {
    use std::io::BufRead;
    let path = PathBuf::from("-");
    let mut reader = match lines::open(&path) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let first = loop {
        match reader.fill_buf() {
            Ok(buf) => match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => break Some(buf[i]),
                None if buf.is_empty() => break None,
                None => {
                    let n = buf.len();
                    reader.consume(n);
                }
            },
            Err(e) => return Box::new(std::iter::once(Err(Error::io(&path, e)))),
        }
    };
    match first {
        None => Box::new(std::iter::once(Err(Error::input(
            &path,
            "standard input is empty",
        )))),
        Some(b'{') => {
            let records = super::records::jsonl_from_reader(reader, &path, &options.fields, false);
            Box::new(records.map(move |r| r.and_then(|r| record_articles(r, &options))))
        }
        Some(_) => {
            let mut bytes = Vec::new();
            let read = reader
                .take(MAX_RECORD_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(&path, e));
            let result = read.and_then(|_| {
                if bytes.len() > MAX_RECORD_BYTES {
                    return Err(Error::input(
                        &path,
                        format!(
                            "more than {} MiB of text; give JSONL with one article per line",
                            MAX_RECORD_BYTES >> 20
                        ),
                    ));
                }
                let text = lines::text_from_bytes(&path, None, bytes)?;
                text_articles(&path, "-", None, text, &options)
            });
            Box::new(std::iter::once(result))
        }
    }
}

/// The articles of one text input: split into articles unless `whole`.
fn text_articles(
    path: &Path,
    id: &str,
    line: Option<u64>,
    text: String,
    options: &InputOptions,
) -> Result<Vec<Article>> {
    let fail = |m: &str| match line {
        Some(l) => Error::record(path, l, m),
        None => Error::input(path, m),
    };
    let is_html = page::looks_like_html(path, &text);
    if options.whole {
        let text = if is_html {
            page::html_to_text(&text)
        } else {
            text
        };
        if text.trim().is_empty() {
            return Err(fail("no text"));
        }
        return Ok(vec![Article {
            id: id.to_string(),
            title: None,
            text,
            chars: None,
        }]);
    }
    let page = page::Page::from_input(&text, is_html);
    let found = page.articles();
    if found.is_empty() {
        return Err(fail("no article found (only boilerplate or empty text)"));
    }
    Ok(found
        .into_iter()
        .enumerate()
        .map(|(n, a)| Article {
            id: format!("{id}#{}", n + 1),
            text: a.full_text(),
            title: a.title,
            chars: Some((a.start, a.end)),
        })
        .collect())
}
