//! Line cleaning: which lines of a scraped page are site furniture rather than article text.
//!
//! Dropped: navigation and menu bullets, share/login/subscribe lines, counters and bare dates,
//! tag lines ("كلمات دلالية", "Tags:"), "Read more" teasers with the teaser above them, and
//! repeats of a line already seen on the page (menus and headlines printed twice).

use rustc_hash::FxHashSet;

/// How a line of a page is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Article text (headline, paragraph, byline, source line, embedded tweet...).
    Text,
    /// A separator before another article or a list of related links ("إقرأ أيضاً").
    Separator,
    /// A heading that starts a list of related or popular links ("مقالات ذات صلة").
    RelatedList,
    /// Site furniture, dropped.
    Boilerplate,
}

/// Lines that are furniture when they make up the whole line (compared case-insensitively, after
/// trimming punctuation).
const BOILERPLATE: &[&str] = &[
    "no result",
    "view all result",
    "login",
    "log in",
    "logout",
    "sign in",
    "sign up",
    "register",
    "login to your account below",
    "forgotten password?",
    "forgotten password",
    "retrieve your password",
    "welcome back!",
    "welcome back",
    "close",
    "menu",
    "search",
    "home",
    "shares",
    "views",
    "share",
    "tweet",
    "sharetweetshare",
    "share on facebook",
    "share on twitter",
    "share on facebookshare on twitter",
    "read more",
    "previous post",
    "next post",
    "advertisement",
    "subscribe",
    "newsletter",
    "cookie",
    "accept",
    "print",
    "email",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "copy link",
    "follow us",
    "شارك القصة",
    "شارك",
    "مشاركة",
    "تابع القراءة",
    "تابعنا على",
    "تابعنا",
    "ابحث",
    "ابحث …",
    "بحث",
    "اتصل بنا",
    "من نحن",
    "الرئيسية",
    "القائمة",
    "إعلان",
    "اعلان",
    "اقرأ المزيد",
    "إقرأ المزيد",
    "المزيد",
    "طباعة",
    "أرسل",
    "إرسال",
    "تسجيل الدخول",
    "سياسة الخصوصية",
    "كاريكاتير",
];

/// Prefixes of lines that are furniture.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "reading time:",
    "جميع الحقوق محفوظة",
    "all rights reserved",
    "copyright",
    "©",
    "please enter your username",
    "share 0",
    "0 shares",
    "by maseer",
    "tags:",
    "tags :",
    "كلمات دلالية",
    "الكلمات الدالة",
    "الكلمات المفتاحية",
    "وسوم:",
    "الوسوم:",
    "home ",
    "يمكنكم متابعة",
    "لمتابعة آخر الأخبار",
    "حمل تطبيق",
    "اشترك في",
];

/// Lines that introduce another article or a list of links.
const SEPARATORS: &[&str] = &[
    "إقرأ أيضاً",
    "إقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ أيضا",
    "إقرأ ايضاً",
    "اقرأ ايضا",
    "إقرأ ايضا",
    "اقرأ كذلك",
    "شاهد أيضاً",
    "شاهد أيضا",
    "read also",
    "also read",
    "read more:",
    "see also",
    "more on this",
];

/// Headings of lists of related or popular links.
const RELATED: &[&str] = &[
    "مقالات ذات صلة",
    "مقالات مشابهة",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مواضيع ذات صلة",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولاً",
    "الأكثر تداولا",
    "آخر الأخبار",
    "أخبار متعلقة",
    "related articles",
    "related stories",
    "related",
    "most read",
    "most popular",
    "more stories",
    "latest news",
    "trending",
];

fn key(line: &str) -> String {
    line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '：' | '-' | '|' | '»' | '›')
    })
    .to_lowercase()
}

/// Classifies one trimmed line on its own.
pub fn classify_line(line: &str) -> LineKind {
    let line = line.trim();
    let k = key(line);
    if k.is_empty() {
        return LineKind::Boilerplate;
    }
    if SEPARATORS
        .iter()
        .any(|s| k == *s || (k.starts_with(s) && k.chars().count() < s.chars().count() + 3))
    {
        return LineKind::Separator;
    }
    if RELATED.iter().any(|s| k == *s) {
        return LineKind::RelatedList;
    }
    if BOILERPLATE.contains(&k.as_str()) || BOILERPLATE_PREFIXES.iter().any(|p| k.starts_with(p)) {
        return LineKind::Boilerplate;
    }
    // Menu and list bullets.
    if line.starts_with(['•', '●', '▪', '■', '►', '▸', '◦', '*']) {
        return LineKind::Boilerplate;
    }
    // Counters, bare numbers and bare dates.
    if k.chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "/.-:,".contains(c))
    {
        return LineKind::Boilerplate;
    }
    LineKind::Text
}

/// Whether a line is a "Read more" link closing a teaser.
pub fn is_read_more(line: &str) -> bool {
    matches!(
        key(line).as_str(),
        "read more" | "اقرأ المزيد" | "إقرأ المزيد" | "المزيد" | "more"
    )
}

/// The lines of `text` with their kinds, furniture already classified; repeated lines are marked
/// as boilerplate after their first occurrence, and a teaser followed by "Read more" is dropped.
pub fn classify_lines(text: &str) -> Vec<(String, LineKind)> {
    let raw: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut out: Vec<(String, LineKind)> = Vec::with_capacity(raw.len());
    for (i, line) in raw.iter().enumerate() {
        let mut kind = classify_line(line);
        if kind == LineKind::Text {
            let next_is_read_more = raw[i + 1..]
                .iter()
                .find(|l| classify_line(l) != LineKind::Boilerplate || is_read_more(l))
                .is_some_and(|l| is_read_more(l));
            if !seen.insert(key(line)) || next_is_read_more {
                kind = LineKind::Boilerplate;
            }
        }
        out.push((collapse_spaces(line), kind));
    }
    out
}

/// `line` with every run of white space turned into one space, trimmed.
pub fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_furniture_separators_and_text() {
        assert_eq!(classify_line("No Result"), LineKind::Boilerplate);
        assert_eq!(classify_line("  • أخبار"), LineKind::Boilerplate);
        assert_eq!(classify_line("2022/08/20"), LineKind::Boilerplate);
        assert_eq!(
            classify_line("كلمات دلالية: روسيا أرمينيا"),
            LineKind::Boilerplate
        );
        assert_eq!(classify_line("إقرأ أيضاً:"), LineKind::Separator);
        assert_eq!(classify_line("Read also"), LineKind::Separator);
        assert_eq!(classify_line("مقالات ذات صلة"), LineKind::RelatedList);
        assert_eq!(
            classify_line("أعلنت الحكومة اليوم خطة جديدة."),
            LineKind::Text
        );
    }

    #[test]
    fn drops_repeats_and_read_more_teasers() {
        let lines =
            classify_lines("عنوان الخبر\n\nعنوان الخبر\nنص قصير لمقال آخر\nRead more\nفقرة");
        let kinds: Vec<_> = lines.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Text,
                LineKind::Boilerplate,
                LineKind::Boilerplate,
                LineKind::Boilerplate,
                LineKind::Text
            ]
        );
    }
}
