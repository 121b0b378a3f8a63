//! Cutting a cleaned page into articles.
//!
//! The page is first cut into segments at separator lines ("إقرأ أيضاً", "Read also") and
//! related-list headings ("مقالات ذات صلة"), and after source lines ("المصدر: ..."), which close
//! an article. In each segment the article is the run of lines from its headline (the first
//! headline-like line before the first paragraph) to its last paragraph, plus the source lines
//! that follow it; headlines of other posts, teasers and lists around it are left out. A segment
//! without enough running text (a list of related headlines) yields no article.

use super::clean::LineKind;

/// Words in a line (whitespace-separated).
fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Ends like a sentence.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '”', '»', ')', '\'', '’', ' ']);
    t.ends_with(['.', '!', '؟', '?', '۔', '…', ':', '؛', ';'])
}

/// A paragraph of running text.
pub fn is_paragraph(line: &str) -> bool {
    let w = words(line);
    w >= 20 && (ends_sentence(line) || w >= 45)
}

/// Looks like a date or timestamp line ("الجمعة 25 أكتوبر / October 2024").
fn is_date_like(line: &str) -> bool {
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    has_year && words(line) <= 8
}

/// Could be an article's headline.
pub fn is_headline(line: &str) -> bool {
    let w = words(line);
    (3..=40).contains(&w) && !line.trim_end().ends_with(['.', ':']) && !is_date_like(line)
}

/// A source / attribution line that closes an article ("المصدر: تاس", "Source: agencies").
pub fn is_source_line(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    [
        "المصدر",
        "المصادر",
        "مصدر:",
        "source:",
        "sources:",
        "(reporting by",
        "reporting by",
    ]
    .iter()
    .any(|p| l.starts_with(p))
        || (words(line) <= 2 && matches!(l.as_str(), "وكالات" | "agencies" | "(وكالات)"))
}

/// An article found in a page: indices into the page's kept lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The headline line, if one was found.
    pub title: Option<usize>,
    /// First body line.
    pub first: usize,
    /// Last body line (inclusive).
    pub last: usize,
}

/// Finds the articles among `lines` (only kept lines: text, separators, related headings).
pub fn find_articles(lines: &[(String, LineKind)]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= lines.len() {
        let boundary =
            i == lines.len() || matches!(lines[i].1, LineKind::Separator | LineKind::RelatedList);
        // Source lines close the segment after them (with the source lines that follow).
        let after_sources = i < lines.len()
            && is_source_line(&lines[i].0)
            && lines.get(i + 1).is_none_or(|(l, _)| !is_source_line(l));
        if boundary || after_sources {
            let end = if after_sources { i + 1 } else { i };
            // Under a related-links heading, only a real article (3+ paragraphs) counts.
            let related = start > 0 && lines[start - 1].1 == LineKind::RelatedList;
            let min_paragraphs = if related { 3 } else { 1 };
            if let Some(span) = segment_article(lines, start, end, min_paragraphs) {
                spans.push(span);
            }
            start = i + 1;
        }
        i += 1;
    }
    spans
}

/// The article in `lines[start..end]`, if there is one.
fn segment_article(
    lines: &[(String, LineKind)],
    start: usize,
    end: usize,
    min_paragraphs: usize,
) -> Option<Span> {
    let text_at = |i: usize| (lines[i].1 == LineKind::Text).then_some(lines[i].0.as_str());
    if (start..end)
        .filter(|&i| text_at(i).is_some_and(is_paragraph))
        .count()
        < min_paragraphs
    {
        return None;
    }
    let first_par = (start..end).find(|&i| text_at(i).is_some_and(is_paragraph))?;
    let last_par = (first_par..end)
        .rev()
        .find(|&i| text_at(i).is_some_and(|l| is_paragraph(l) || words(l) >= 20))?;
    let body_words: usize = (first_par..=last_par).filter_map(text_at).map(words).sum();
    if body_words < 50 {
        return None;
    }
    // Source lines right after the last paragraph stay with the article.
    let mut last = last_par;
    while last + 1 < end && text_at(last + 1).is_some_and(|l| is_source_line(l) || words(l) <= 2) {
        last += 1;
        if !is_source_line(&lines[last].0) {
            // A short line that is not a source: only keep it if a source line follows.
            if !(last + 1 < end && text_at(last + 1).is_some_and(is_source_line)) {
                last -= 1;
                break;
            }
        }
    }
    // The headline: the first headline-like line in the few lines before the first paragraph.
    let window_start = first_par.saturating_sub(8).max(start);
    let title = (window_start..first_par).find(|&i| text_at(i).is_some_and(is_headline));
    let first = match title {
        Some(t) => t + 1,
        None => first_par,
    };
    Some(Span { title, first, last })
}
