//! Page cleaning and splitting, as text and as HTML: never panics, and every article's `chars`
//! cut exactly its text out of the cleaned page.
#![no_main]

use classify::page::Page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for page in [Page::from_text(text), Page::from_html(text)] {
        let chars: Vec<char> = page.text().chars().collect();
        for a in page.articles() {
            assert!(a.start <= a.end && a.end <= chars.len());
            let span: String = chars[a.start..a.end].iter().collect();
            assert_eq!(span, a.full_text());
        }
    }
});
