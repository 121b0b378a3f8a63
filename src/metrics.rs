//! Scores predictions against gold labels: accuracy, micro and macro precision/recall/F1,
//! per-label figures and, for multi-class models, a confusion matrix.

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelScores {
    /// The label.
    pub label: String,
    /// tp / (tp + fp); 0 when nothing was predicted.
    pub precision: f64,
    /// tp / (tp + fn); 0 when there is no gold positive.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Number of gold positives.
    pub support: u64,
    /// Number of predicted positives.
    pub predicted: u64,
}

/// The full evaluation of a set of predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Documents evaluated.
    pub documents: u64,
    /// Fraction of documents whose predicted label set equals the gold set exactly.
    pub accuracy: f64,
    /// Micro-averaged precision.
    pub micro_precision: f64,
    /// Micro-averaged recall.
    pub micro_recall: f64,
    /// Micro-averaged F1.
    pub micro_f1: f64,
    /// Macro-averaged precision.
    pub macro_precision: f64,
    /// Macro-averaged recall.
    pub macro_recall: f64,
    /// Macro-averaged F1 (mean of per-label F1).
    pub macro_f1: f64,
    /// Per-label figures, in the model's label order.
    pub per_label: Vec<LabelScores>,
    /// Multi-class only: `confusion[gold][predicted]` counts.
    pub confusion: Option<Vec<Vec<u64>>>,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores `predicted` label sets against `gold` ones (label indices into `labels`).
///
/// With `multiclass`, every document has exactly one gold and one predicted label and a confusion
/// matrix is included.
pub fn evaluate(
    labels: &[String],
    gold: &[Vec<usize>],
    predicted: &[Vec<usize>],
    multiclass: bool,
) -> Evaluation {
    assert_eq!(gold.len(), predicted.len(), "one prediction per document");
    let n = labels.len();
    let (mut tp, mut fp, mut fn_) = (vec![0u64; n], vec![0u64; n], vec![0u64; n]);
    let mut exact = 0u64;
    let mut confusion = multiclass.then(|| vec![vec![0u64; n]; n]);
    for (g, p) in gold.iter().zip(predicted) {
        let mut gs = g.clone();
        let mut ps = p.clone();
        gs.sort_unstable();
        gs.dedup();
        ps.sort_unstable();
        ps.dedup();
        if gs == ps {
            exact += 1;
        }
        for l in 0..n {
            match (gs.contains(&l), ps.contains(&l)) {
                (true, true) => tp[l] += 1,
                (false, true) => fp[l] += 1,
                (true, false) => fn_[l] += 1,
                (false, false) => {}
            }
        }
        if let (Some(c), Some(&gi), Some(&pi)) = (confusion.as_mut(), gs.first(), ps.first()) {
            c[gi][pi] += 1;
        }
    }
    let per_label: Vec<LabelScores> = (0..n)
        .map(|l| {
            let p = ratio(tp[l], tp[l] + fp[l]);
            let r = ratio(tp[l], tp[l] + fn_[l]);
            LabelScores {
                label: labels[l].clone(),
                precision: p,
                recall: r,
                f1: f1(p, r),
                support: tp[l] + fn_[l],
                predicted: tp[l] + fp[l],
            }
        })
        .collect();
    let (stp, sfp, sfn) = (
        tp.iter().sum::<u64>(),
        fp.iter().sum::<u64>(),
        fn_.iter().sum::<u64>(),
    );
    let micro_precision = ratio(stp, stp + sfp);
    let micro_recall = ratio(stp, stp + sfn);
    let mean = |f: fn(&LabelScores) -> f64| {
        if n == 0 {
            0.0
        } else {
            per_label.iter().map(f).sum::<f64>() / n as f64
        }
    };
    Evaluation {
        documents: gold.len() as u64,
        accuracy: ratio(exact, gold.len() as u64),
        micro_precision,
        micro_recall,
        micro_f1: f1(micro_precision, micro_recall),
        macro_precision: mean(|s| s.precision),
        macro_recall: mean(|s| s.recall),
        macro_f1: mean(|s| s.f1),
        per_label,
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multilabel_figures_match_hand_counts() {
        let labels: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let gold = vec![vec![0], vec![0, 1], vec![], vec![1]];
        let pred = vec![vec![0], vec![0], vec![1], vec![1]];
        let e = evaluate(&labels, &gold, &pred, false);
        // a: tp 2 fp 0 fn 0; b: tp 1 fp 1 fn 1.
        assert_eq!(e.per_label[0].f1, 1.0);
        assert!((e.per_label[1].f1 - 0.5).abs() < 1e-12);
        assert!((e.macro_f1 - 0.75).abs() < 1e-12);
        assert!((e.micro_f1 - 0.75).abs() < 1e-12); // tp 3, fp 1, fn 1
        assert_eq!(e.accuracy, 0.5);
        assert!(e.confusion.is_none());
    }

    #[test]
    fn multiclass_has_a_confusion_matrix() {
        let labels: Vec<String> = ["x", "y"].iter().map(|s| s.to_string()).collect();
        let e = evaluate(
            &labels,
            &[vec![0], vec![1], vec![1]],
            &[vec![0], vec![0], vec![1]],
            true,
        );
        assert_eq!(e.confusion, Some(vec![vec![1, 0], vec![1, 1]]));
        assert!((e.accuracy - 2.0 / 3.0).abs() < 1e-12);
    }
}
