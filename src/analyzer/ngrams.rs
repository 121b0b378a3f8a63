//! Word n-grams: joins consecutive tokens with a space (`n_min..=n_max`).

/// Calls `emit` for every n-gram with `n` in `n_min..=n_max`, in order of position. The tokens
/// are `text[a..b]` for each `(a, b)` of `spans`; `buf` is scratch space reused between n-grams.
pub fn for_each_ngram(
    text: &str,
    spans: &[(usize, usize)],
    n_min: usize,
    n_max: usize,
    buf: &mut String,
    emit: &mut impl FnMut(&str),
) {
    for start in 0..spans.len() {
        for n in n_min..=n_max {
            let end = start + n;
            if end > spans.len() {
                break;
            }
            if n == 1 {
                let (a, b) = spans[start];
                emit(&text[a..b]);
                continue;
            }
            buf.clear();
            for (i, &(a, b)) in spans[start..end].iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(&text[a..b]);
            }
            emit(buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::for_each_ngram;

    #[test]
    fn emits_unigrams_and_bigrams_in_order() {
        let (text, spans) = ("abc", [(0, 1), (1, 2), (2, 3)]);
        let mut got: Vec<String> = Vec::new();
        let mut push = |t: &str| got.push(t.to_string());
        for_each_ngram(text, &spans, 1, 2, &mut String::new(), &mut push);
        assert_eq!(got, ["a", "a b", "b", "b c", "c"]);
        let mut got: Vec<String> = Vec::new();
        let mut push = |t: &str| got.push(t.to_string());
        for_each_ngram(text, &spans, 2, 3, &mut String::new(), &mut push);
        assert_eq!(got, ["a b", "a b c", "b c"]);
    }
}
