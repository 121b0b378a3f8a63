//! The whole trained pipeline: analyzer → TF-IDF → topic models, trained and applied as one.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analyzer::{Analyzer, AnalyzerSettings};
use crate::corpus::{Fields, LabelledCorpus};
use crate::error::Result;
use crate::metrics::{evaluate, Evaluation};
use crate::tfidf::{SparseRow, Tfidf, TfidfSettings};
use crate::topics::{self, HeldOut, TopicKind, TopicModel, TopicSettings};

/// Everything `classify train` can set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainSettings {
    /// How text is analysed.
    pub analyzer: AnalyzerSettings,
    /// Vocabulary and weighting.
    pub tfidf: TfidfSettings,
    /// The logistic models and their held-out folds.
    pub topics: TopicSettings,
}

/// What the model file records about its training. No wall-clock time: the same data and
/// settings give the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// `classify` version that trained the model.
    pub tool_version: String,
    /// SHA-256 of the training records (ids, texts, labels).
    pub corpus_sha256: String,
    /// Number of training documents.
    pub documents: u64,
    /// Documents per label.
    pub label_counts: Vec<(String, u64)>,
    /// The fields the corpus was read with.
    pub fields: Fields,
    /// The topic-model settings.
    pub topics: TopicSettings,
    /// Out-of-fold evaluation, when folds were used.
    pub held_out: Option<HeldOut>,
}

/// Reports training progress (the CLI draws a progress bar with it).
pub trait Progress: Sync {
    /// A new stage with `total` steps begins.
    fn stage(&self, name: &str, total: u64);
    /// `done` steps of the current stage are finished.
    fn set(&self, done: u64);
    /// One more step is finished.
    fn inc(&self);
}

/// Progress that is not reported.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: u64) {}
    fn set(&self, _: u64) {}
    fn inc(&self) {}
}

/// One article's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Indices of the labels given.
    pub labels: Vec<usize>,
    /// Probability of every label, in label order.
    pub scores: Vec<f64>,
}

/// A trained pipeline.
#[derive(Debug)]
pub struct Pipeline {
    pub(crate) tfidf: Tfidf,
    pub(crate) topics: TopicModel,
    pub(crate) training: TrainingInfo,
}

impl Pipeline {
    /// Trains a pipeline on `corpus`, which it consumes: the texts are freed once their rows are
    /// built, before the models are fitted.
    pub fn train(
        corpus: LabelledCorpus,
        fields: &Fields,
        settings: &TrainSettings,
        progress: &dyn Progress,
    ) -> Result<Pipeline> {
        let LabelledCorpus {
            texts,
            gold,
            sha256,
            ..
        } = corpus;
        let analyzer = Arc::new(Analyzer::new(settings.analyzer.clone())?);
        let documents = texts.len() as u64;
        progress.stage("analysing", documents);
        let (tfidf, x) = {
            let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
            Tfidf::fit_transform(&settings.tfidf, analyzer, &docs, &|n| {
                progress.set(n as u64)
            })?
        };
        drop(texts);
        let per_fit = if gold.kind == TopicKind::MultiLabel {
            gold.labels.len() as u64
        } else {
            1
        };
        progress.stage("fitting", per_fit * (u64::from(settings.topics.folds) + 1));
        let (topics, held_out) = topics::train(&x, &gold, &settings.topics, &|| progress.inc())?;
        let counts = gold.counts();
        Ok(Pipeline {
            tfidf,
            topics,
            training: TrainingInfo {
                tool_version: env!("CARGO_PKG_VERSION").to_string(),
                corpus_sha256: sha256,
                documents,
                label_counts: gold.labels.iter().cloned().zip(counts).collect(),
                fields: fields.clone(),
                topics: settings.topics.clone(),
                held_out,
            },
        })
    }

    /// The TF-IDF row of a text.
    pub fn features(&self, text: &str) -> SparseRow {
        self.tfidf.transform(text)
    }

    /// Labels one text.
    pub fn predict(&self, text: &str) -> Prediction {
        let row = self.features(text);
        let scores = self.topics.scores(row.view());
        Prediction {
            labels: self.topics.decide(&scores),
            scores,
        }
    }

    /// Evaluates the pipeline on a labelled corpus (read with this model's labels).
    pub fn evaluate(&self, corpus: &LabelledCorpus) -> Evaluation {
        use rayon::prelude::*;
        let predicted: Vec<Vec<usize>> = corpus
            .texts
            .par_iter()
            .map(|t| self.predict(t).labels)
            .collect();
        evaluate(
            &self.topics.labels,
            &corpus.gold.doc_labels,
            &predicted,
            self.topics.kind == TopicKind::MultiClass,
        )
    }

    /// The label names.
    pub fn labels(&self) -> &[String] {
        &self.topics.labels
    }

    /// Multi-label or multi-class.
    pub fn kind(&self) -> TopicKind {
        self.topics.kind
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        self.tfidf.analyzer()
    }

    /// The featuriser.
    pub fn tfidf(&self) -> &Tfidf {
        &self.tfidf
    }

    /// The topic models.
    pub fn topics(&self) -> &TopicModel {
        &self.topics
    }

    /// Training metadata.
    pub fn training(&self) -> &TrainingInfo {
        &self.training
    }
}
