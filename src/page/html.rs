//! HTML to text: the page's `<title>` and the text of its body, one block per line, without
//! scripts, styles, navigation, headers, footers, forms and asides.

use scraper::{Html, Node};

use super::clean::collapse_spaces;

/// Elements whose whole content is dropped.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "head", "menu", "dialog", "object", "canvas",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "article",
    "section",
    "main",
    "blockquote",
    "figcaption",
    "figure",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "center",
];

/// Deeper nesting than this is not parsed as a DOM: html5ever's scope checks walk the stack of
/// open elements, so parse time grows with the square of the depth. Such (hostile or broken)
/// pages go through [`strip_tags`] instead.
pub const MAX_DOM_DEPTH: usize = 4096;

/// Likewise for the sum of the depths of all elements, the parser's work (typical pages: well
/// under a million; 50 million take html5ever about a tenth of a second here).
pub const MAX_DOM_WORK: usize = 50_000_000;

/// Void elements: they never open a level of nesting.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The page's title (first line) and body text (one block per line).
pub fn html_to_text(html: &str) -> String {
    let (depth, work) = nesting(html);
    if depth > MAX_DOM_DEPTH || work > MAX_DOM_WORK {
        return strip_tags(html);
    }
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    if let Some(title) = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
    {
        let t: String = title
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        let t = strip_site_name(&collapse_spaces(&t));
        if !t.is_empty() {
            out.push_str(&t);
            out.push('\n');
        }
    }
    // Iterative walk: deeply nested documents cannot overflow the stack.
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                depth += 1;
                if skip_depth.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        if SKIPPED.contains(&e.name()) || e.attr("hidden").is_some() {
                            skip_depth = Some(depth);
                        } else if BLOCKS.contains(&e.name()) && !out.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                    Node::Text(t) => {
                        let t: &str = t;
                        if !t.trim().is_empty() {
                            if !out.is_empty()
                                && !out.ends_with(['\n', ' '])
                                && t.starts_with(char::is_whitespace)
                            {
                                out.push(' ');
                            }
                            out.push_str(&collapse_spaces(t));
                            if t.ends_with(char::is_whitespace) {
                                out.push(' ');
                            }
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip_depth == Some(depth) {
                    skip_depth = None;
                } else if skip_depth.is_none() {
                    if let Node::Element(e) = node.value() {
                        if BLOCKS.contains(&e.name()) && !out.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                }
                depth -= 1;
            }
        }
    }
    out
}

/// Tags of `html`, in order: (name, is a closing tag, is self-closing), without attributes.
fn tags(html: &str) -> impl Iterator<Item = (&str, usize, usize, bool, bool)> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
            let start = at + off;
            // The tag runs to its '>' (ASCII, so a char boundary), or to the end of the input.
            let (inner, end) = match memchr::memchr(b'>', &bytes[start..]) {
                Some(e) => (&html[start + 1..start + e], start + e + 1),
                None => (&html[start + 1..], bytes.len()),
            };
            at = end;
            let closing = inner.starts_with('/');
            let name_start = usize::from(closing);
            let name_len = inner[name_start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(inner.len() - name_start);
            if name_len == 0 {
                continue;
            }
            let name = &inner[name_start..name_start + name_len];
            return Some((name, start, end, closing, inner.ends_with('/')));
        }
        None
    })
}

/// The deepest nesting of open (non-void) elements and the sum of all elements' depths,
/// counted without parsing.
fn nesting(html: &str) -> (usize, usize) {
    let (mut depth, mut max, mut work) = (0usize, 0usize, 0usize);
    for (name, _, _, closing, self_closing) in tags(html) {
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            depth += 1;
            max = max.max(depth);
            work = work.saturating_add(depth);
        }
    }
    (max, work)
}

