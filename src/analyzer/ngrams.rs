//! Word n-grams: joins consecutive tokens with a space (`n_min..=n_max`).

/// Calls `emit` for every n-gram of `tokens` with `n` in `n_min..=n_max`, in order of position;
/// `buf` is scratch space reused between n-grams.
pub fn for_each_ngram(
    tokens: &[String],
    n_min: usize,
    n_max: usize,
    buf: &mut String,
    emit: &mut impl FnMut(&str),
) {
    for start in 0..tokens.len() {
        for n in n_min..=n_max {
            let end = start + n;
            if end > tokens.len() {
                break;
            }
            if n == 1 {
                emit(&tokens[start]);
                continue;
            }
            buf.clear();
            for (i, t) in tokens[start..end].iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(t);
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
        let toks: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let mut got = Vec::new();
        for_each_ngram(&toks, 1, 2, &mut String::new(), &mut |t| {
            got.push(t.to_string())
        });
        assert_eq!(got, ["a", "a b", "b", "b c", "c"]);
        got.clear();
        for_each_ngram(&toks, 2, 3, &mut String::new(), &mut |t| {
            got.push(t.to_string())
        });
        assert_eq!(got, ["a b", "a b c", "b c"]);
    }
}
