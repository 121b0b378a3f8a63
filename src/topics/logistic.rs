//! L2-regularised logistic regression over sparse rows, binary and multinomial.
//!
//! The objective is linfa-logistic's, `Σᵢ logloss(xᵢ) + α/2 ‖W‖²` (intercepts not penalised),
//! minimised the way linfa-logistic does it: argmin's L-BFGS (memory 10) with a Moré–Thuente line
//! search. linfa-logistic itself needs a dense matrix (25k × 200k features would be 40 GB); here
//! the data stay sparse and the products run in parallel over fixed row blocks, so the sums — and
//! the trained model — do not depend on the number of threads.
//!
//! Hyper-parameters follow linfa's pattern: [`LogisticParams`] is checked into
//! [`ValidLogisticParams`] (`linfa::ParamGuard`), which implements `linfa::traits::Fit`.

use std::sync::Mutex;

use argmin::core::{CostFunction, Executor, Gradient};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa::ParamGuard;
use ndarray::Array1;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::tfidf::{CsrMatrix, RowView};

/// Unchecked hyper-parameters of a logistic model.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticParams(ValidLogisticParams);

/// Checked hyper-parameters of a logistic model.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLogisticParams {
    alpha: f64,
    max_iterations: u64,
    gradient_tolerance: f64,
}

impl Default for LogisticParams {
    fn default() -> Self {
        LogisticParams(ValidLogisticParams {
            alpha: 0.1,
            max_iterations: 200,
            gradient_tolerance: 1e-4,
        })
    }
}

impl LogisticParams {
    /// Weight of the L2 penalty (`1 / C` in scikit-learn's terms).
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.0.alpha = alpha;
        self
    }

    /// Most L-BFGS iterations.
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.0.max_iterations = n;
        self
    }

    /// Stop when the gradient's norm falls below this.
    pub fn gradient_tolerance(mut self, tol: f64) -> Self {
        self.0.gradient_tolerance = tol;
        self
    }
}

impl ValidLogisticParams {
    /// The L2 penalty weight.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
}

impl ParamGuard for LogisticParams {
    type Checked = ValidLogisticParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&ValidLogisticParams> {
        let p = &self.0;
        if !(p.alpha.is_finite() && p.alpha >= 0.0) {
            return Err(Error::Settings(format!(
                "regularisation alpha must be finite and >= 0, got {}",
                p.alpha
            )));
        }
        if !(p.gradient_tolerance.is_finite() && p.gradient_tolerance > 0.0) {
            return Err(Error::Settings(format!(
                "gradient tolerance must be finite and > 0, got {}",
                p.gradient_tolerance
            )));
        }
        if p.max_iterations == 0 {
            return Err(Error::Settings("max_iterations must be at least 1".into()));
        }
        Ok(p)
    }

    fn check(self) -> Result<ValidLogisticParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted linear model: `z = Wᵀx + b` with one output per class (one for a binary model).
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// Number of input features.
    pub n_features: usize,
    /// Number of outputs.
    pub n_outputs: usize,
    /// Weights, feature-major: `weights[j * n_outputs + k]`.
    pub weights: Vec<f64>,
    /// One intercept per output.
    pub intercepts: Vec<f64>,
    /// L-BFGS iterations run.
    pub iterations: u64,
    /// Objective value reached.
    pub objective: f64,
}

impl LinearModel {
    /// The decision values of one row.
    pub fn decision(&self, row: RowView<'_>) -> Vec<f64> {
        let k = self.n_outputs;
        let mut z = self.intercepts.clone();
        for (j, v) in row.iter() {
            for (zk, w) in z.iter_mut().zip(&self.weights[j * k..(j + 1) * k]) {
                *zk += v * w;
            }
        }
        z
    }
}

/// Binary targets: `true` for the positive class.
pub type BinaryTargets = Array1<bool>;
/// Multinomial targets: the class index of each row (classes `0..=max`).
pub type ClassTargets = Array1<usize>;

impl<'a> Fit<&'a CsrMatrix, BinaryTargets, Error> for ValidLogisticParams {
    type Object = LinearModel;

    fn fit(&self, dataset: &DatasetBase<&'a CsrMatrix, BinaryTargets>) -> Result<LinearModel> {
        let y = dataset.targets();
        check_rows(dataset.records(), y.len())?;
        let targets = Targets::Binary(y.to_vec());
        minimise(self, dataset.records(), targets)
    }
}

impl<'a> Fit<&'a CsrMatrix, ClassTargets, Error> for ValidLogisticParams {
    type Object = LinearModel;

