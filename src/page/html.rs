//! HTML to text: the page's `<title>` and the text of its body, one block per line, without
//! scripts, styles, navigation, headers, footers, forms and asides.

use scraper::{Html, Node};

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

/// The page's title (first line) and body text (one block per line).
pub fn html_to_text(html: &str) -> String {
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
        let t = strip_site_name(&t.split_whitespace().collect::<Vec<_>>().join(" "));
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
                            out.push_str(&t.split_whitespace().collect::<Vec<_>>().join(" "));
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
    use super::html_to_text;

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
        let deep = "<div>".repeat(100_000) + "نص" + &"</div>".repeat(10);
        assert!(html_to_text(&deep).contains("نص"));
        assert!(html_to_text("<p>unclosed <b>tags <i>here").contains("unclosed tags here"));
    }
}
