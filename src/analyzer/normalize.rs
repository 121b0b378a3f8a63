//! Arabic normalisation: the first filter of the chain, applied to raw text.
//!
//! One pass over the characters:
//! - drops diacritics (harakat, tanween, shadda, sukun, dagger alef, Quranic marks) and tatweel;
//! - unifies alef forms `أ إ آ ٱ` → `ا`;
//! - maps Persian/Urdu letter forms seen in scraped text (`ی ې ے` → `ي`, `ک` → `ك`, `ۀ ە` → `ة`, `ہ` → `ه`);
//! - maps Arabic-Indic and Persian digits to ASCII digits;
//! - turns hashtag marks (`#`, `_`) into spaces, so `#حسن_روحاني` becomes two words.
//!
//! Teh marbuta and alef maqsura (`ة` → `ه`, `ى` → `ي`) are unified by [`unify_letters`], which the
//! analyzer applies to each token *after* stemming: the Snowball Arabic stemmer needs `ة` to
//! recognise feminine endings (`العسكرية` → `عسكر`, but `العسكريه` is left as `عسكريه`).
//! [`normalize`] applies both steps, for callers that want the complete normal form.

/// Appends `text` to `out` with every rule applied except the teh marbuta / alef maqsura
/// unification (see the module doc).
///
/// Works on bytes: runs of characters that stay as they are (ASCII, most Arabic letters) are
/// copied whole, and the Arabic block (U+0600–U+06FF) is looked up in a table built from
/// [`normalize_char`], so the rules live in one place.
pub fn normalize_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let arabic = arabic_block();
    let bytes = text.as_bytes();
    // Bytes from `kept` to `i` are copied unchanged when a changed character (or the end) comes.
    let mut kept = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (len, replacement) = if b < 0x80 {
            (1, matches!(b, b'#' | b'_').then_some(Some(' ')))
        } else if (0xD8..=0xDB).contains(&b) {
            // Two-byte UTF-8 for U+0600–U+06FF: the low 2 bits of the lead byte, 6 of the next.
            let offset = (usize::from(b & 0x03) << 6) | usize::from(bytes[i + 1] & 0x3F);
            (2, arabic[offset])
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            let n = normalize_char(c);
            (c.len_utf8(), (n != Some(c)).then_some(n))
        };
        if let Some(replacement) = replacement {
            out.push_str(&text[kept..i]);
            if let Some(c) = replacement {
                out.push(c);
            }
            kept = i + len;
        }
        i += len;
    }
    out.push_str(&text[kept..]);
}

/// For each character of U+0600–U+06FF: `None` if it stays, else what it becomes (`Some(None)`:
/// dropped).
fn arabic_block() -> &'static [Option<Option<char>>; 256] {
    static TABLE: std::sync::OnceLock<[Option<Option<char>>; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            let c = char::from_u32(0x600 + k as u32).expect("U+0600..U+06FF are chars");
            let n = normalize_char(c);
            (n != Some(c)).then_some(n)
        })
    })
}

/// The complete normal form of `text`: every rule, including [`unify_letters`].
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    unify_letters(&out).into_owned()
}

/// Unifies teh marbuta and alef maqsura: `ة` → `ه`, `ى` → `ي`; borrows when there is neither.
pub fn unify_letters(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['ة', 'ى']) {
        std::borrow::Cow::Owned(
            token
                .chars()
                .map(|c| match c {
                    'ة' => 'ه',
                    'ى' => 'ي',
                    _ => c,
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// The normalised form of one character; `None` drops it.
#[inline]
pub fn normalize_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(match c {
            '#' | '_' => ' ',
            _ => c,
        });
    }
    Some(match c {
        // Harakat, tanween, shadda, sukun, maddah/hamza marks, small letters, dagger alef.
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => return None,
        // Quranic annotation marks.
        '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}' => return None,
        // Tatweel (kashida).
        '\u{0640}' => return None,
        // Zero-width joiners and marks that split words invisibly.
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ی' | 'ې' | 'ے' => 'ي',
        'ۀ' | 'ە' => 'ة',
        'ہ' => 'ه',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        // Full-width number sign and low line, as in some scraped hashtags.
        '＃' | '＿' => ' ',
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::{normalize, normalize_char, normalize_into};

    #[test]
    fn strips_harakat_tanween_shadda_sukun_and_dagger_alef() {
        assert_eq!(normalize("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize("كِتَابًا"), "كتابا");
        assert_eq!(normalize("قُلْ"), "قل");
        assert_eq!(normalize("هٰذا"), "هذا");
    }

    #[test]
    fn strips_tatweel() {
        assert_eq!(normalize("العقـــوبات"), "العقوبات");
    }

    #[test]
    fn unifies_alef_forms_yeh_and_teh_marbuta() {
        assert_eq!(
            normalize("أمريكا إيران آسيا ٱلله"),
            "امريكا ايران اسيا الله"
        );
        assert_eq!(normalize("موسى"), "موسي");
        assert_eq!(normalize("منظمة"), "منظمه");
    }

    #[test]
    fn maps_persian_letter_forms() {
        // Persian yeh and keheh, as in scraped names: "روحانی", "کرمان".
        assert_eq!(normalize("روحانی"), "روحاني");
        assert_eq!(normalize("کرمان"), "كرمان");
    }

    #[test]
    fn maps_arabic_indic_and_persian_digits() {
        assert_eq!(normalize("٢٠١٨"), "2018");
        assert_eq!(normalize("۱۴۰۲"), "1402");
    }

    #[test]
    fn splits_hashtags_into_words() {
        assert_eq!(normalize("#حسن_روحاني"), " حسن روحاني");
    }

    /// The byte-level pass gives what applying [`normalize_char`] to each character gives.
    #[test]
    fn byte_pass_equals_the_character_rules() {
        let reference = |t: &str| t.chars().filter_map(normalize_char).collect::<String>();
        let pool: Vec<char> =
            "اأإآٱبةىیکۀہ٣۴ـًٌَُِّْٰؐ\u{06D6}\u{06EA}\u{0600}\u{06FF}\u{0700}\u{200C}\u{FEFF}＃＿#_ aZ9é€😀"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(6);
        for _ in 0..20_000 {
            let len = rng.usize(0..16);
            let text: String = (0..len).map(|_| pool[rng.usize(..pool.len())]).collect();
            let mut out = String::new();
            normalize_into(&text, &mut out);
            assert_eq!(out, reference(&text), "{text:?}");
        }
        for k in 0x600..0x700 {
            let text = char::from_u32(k).unwrap().to_string();
            let mut out = String::new();
            normalize_into(&text, &mut out);
            assert_eq!(out, reference(&text), "U+{k:04X}");
        }
    }

    #[test]
    fn leaves_latin_text_alone() {
        assert_eq!(normalize("NATO drills, 2024"), "NATO drills, 2024");
    }
}
