//! Pages: scraped text or HTML, cleaned and cut into articles.
//!
//! ```text
//! page ─ html (HTML only: title + block text) ─ clean (drop furniture lines) ─ split (articles)
//! ```
//!
//! The cleaned page text is what `classify split` shows; each article's `chars` are character
//! offsets into it.

pub mod clean;
pub mod html;
pub mod split;

use std::path::Path;

use clean::{classify_lines, LineKind};
pub use html::html_to_text;

/// Whether an input is HTML, by its name or its first bytes.
pub fn looks_like_html(path: &Path, text: &str) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"));
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    by_name
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
}

/// A cleaned page.
#[derive(Debug, Clone)]
pub struct Page {
    lines: Vec<(String, LineKind)>,
    text: String,
    /// Character offset of each kept line in `text`.
    starts: Vec<usize>,
}

/// One article of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageArticle {
    /// The headline, if one was found.
    pub title: Option<String>,
    /// The body, one paragraph per line.
    pub body: String,
    /// Character offset of the article's first character in the cleaned page text.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
}

impl PageArticle {
    /// Title and body, as the analyzer reads them.
    pub fn full_text(&self) -> String {
        match &self.title {
            Some(t) => format!("{t}\n{}", self.body),
            None => self.body.clone(),
        }
    }
}

impl Page {
    /// Cleans a page given as plain text.
    pub fn from_text(text: &str) -> Page {
        let lines: Vec<(String, LineKind)> = classify_lines(text)
            .into_iter()
            .filter(|(_, k)| *k != LineKind::Boilerplate)
            .collect();
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        let mut offset = 0;
        for (i, (line, _)) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
                offset += 1;
            }
            starts.push(offset);
            text.push_str(line);
            offset += line.chars().count();
        }
        Page {
            lines,
            text,
            starts,
        }
    }

    /// Cleans a page given as HTML.
    pub fn from_html(html: &str) -> Page {
        Page::from_text(&html_to_text(html))
    }

    /// Cleans a page given as text or HTML.
    pub fn from_input(text: &str, is_html: bool) -> Page {
        if is_html {
            Page::from_html(text)
        } else {
            Page::from_text(text)
        }
    }

    /// The cleaned page text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The articles of the page, in order.
    pub fn articles(&self) -> Vec<PageArticle> {
        split::find_articles(&self.lines)
            .into_iter()
            .map(|s| {
                let body: Vec<&str> = (s.first..=s.last)
                    .map(|i| self.lines[i].0.as_str())
                    .collect();
                let start = self.starts[s.title.unwrap_or(s.first)];
                let end = self.starts[s.last] + self.lines[s.last].0.chars().count();
                PageArticle {
                    title: s.title.map(|t| self.lines[t].0.clone()),
                    body: body.join("\n"),
                    start,
                    end,
                }
            })
            .collect()
    }
}