    fn fit(&self, dataset: &DatasetBase<&'a CsrMatrix, ClassTargets>) -> Result<LinearModel> {
        let y = dataset.targets();
        check_rows(dataset.records(), y.len())?;
        let n_classes = y.iter().max().map_or(0, |m| m + 1);
        if n_classes < 2 {
            return Err(Error::Training(
                "a multinomial model needs at least two classes".into(),
            ));
        }
        minimise(
            self,
            dataset.records(),
            Targets::Classes(y.to_vec(), n_classes),
        )
    }
}

fn check_rows(x: &CsrMatrix, n_targets: usize) -> Result<()> {
    if x.n_rows() != n_targets {
        return Err(Error::Training(format!(
            "{} rows but {} targets",
            x.n_rows(),
            n_targets
        )));
    }
    if x.n_rows() == 0 {
        return Err(Error::Training("no training rows".into()));
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Targets {
    Binary(Vec<bool>),
    Classes(Vec<usize>, usize),
}

impl Targets {
    fn n_outputs(&self) -> usize {
        match self {
            Targets::Binary(_) => 1,
            Targets::Classes(_, k) => *k,
        }
    }
}

/// Rows per block of the parallel products; fixed so that sums are reproducible.
const ROW_BLOCK: usize = 512;
/// Memory for the L-BFGS history (pairs of parameter-sized vectors).
const HISTORY_BUDGET_BYTES: usize = 96 << 20;

/// L-BFGS history pairs for `n_params` parameters: linfa-logistic's 10 while they fit in
/// [`HISTORY_BUDGET_BYTES`], fewer (at least 3) for large models. On the ANT benchmark (1.2M
/// parameters, 5 pairs) this cuts peak memory by ~90 MB at the same accuracy.
fn history_size(n_params: usize) -> usize {
    (HISTORY_BUDGET_BYTES / (2 * 8 * n_params.max(1))).clamp(3, 10)
}

/// Features per block of the parallel gradient.
const FEATURE_BLOCK: usize = 1024;

/// The optimisation problem handed to argmin.
struct Problem<'a> {
    x: &'a CsrMatrix,
    /// `xᵀ`, built once: the gradient `Xᵀ R` reads it column by column.
    xt: CsrMatrix,
    targets: Targets,
    alpha: f64,
    /// Loss and per-row residuals at the last point evaluated: argmin asks for the cost and the
    /// gradient at the same point one after the other.
    cache: Mutex<Option<Evaluated>>,
}

struct Evaluated {
    /// Fingerprint of the point (a hash of its bits: a copy would cost a parameter vector).
    param: u64,
    loss: f64,
    residuals: Vec<f64>,
}

impl Problem<'_> {
    fn n_outputs(&self) -> usize {
        self.targets.n_outputs()
    }

    /// Data loss and residuals `∂loss/∂zᵢₖ` at `w`, computed in fixed row blocks.
    fn evaluate(&self, w: &Array1<f64>) -> (f64, Vec<f64>) {
        let k = self.n_outputs();
        let nf = self.x.n_cols();
        let (weights, intercepts) = w.as_slice().expect("contiguous").split_at(nf * k);
        // The rows are f32; reading the weights as f32 too halves the memory traffic of this
        // random-access product (sums stay in f64).
        let weights: Vec<f32> = weights.iter().map(|&v| v as f32).collect();
        let n = self.x.n_rows();
        let blocks: Vec<(f64, Vec<f64>)> = (0..n.div_ceil(ROW_BLOCK))
            .into_par_iter()
            .map(|b| {
                let rows = b * ROW_BLOCK..((b + 1) * ROW_BLOCK).min(n);
                let mut loss = 0.0;
                let mut res = Vec::with_capacity(rows.len() * k);
                let mut z = vec![0.0; k];
                for i in rows {
                    z.copy_from_slice(intercepts);
                    let row = self.x.row(i);
                    for (&j, &v) in row.indices.iter().zip(row.values) {
                        let j = j as usize;
                        for (zk, &wk) in z.iter_mut().zip(&weights[j * k..(j + 1) * k]) {
                            *zk += f64::from(v * wk);
                        }
                    }
                    match &self.targets {
                        Targets::Binary(y) => {
                            let (sign, target) = if y[i] { (1.0, 1.0) } else { (-1.0, 0.0) };
                            loss += softplus(-sign * z[0]);
                            res.push(sigmoid(z[0]) - target);
                        }
                        Targets::Classes(y, _) => {
                            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
                            let lse = max + sum.ln();
                            loss += lse - z[y[i]];
                            for (c, zc) in z.iter().enumerate() {
                                let p = (zc - lse).exp();
                                res.push(p - if c == y[i] { 1.0 } else { 0.0 });
                            }
                        }
                    }
                }
                (loss, res)
            })
            .collect();
        let mut loss = 0.0;
        let mut residuals = Vec::with_capacity(n * k);
        for (l, r) in blocks {
            loss += l;
            residuals.extend(r);
        }
        (loss, residuals)
    }

    fn evaluated<T>(&self, w: &Array1<f64>, f: impl FnOnce(&Evaluated) -> T) -> T {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let point = fingerprint(w);
        if cache.as_ref().is_none_or(|c| c.param != point) {
            let (loss, residuals) = self.evaluate(w);
            *cache = Some(Evaluated {
                param: point,
                loss,
                residuals,
            });
        }
        f(cache.as_ref().expect("just filled"))
    }

    /// The objective is minimised per document (`1/n` times the sum): the optimum is the same,
    /// and the gradient tolerance means the same whatever the corpus size.
    fn scale(&self) -> f64 {
        1.0 / self.x.n_rows() as f64
    }

    fn penalty(&self, w: &Array1<f64>) -> f64 {
        let nf = self.x.n_cols() * self.n_outputs();
        0.5 * self.alpha * w.iter().take(nf).map(|v| v * v).sum::<f64>()
    }
}

