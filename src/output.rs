//! Formatting results for people and programs: one JSON object per article, or a table.

use serde_json::{json, Map, Value};

use crate::corpus::input::Article;
use crate::metrics::Evaluation;
use crate::pipeline::{Pipeline, Prediction};

/// The JSON line of one labelled article:
/// `{["chars",] "id", "labels": [...], "scores": {label: probability}, ["text",] ["title"]}`,
/// keys in alphabetical order, scores rounded to 6 decimals. `text` is included when `show_text`.
pub fn article_json(
    pipeline: &Pipeline,
    article: &Article,
    prediction: &Prediction,
    show_text: bool,
) -> String {
    let labels = pipeline.labels();
    let mut scores: Vec<(&str, f64)> = labels
        .iter()
        .map(String::as_str)
        .zip(prediction.scores.iter().map(|&s| (s * 1e6).round() / 1e6))
        .collect();
    scores.sort_by(|a, b| a.0.cmp(b.0));
    let line = ArticleLine {
        chars: article.chars.map(|(start, end)| [start, end]),
        id: &article.id,
        labels: prediction.labels.iter().map(|&l| &labels[l]).collect(),
        scores: Scores(scores),
        text: show_text.then_some(article.text.as_str()),
        title: article.chars.map(|_| article.title.as_deref()),
    };
    serde_json::to_string(&line).expect("a struct of strings and numbers serialises")
}

/// The fields of [`article_json`], serialised without building a `serde_json::Value`.
#[derive(serde::Serialize)]
struct ArticleLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    chars: Option<[usize; 2]>,
    id: &'a str,
    labels: Vec<&'a String>,
    scores: Scores<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    /// Present (possibly `null`) for articles cut from a page.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Option<&'a str>>,
}

/// Label → score, as a JSON object in the given order.
struct Scores<'a>(Vec<(&'a str, f64)>);

impl serde::Serialize for Scores<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(label, score)| (label, score)))
    }
}

/// One table row: id, labels, and every label's score.
pub fn article_row(pipeline: &Pipeline, article: &Article, prediction: &Prediction) -> String {
    let labels = pipeline.labels();
    let given: Vec<&str> = prediction
        .labels
        .iter()
        .map(|&l| labels[l].as_str())
        .collect();
    let scores: Vec<String> = prediction
        .scores
        .iter()
        .map(|s| format!("{s:.3}"))
        .collect();
    format!(
        "{:<40}  {:<50}  {}",
        truncate(&article.id, 40),
        if given.is_empty() {
            "-".to_string()
        } else {
            given.join(",")
        },
        scores.join("  ")
    )
}

/// The header of the table.
pub fn table_header(pipeline: &Pipeline) -> String {
    let labels: Vec<String> = pipeline.labels().iter().map(|l| truncate(l, 5)).collect();
    format!("{:<40}  {:<50}  {}", "id", "labels", labels.join("  "))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// An evaluation as JSON: `accuracy`, `micro_*`, `macro_*`, `per_label` (keyed by label) and,
/// for multi-class models, `confusion` (`{gold: {predicted: count}}`).
pub fn evaluation_json(e: &Evaluation) -> Value {
    let mut v = serde_json::to_value(e).expect("plain data");
    let per_label: Map<String, Value> = e
        .per_label
        .iter()
        .map(|s| {
            (
                s.label.clone(),
                json!({"precision": s.precision, "recall": s.recall, "f1": s.f1,
                       "support": s.support, "predicted": s.predicted}),
            )
        })
        .collect();
    v["per_label"] = Value::Object(per_label);
    if let Some(c) = &e.confusion {
        let m: Map<String, Value> = e
            .per_label
            .iter()
            .zip(c)
            .map(|(g, row)| {
                let r: Map<String, Value> = e
                    .per_label
                    .iter()
                    .zip(row)
                    .map(|(p, n)| (p.label.clone(), json!(n)))
                    .collect();
                (g.label.clone(), Value::Object(r))
            })
            .collect();
        v["confusion"] = Value::Object(m);
    } else {
        v.as_object_mut().expect("object").remove("confusion");
    }
    v
}

/// An evaluation as a report for people.
pub fn evaluation_report(e: &Evaluation) -> String {
    let mut s = String::new();
    s.push_str(&format!("documents        {}\n", e.documents));
    s.push_str(&format!(
        "accuracy         {:.4}   ({})\n",
        e.accuracy,
        if e.confusion.is_some() {
            "fraction correct"
        } else {
            "exact label set"
        }
    ));
    s.push_str(&format!(
        "micro            P {:.4}  R {:.4}  F1 {:.4}\n",
        e.micro_precision, e.micro_recall, e.micro_f1
    ));
    s.push_str(&format!(
        "macro            P {:.4}  R {:.4}  F1 {:.4}\n\n",
        e.macro_precision, e.macro_recall, e.macro_f1
    ));
    let w = e
        .per_label
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    s.push_str(&format!(
        "{:<w$}  precision  recall      f1  support\n",
        "label"
    ));
    for l in &e.per_label {
        s.push_str(&format!(
            "{:<w$}  {:>9.4}  {:>6.4}  {:>6.4}  {:>7}\n",
            l.label, l.precision, l.recall, l.f1, l.support
        ));
    }
    if let Some(c) = &e.confusion {
        s.push_str("\nconfusion (rows: gold, columns: predicted)\n");
        s.push_str(&format!("{:<w$}", ""));
        for (i, _) in e.per_label.iter().enumerate() {
            s.push_str(&format!("  {:>6}", i));
        }
        s.push('\n');
        for (i, row) in c.iter().enumerate() {
            s.push_str(&format!("{:<w$}", format!("{i} {}", e.per_label[i].label)));
            for n in row {
                s.push_str(&format!("  {n:>6}"));
            }
            s.push('\n');
        }
    }
    s
}
