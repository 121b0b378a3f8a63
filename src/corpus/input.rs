//! Articles to label, from the inputs a user names: JSONL/CSV record files, plain-text and HTML
//! files, directories of them, or standard input.

use std::path::{Path, PathBuf};

use super::lines;
use super::records::{read_records, Format, JsonlParser, RawLines};
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

/// The articles of one record or file, still to be read, parsed and split: the stream is read
/// in order, and the pending work can then run on any thread.
pub type Pending = Box<dyn FnOnce() -> Result<Vec<Article>> + Send>;

/// A stream of pending inputs.
pub type Articles = Box<dyn Iterator<Item = Pending> + Send>;

/// Takes up to `n` pending inputs from `items` (reading in order) and runs them in parallel: the
/// articles of each input, or its error, in input order. Empty when `items` is exhausted.
pub fn next_batch(items: &mut Articles, n: usize) -> Vec<Result<Vec<Article>>> {
    use rayon::prelude::*;
    let pending: Vec<Pending> = items.by_ref().take(n).collect();
    pending.into_par_iter().map(|p| p()).collect()
}

fn ready(result: Result<Vec<Article>>) -> Pending {
    Box::new(move || result)
}

/// The articles of all `inputs`, in order. Each item yields the articles of one record or file,
/// or an error naming the file (and line). Empty `inputs` means standard input.
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
        Some(Format::Jsonl) => match lines::open(&path) {
            Ok(reader) => jsonl_articles(RawLines::new(reader, &path), &path, options),
            Err(e) => Box::new(std::iter::once(ready(Err(e)))),
        },
        Some(Format::Csv) => match read_records(&path, &options.fields, false) {
            Err(e) => Box::new(std::iter::once(ready(Err(e)))),
            Ok(records) => Box::new(records.map(move |r| {
                let options = options.clone();
                Box::new(move || r.and_then(|r| record_articles(r, &options))) as Pending
            })),
        },
        None if is_stdin => stdin_articles(options),
        None => Box::new(std::iter::once(Box::new(move || {
            let text = lines::read_text(&path)?;
            text_articles(&path, &path.display().to_string(), None, text, &options)
        }) as Pending)),
    }
}

/// JSONL lines read in order, parsed later (on the worker threads).
fn jsonl_articles(lines: RawLines, path: &Path, options: InputOptions) -> Articles {
    let parser = std::sync::Arc::new(JsonlParser::new(path, &options.fields, false));
    let options = std::sync::Arc::new(options);
    Box::new(lines.map(move |raw| {
        let (parser, options) = (parser.clone(), options.clone());
        Box::new(move || record_articles(parser.parse(raw?)?, &options)) as Pending
    }))
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
        Err(e) => return Box::new(std::iter::once(ready(Err(e)))),
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
            Err(e) => return Box::new(std::iter::once(ready(Err(Error::io(&path, e))))),
        }
    };
    match first {
        None => Box::new(std::iter::once(ready(Err(Error::input(
            &path,
            "standard input is empty",
        ))))),
        Some(b'{') => jsonl_articles(RawLines::new(reader, &path), &path, options),
        Some(_) => {
            let result = lines::read_bounded(reader, &path)
                .and_then(|text| text_articles(&path, "-", None, text, &options));
            Box::new(std::iter::once(ready(result)))
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
    let fail = |m: &str| Error::at(path, line, m);
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
