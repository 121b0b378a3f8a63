//! Topic models: the labels an article gets from its TF-IDF row.
//!
//! - Multi-label (the label field holds a list): one binary logistic model per label; a label is
//!   given when its probability reaches the label's threshold, chosen on held-out folds of the
//!   training data to maximise F1. An article may get several labels, or none.
//! - Multi-class (the label field holds one string): one multinomial logistic model; the most
//!   probable label is given, exactly one per article.

pub mod logistic;
pub mod thresholds;

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa::ParamGuard;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::{evaluate, Evaluation};
use crate::tfidf::{CsrMatrix, RowView};
use logistic::{sigmoid, LinearModel, LogisticParams, ValidLogisticParams};

/// Whether articles take any number of labels or exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicKind {
    /// Zero or more labels per article; one binary model per label.
    MultiLabel,
    /// Exactly one label per article; one multinomial model.
    MultiClass,
}

/// The gold labels of a training or evaluation set.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Multi-label or multi-class.
    pub kind: TopicKind,
    /// Label names, sorted.
    pub labels: Vec<String>,
    /// Per document, the indices of its labels.
    pub doc_labels: Vec<Vec<usize>>,
}

impl Gold {
    /// Number of documents carrying each label.
    pub fn counts(&self) -> Vec<u64> {
        let mut c = vec![0u64; self.labels.len()];
        for d in &self.doc_labels {
            for &l in d {
                c[l] += 1;
            }
        }
        c
    }
}

/// Hyper-parameters of the topic models. Stored in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicSettings {
    /// Inverse regularisation strength (scikit-learn's `C`); the L2 weight is `1 / c`.
    pub c: f64,
    /// Most L-BFGS iterations per model.
    pub max_iterations: u64,
    /// L-BFGS gradient-norm tolerance.
    pub gradient_tolerance: f64,
    /// Held-out folds for thresholds and metrics (0: no thresholds, 0.5 for every label).
    pub folds: u32,
}

impl Default for TopicSettings {
    fn default() -> Self {
        TopicSettings {
            c: 20.0,
            max_iterations: 300,
            gradient_tolerance: 1e-3,
            folds: 5,
        }
    }
}

impl TopicSettings {
    fn logistic(&self) -> Result<ValidLogisticParams> {
        if !(self.c.is_finite() && self.c > 0.0) {
            return Err(Error::Settings(format!("C must be > 0, got {}", self.c)));
        }
        if self.folds == 1 {
            return Err(Error::Settings(
                "folds must be 0 (none) or at least 2".into(),
            ));
        }
        LogisticParams::default()
            .alpha(1.0 / self.c)
            .max_iterations(self.max_iterations)
            .gradient_tolerance(self.gradient_tolerance)
            .check()
    }
}

/// Trained topic models: what the model file stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicModel {
    /// Multi-label or multi-class.
    pub kind: TopicKind,
    /// Label names.
    pub labels: Vec<String>,
    /// Number of input features.
    pub n_features: u32,
    /// Weights, feature-major: `weights[j * labels.len() + k]`.
    pub weights: Vec<f32>,
    /// One intercept per label.
    pub intercepts: Vec<f32>,
    /// Multi-label: one decision threshold per label. Multi-class: empty.
    pub thresholds: Vec<f32>,
}

/// What held-out evaluation during training found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldOut {
    /// Number of folds.
    pub folds: u32,
    /// Metrics of the out-of-fold predictions (with the chosen thresholds).
    pub evaluation: Evaluation,
}

