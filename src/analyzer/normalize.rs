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
pub fn normalize_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    for c in text.chars() {
        if let Some(mapped) = normalize_char(c) {
            out.push(mapped);
        }
    }
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
    use super::normalize;

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

    #[test]
    fn leaves_latin_text_alone() {
        assert_eq!(normalize("NATO drills, 2024"), "NATO drills, 2024");
    }
}