impl CostFunction for Problem<'_> {
    type Param = Array1<f64>;
    type Output = f64;

    fn cost(&self, w: &Array1<f64>) -> std::result::Result<f64, argmin::core::Error> {
        Ok((self.evaluated(w, |e| e.loss) + self.penalty(w)) * self.scale())
    }
}

impl Gradient for Problem<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;

    fn gradient(&self, w: &Array1<f64>) -> std::result::Result<Array1<f64>, argmin::core::Error> {
        let k = self.n_outputs();
        let nf = self.x.n_cols();
        let grad = self.evaluated(w, |e| {
            // Xᵀ R, one feature at a time (each a sequential sum: reproducible), in parallel.
            let mut g = Array1::zeros((nf + 1) * k);
            let gs = g.as_slice_mut().expect("contiguous");
            let (features, intercepts) = gs.split_at_mut(nf * k);
            features
                .par_chunks_mut(k * FEATURE_BLOCK)
                .enumerate()
                .for_each(|(b, block)| {
                    for (jj, gj) in block.chunks_mut(k).enumerate() {
                        let j = b * FEATURE_BLOCK + jj;
                        for (i, v) in self.xt.row(j).iter() {
                            for (gk, rk) in gj.iter_mut().zip(&e.residuals[i * k..(i + 1) * k]) {
                                *gk += v * rk;
                            }
                        }
                    }
                });
            for r in e.residuals.chunks(k) {
                for (gk, rk) in intercepts.iter_mut().zip(r) {
                    *gk += rk;
                }
            }
            g
        });
        let mut grad = grad;
        grad.iter_mut()
            .zip(w.iter())
            .take(nf * k)
            .for_each(|(g, wj)| *g += self.alpha * wj);
        grad *= self.scale();
        Ok(grad)
    }
}

fn minimise(params: &ValidLogisticParams, x: &CsrMatrix, targets: Targets) -> Result<LinearModel> {
    let k = targets.n_outputs();
    let nf = x.n_cols();
    let problem = Problem {
        x,
        xt: x.transpose(),
        targets,
        alpha: params.alpha,
        cache: Mutex::new(None),
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), history_size((nf + 1) * k))
        .with_tolerance_grad(params.gradient_tolerance)
        .map_err(|e| Error::Training(e.to_string()))?;
    let init = Array1::zeros((nf + 1) * k);
    let result = Executor::new(problem, solver)
        .configure(|s| s.param(init).max_iters(params.max_iterations))
        .run()
        .map_err(|e| Error::Training(format!("L-BFGS failed: {e}")))?;
    let state = result.state();
    let best = state
        .best_param
        .as_ref()
        .or(state.param.as_ref())
        .ok_or_else(|| Error::Training("L-BFGS returned no parameters".into()))?;
    if best.iter().any(|v| !v.is_finite()) {
        return Err(Error::Training(
            "L-BFGS diverged (non-finite weights)".into(),
        ));
    }
    let w = best.as_slice().expect("contiguous");
    Ok(LinearModel {
        n_features: nf,
        n_outputs: k,
        weights: w[..nf * k].to_vec(),
        intercepts: w[nf * k..].to_vec(),
        iterations: state.iter,
        objective: state.best_cost * x.n_rows() as f64,
    })
}