impl TopicModel {
    /// Checks internal consistency (used after loading a file).
    pub fn validate(&self) -> std::result::Result<(), String> {
        let k = self.labels.len();
        if k == 0 {
            return Err("the model has no labels".into());
        }
        if self.kind == TopicKind::MultiClass && k < 2 {
            return Err("a multi-class model needs at least two labels".into());
        }
        if self.labels.iter().any(|l| l.is_empty()) {
            return Err("a label name is empty".into());
        }
        let mut names: Vec<&String> = self.labels.iter().collect();
        names.sort();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return Err("a label name is repeated".into());
        }
        let expected = (self.n_features as usize).checked_mul(k);
        if expected != Some(self.weights.len()) {
            return Err(format!(
                "{} weights for {} features × {} labels",
                self.weights.len(),
                self.n_features,
                k
            ));
        }
        if self.intercepts.len() != k {
            return Err(format!(
                "{} intercepts for {} labels",
                self.intercepts.len(),
                k
            ));
        }
        let want_thresholds = if self.kind == TopicKind::MultiLabel {
            k
        } else {
            0
        };
        if self.thresholds.len() != want_thresholds {
            return Err(format!(
                "{} thresholds for {} labels",
                self.thresholds.len(),
                k
            ));
        }
        if self
            .weights
            .iter()
            .chain(&self.intercepts)
            .any(|v| !v.is_finite())
        {
            return Err("non-finite weights".into());
        }
        if self.thresholds.iter().any(|t| !(0.0..=1.0).contains(t)) {
            return Err("thresholds outside [0, 1]".into());
        }
        Ok(())
    }

    /// The probability of each label for one row.
    pub fn scores(&self, row: RowView<'_>) -> Vec<f64> {
        let k = self.labels.len();
        let mut z: Vec<f64> = self.intercepts.iter().map(|&b| f64::from(b)).collect();
        for (&j, &v) in row.indices.iter().zip(row.values) {
            let j = j as usize;
            if j >= self.n_features as usize {
                continue;
            }
            let v = f64::from(v);
            for (zk, &w) in z.iter_mut().zip(&self.weights[j * k..(j + 1) * k]) {
                *zk += v * f64::from(w);
            }
        }
        match self.kind {
            TopicKind::MultiLabel => z.into_iter().map(sigmoid).collect(),
            TopicKind::MultiClass => softmax(&z),
        }
    }

    /// The decision threshold of label `k` (multi-label models only).
    pub fn threshold(&self, k: usize) -> Option<f32> {
        self.thresholds.get(k).copied()
    }

    /// The labels (indices) given for `scores`.
    pub fn decide(&self, scores: &[f64]) -> Vec<usize> {
        match self.kind {
            TopicKind::MultiLabel => (0..scores.len())
                .filter(|&k| scores[k] >= f64::from(self.thresholds[k]))
                .collect(),
            TopicKind::MultiClass => vec![argmax(scores)],
        }
    }

    /// The `n` terms (columns) with the largest weights for label `k`.
    pub fn strongest_features(&self, k: usize, n: usize) -> Vec<(usize, f32)> {
        let nl = self.labels.len();
        let mut w: Vec<(usize, f32)> = (0..self.n_features as usize)
            .map(|j| (j, self.weights[j * nl + k]))
            .collect();
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        w.truncate(n);
        w
    }
}

fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let s: f64 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

