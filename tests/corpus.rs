//! The bundled corpus and the shipped model: accuracy on the held-out split and on real news.

mod common;

use std::sync::OnceLock;

use classify::corpus::{read_labelled, Fields, LabelledCorpus};
use classify::metrics::Evaluation;
use classify::model_file;
use classify::pipeline::{Pipeline, Quiet, TrainSettings};
use common::{root, shared};

fn corpus(name: &str, labels: Option<&[String]>) -> LabelledCorpus {
    read_labelled(&[root().join(name)], &Fields::default(), labels).unwrap()
}

/// A model trained on data/train.jsonl with the default settings (as `classify train` does).
fn retrained() -> &'static Pipeline {
    static MODEL: OnceLock<Pipeline> = OnceLock::new();
    MODEL.get_or_init(|| {
        Pipeline::train(
            corpus("data/train.jsonl", None),
            &Fields::default(),
            &TrainSettings::default(),
            &Quiet,
        )
        .unwrap()
    })
}

fn shipped() -> Pipeline {
    model_file::load(&root().join("models/topics.model")).unwrap()
}

fn report(name: &str, e: &Evaluation) {
    eprintln!(
        "{name}: macro-F1 {:.4} micro-F1 {:.4} accuracy {:.4}",
        e.macro_f1, e.micro_f1, e.accuracy
    );
    for l in &e.per_label {
        eprintln!(
            "  {:<20} F1 {:.4} P {:.4} R {:.4} support {}",
            l.label, l.f1, l.precision, l.recall, l.support
        );
    }
}

#[test]
fn model_trained_on_train_split_meets_the_targets_on_test_split() {
    let model = retrained();
    let test = corpus("data/test.jsonl", Some(model.labels()));
    let e = model.evaluate(&test);
    report("data/test.jsonl", &e);
    assert!(e.macro_f1 >= 0.90, "macro-F1 {:.4}", e.macro_f1);
    for l in &e.per_label {
        assert!(l.f1 >= 0.85, "{}: F1 {:.4}", l.label, l.f1);
    }
}

#[test]
fn retraining_with_defaults_reproduces_the_shipped_model() {
    let model = retrained();
    let shipped = shipped();
    let test = corpus("data/test.jsonl", Some(model.labels()));
    for (id, text) in test.ids.iter().zip(&test.texts) {
        assert_eq!(model.predict(text), shipped.predict(text), "{id}");
    }
    assert_eq!(
        model_file::to_bytes(model).unwrap(),
        std::fs::read(root().join("models/topics.model")).unwrap(),
        "models/topics.model is not what `classify train --data data/train.jsonl` gives: retrain it"
    );
}

#[test]
fn shipped_model_on_real_arabic_and_english_news() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/eval not present");
        return;
    };
    let model = shipped();
    let ant = read_labelled(
        &[shared.join("eval/ant-topics-dev.jsonl")],
        &Fields::default(),
        Some(model.labels()),
    )
    .unwrap();
    let e = model.evaluate(&ant);
    report("ant-topics-dev", &e);
    for name in ["agnews-topics-dev.jsonl", "seed-articles.jsonl"] {
        let c = read_labelled(
            &[shared.join("eval").join(name)],
            &Fields::default(),
            Some(model.labels()),
        )
        .unwrap();
        report(name, &model.evaluate(&c));
    }
    assert!(e.macro_f1 >= 0.85, "ANT dev macro-F1 {:.4}", e.macro_f1);
}