/// A 64-bit hash of the bits of `w`.
fn fingerprint(w: &Array1<f64>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    w.len().hash(&mut h);
    for v in w {
        v.to_bits().hash(&mut h);
    }
    h.finish()
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + eᶻ)` without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// The objective `Σ logloss + α/2 ‖W‖²` of a binary model at `(weights, intercept)`, for checks.
pub fn binary_objective(
    x: &CsrMatrix,
    y: &[bool],
    alpha: f64,
    weights: &[f64],
    intercept: f64,
) -> f64 {
    let mut loss = 0.0;
    for (i, &yi) in y.iter().enumerate() {
        let z = intercept + x.row(i).iter().map(|(j, v)| v * weights[j]).sum::<f64>();
        loss += softplus(if yi { -z } else { z });
    }
    loss + 0.5 * alpha * weights.iter().map(|w| w * w).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfidf::SparseRow;

    fn toy() -> (CsrMatrix, Vec<bool>) {
        // Two informative features, one noise feature; rows are L2-normalised.
        let raw = [
            ([1.0, 0.1, 0.3], true),
            ([0.9, 0.0, 0.5], true),
            ([0.8, 0.3, 0.1], true),
            ([0.2, 0.9, 0.4], false),
            ([0.1, 1.0, 0.2], false),
            ([0.0, 0.8, 0.6], false),
            ([0.6, 0.5, 0.3], true),
            ([0.4, 0.6, 0.2], false),
        ];
        let rows: Vec<SparseRow> = raw
            .iter()
            .map(|(r, _)| {
                let n = r.iter().map(|v: &f64| v * v).sum::<f64>().sqrt();
                SparseRow {
                    indices: (0..3).collect(),
                    values: r.iter().map(|v| (v / n) as f32).collect(),
                }
            })
            .collect();
        (
            CsrMatrix::from_rows(3, rows.iter().map(|r| r.view())),
            raw.iter().map(|r| r.1).collect(),
        )
    }

    #[test]
    fn reaches_linfa_logistic_optimum_on_a_dense_problem() {
        let (x, y) = toy();
        for alpha in [0.1, 1.0] {
            let ours = LogisticParams::default()
                .alpha(alpha)
                .max_iterations(500)
                .gradient_tolerance(1e-8)
                .check()
                .unwrap()
                .fit(&DatasetBase::new(&x, Array1::from(y.clone())))
                .unwrap();
            let dense = x.to_dense();
            let targets: Array1<bool> = Array1::from(y.clone());
            let theirs = linfa_logistic::LogisticRegression::default()
                .alpha(alpha)
                .max_iterations(500)
                .gradient_tolerance(1e-8)
                .fit(&DatasetBase::new(dense, targets))
                .unwrap();
            let their_w: Vec<f64> = theirs.params().to_vec();
            // linfa's positive class is the first one it meets: `true`, in row 0.
            assert!(y[0]);
            let ours_obj = binary_objective(&x, &y, alpha, &ours.weights, ours.intercepts[0]);
            let theirs_obj = binary_objective(&x, &y, alpha, &their_w, theirs.intercept());
            assert!(
                (ours_obj - theirs_obj).abs() < 1e-4,
                "alpha {alpha}: ours {ours_obj} vs linfa {theirs_obj}"
            );
        }
    }

    #[test]
    fn multinomial_separates_three_classes() {
        let rows: Vec<SparseRow> = (0..30)
            .map(|i| SparseRow {
                indices: vec![(i % 3) as u32, 3],
                values: vec![0.9, 0.43],
            })
            .collect();
        let x = CsrMatrix::from_rows(4, rows.iter().map(|r| r.view()));
        let y: Array1<usize> = (0..30).map(|i| i % 3).collect();
        let m = LogisticParams::default()
            .alpha(0.01)
            .check()
            .unwrap()
            .fit(&DatasetBase::new(&x, y))
            .unwrap();
        for i in 0..3 {
            let z = m.decision(x.row(i));
            let best = (0..3).max_by(|&a, &b| z[a].total_cmp(&z[b])).unwrap();
            assert_eq!(best, i);
        }
    }

    #[test]
    fn rejects_invalid_hyper_parameters() {
        assert!(LogisticParams::default().alpha(-1.0).check().is_err());
        assert!(LogisticParams::default().alpha(f64::NAN).check().is_err());
        assert!(LogisticParams::default()
            .gradient_tolerance(0.0)
            .check()
            .is_err());
        assert!(LogisticParams::default().max_iterations(0).check().is_err());
    }
}