fn argmax(v: &[f64]) -> usize {
    (0..v.len())
        .max_by(|&a, &b| v[a].total_cmp(&v[b]).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Trains the topic models on the rows `x` with gold labels `gold`.
///
/// With `settings.folds >= 2`, the rows are split round-robin into folds; models trained on all
/// folds but one score the one left out, and those out-of-fold scores choose each label's
/// threshold and give the held-out metrics. The final models are then trained on all rows.
/// `progress` is called once per model fitted.
pub fn train(
    x: &CsrMatrix,
    gold: &Gold,
    settings: &TopicSettings,
    progress: &(dyn Fn() + Sync),
) -> Result<(TopicModel, Option<HeldOut>)> {
    let params = settings.logistic()?;
    let n = x.n_rows();
    if n != gold.doc_labels.len() {
        return Err(Error::Training(format!(
            "{} rows but {} label sets",
            n,
            gold.doc_labels.len()
        )));
    }
    let counts = gold.counts();
    for (l, &c) in gold.labels.iter().zip(&counts) {
        if c == 0 || (gold.kind == TopicKind::MultiLabel && c as usize == n) {
            return Err(Error::Training(format!(
                "label '{l}' is on {c} of {n} documents: a model needs examples with and without it"
            )));
        }
    }
    let folds = settings.folds as usize;
    if folds > n {
        return Err(Error::Training(format!(
            "{folds} folds but only {n} documents"
        )));
    }
    let all: Vec<usize> = (0..n).collect();
    // Out-of-fold scores, one Vec per fold (fold f holds rows i with i % folds == f).
    let fold_scores: Vec<(Vec<usize>, Vec<Vec<f64>>)> = (0..folds)
        .into_par_iter()
        .map(|f| {
            let (held, kept): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % folds == f);
            let model = fit(&params, &x.select_rows(&kept), gold, &kept, progress)?;
            let scores = held.iter().map(|&i| model.scores(x.row(i))).collect();
            Ok((held, scores))
        })
        .collect::<Result<_>>()?;
    let mut model = fit(&params, x, gold, &all, progress)?;
    let held_out = if folds >= 2 {
        let mut oof = vec![Vec::new(); n];
        for (rows, scores) in fold_scores {
            for (i, s) in rows.into_iter().zip(scores) {
                oof[i] = s;
            }
        }
        if model.kind == TopicKind::MultiLabel {
            model.thresholds = (0..model.labels.len())
                .map(|k| {
                    let s: Vec<f64> = oof.iter().map(|s| s[k]).collect();
                    let g: Vec<bool> = gold.doc_labels.iter().map(|d| d.contains(&k)).collect();
                    thresholds::best_f1_threshold(&s, &g) as f32
                })
                .collect();
        }
        let predicted: Vec<Vec<usize>> = oof.iter().map(|s| model.decide(s)).collect();
        Some(HeldOut {
            folds: settings.folds,
            evaluation: evaluate(
                &gold.labels,
                &gold.doc_labels,
                &predicted,
                gold.kind == TopicKind::MultiClass,
            ),
        })
    } else {
        None
    };
    Ok((model, held_out))
}

/// Fits the models on the rows of `x` (which are the documents `docs` of `gold`).
fn fit(
    params: &ValidLogisticParams,
    x: &CsrMatrix,
    gold: &Gold,
    docs: &[usize],
    progress: &(dyn Fn() + Sync),
) -> Result<TopicModel> {
    let k = gold.labels.len();
    let nf = x.n_cols();
    let linear: Vec<LinearModel> = match gold.kind {
        TopicKind::MultiLabel => (0..k)
            .into_par_iter()
            .map(|l| {
                let y: Array1<bool> = docs
                    .iter()
                    .map(|&d| gold.doc_labels[d].contains(&l))
                    .collect();
                if y.iter().all(|&v| v) || !y.iter().any(|&v| v) {
                    return Err(Error::Training(format!(
                        "label '{}' has no {} example in a training fold; use fewer folds or more data",
                        gold.labels[l],
                        if y.iter().any(|&v| v) { "negative" } else { "positive" }
                    )));
                }
                let m = params.fit(&DatasetBase::new(x, y))?;
                progress();
                Ok(m)
            })
            .collect::<Result<_>>()?,
        TopicKind::MultiClass => {
            let y: Array1<usize> = docs.iter().map(|&d| gold.doc_labels[d][0]).collect();
            let m = params.fit(&DatasetBase::new(x, y))?;
            progress();
            vec![m]
        }
    };
    let mut weights = vec![0f32; nf * k];
    let mut intercepts = vec![0f32; k];
    match gold.kind {
        TopicKind::MultiLabel => {
            for (l, m) in linear.iter().enumerate() {
                for j in 0..nf {
                    weights[j * k + l] = m.weights[j] as f32;
                }
                intercepts[l] = m.intercepts[0] as f32;
            }
        }
        TopicKind::MultiClass => {
            let m = &linear[0];
            // A class absent from these rows gets no output column from the fit.
            for j in 0..nf {
                for l in 0..m.n_outputs {
                    weights[j * k + l] = m.weights[j * m.n_outputs + l] as f32;
                }
            }
            for (l, b) in intercepts.iter_mut().enumerate() {
                *b = m.intercepts.get(l).map_or(-1e3, |&b| b as f32);
            }
        }
    }
    Ok(TopicModel {
        kind: gold.kind,
        labels: gold.labels.clone(),
        n_features: nf as u32,
        weights,
        intercepts,
        thresholds: if gold.kind == TopicKind::MultiLabel {
            vec![0.5; k]
        } else {
            Vec::new()
        },
    })
}