/// `html` without its raw-text elements (`<script>`, `<style>`): their bodies may hold `<`.
/// One forward pass: linear in the size of the page.
fn without_raw_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut at) = (0, 0);
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + off;
        let rest = &bytes[open + 1..];
        let name = ["script", "style"].into_iter().find(|n| {
            rest.len() > n.len()
                && rest[..n.len()].eq_ignore_ascii_case(n.as_bytes())
                && !rest[n.len()].is_ascii_alphanumeric()
        });
        let Some(name) = name else {
            at = open + 1;
            continue;
        };
        out.push_str(&html[copied..open]);
        // Skip to the end of the matching close tag (or of the page).
        let mut scan = open + 1 + name.len();
        copied = html.len();
        while let Some(off) = memchr::memmem::find(&bytes[scan..], b"</") {
            let close = scan + off + 2;
            let tail = &bytes[close..];
            if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            {
                copied =
                    memchr::memchr(b'>', &bytes[close..]).map_or(html.len(), |e| close + e + 1);
                break;
            }
            scan = close;
        }
        at = copied;
    }
    out.push_str(&html[copied.min(html.len())..]);
    out
}

/// Text of `html` by dropping tags (and script, style, navigation... contents), one line per
/// block element: linear time whatever the nesting.
pub fn strip_tags(html: &str) -> String {
    let html = without_raw_text(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut last = 0;
    let mut skipping: Option<String> = None;
    for (name, start, end, closing, _) in tags(&html) {
        let lower = name.to_ascii_lowercase();
        if skipping.is_none() {
            out.push_str(&html[last..start]);
        }
        last = end;
        match &skipping {
            Some(s) if closing && *s == lower => skipping = None,
            Some(_) => {}
            None if !closing && SKIPPED.contains(&lower.as_str()) => skipping = Some(lower),
            None if BLOCKS.contains(&lower.as_str()) => out.push('\n'),
            None => {}
        }
    }
    if skipping.is_none() {
        out.push_str(&html[last.min(html.len())..]);
    }
    out.lines()
        .map(collapse_spaces)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Headline | Site" → "Headline" (also " - ", " — ", " – "), when the headline keeps 3+ words.
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " — ", " – ", " - "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::{html_to_text, strip_tags, MAX_DOM_DEPTH};

    #[test]
    fn keeps_title_and_body_drops_scripts_and_navigation() {
        let html =
            "<html><head><title>عنوان الصفحة الأولى | الموقع</title><style>p{}</style></head><body>\
            <nav><a>الرئيسية</a></nav><h1>Headline</h1><p>First <b>bold</b> para.</p>\
            <script>var x = 1;</script><p>Second</p><footer>© 2024</footer></body></html>";
        let text = html_to_text(html);
        assert_eq!(
            text.trim(),
            "عنوان الصفحة الأولى\nHeadline\nFirst bold para.\nSecond"
        );
    }

    #[test]
    fn survives_deep_nesting_and_broken_markup() {
        let deep = "<div>".repeat(1_000_000) + "نص" + &"</div>".repeat(10);
        let text = html_to_text(&deep);
        assert_eq!(text.trim(), "نص");
        let many_deep_blocks = ("<div>".repeat(4000) + "نص" + &"</div>".repeat(4000)).repeat(20);
        assert!(html_to_text(&many_deep_blocks).contains("نص"));
        let shallow_enough = "<div>".repeat(MAX_DOM_DEPTH) + "نص";
        assert_eq!(html_to_text(&shallow_enough).trim(), "نص");
        assert_eq!(
            strip_tags("<p>a <b>b</b></p><script>x<y</script><p>c</p><STYLE>p{}</style >d"),
            "a b\nc\nd"
        );
        // Many raw-text elements on a deep page: one pass, not one scan per element.
        let many = "<div>".repeat(MAX_DOM_DEPTH + 1) + &"<script>x</script>".repeat(200_000) + "نص";
        assert_eq!(html_to_text(&many).trim(), "نص");
        assert!(html_to_text("<p>unclosed <b>tags <i>here").contains("unclosed tags here"));
        // Found by fuzzing: a '<' never closed, before multi-byte text, on a page too deep
        // for the DOM parser.
        let unclosed = "<div>".repeat(MAX_DOM_DEPTH + 1) + "نص <!Dوسط";
        assert!(html_to_text(&unclosed).contains("نص"));
    }
}
