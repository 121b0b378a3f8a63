//! The featuriser's invariants and the model file: round trip, determinism, rejection.

mod common;

use std::sync::Arc;

use classify::analyzer::{Analyzer, AnalyzerSettings};
use classify::corpus::{read_labelled, Fields};
use classify::model_file;
use classify::pipeline::{Pipeline, Quiet, TrainSettings};
use classify::tfidf::{smooth_idf, Tfidf, TfidfSettings};

fn docs() -> Vec<&'static str> {
    vec![
        "فرضت الولايات المتحدة عقوبات جديدة على إيران.",
        "أجرت القوات البحرية مناورات عسكرية مشتركة في الخليج.",
        "The EU imposed new sanctions on Russian banks.",
        "NATO allies agreed to raise defence spending; sanctions were not discussed.",
        "مناورات ومناورات: تدريبات عسكرية وعقوبات.",
    ]
}

#[test]
fn a_document_transformed_alone_gives_exactly_its_batch_row() {
    let analyzer = Arc::new(Analyzer::new(AnalyzerSettings::default()).unwrap());
    let settings = TfidfSettings {
        min_df: 1,
        ..TfidfSettings::default()
    };
    let d = docs();
    let (tfidf, matrix) = Tfidf::fit_transform(&settings, analyzer.clone(), &d, &|_| {}).unwrap();
    for (i, doc) in d.iter().enumerate() {
        let alone = tfidf.transform(doc);
        let batch = matrix.row(i);
        assert_eq!(alone.indices, batch.indices, "doc {i}");
        assert_eq!(alone.values, batch.values, "doc {i}");
        assert!(
            (alone.norm() - 1.0).abs() < 1e-6,
            "doc {i} norm {}",
            alone.norm()
        );
    }
}

#[test]
fn idf_equals_the_smooth_formula() {
    let analyzer = Arc::new(Analyzer::new(AnalyzerSettings::default()).unwrap());
    let settings = TfidfSettings {
        min_df: 1,
        ..TfidfSettings::default()
    };
    let d = docs();
    let (tfidf, _) = Tfidf::fit_transform(&settings, analyzer.clone(), &d, &|_| {}).unwrap();
    let vocab = tfidf.vocabulary();
    for (term, &idf) in vocab.terms().zip(vocab.idf()) {
        let df = d
            .iter()
            .filter(|doc| analyzer.terms(doc).contains(&term))
            .count();
        let expected = ((1.0 + d.len() as f64) / (1.0 + df as f64)).ln() + 1.0;
        assert!(
            (f64::from(idf) - expected).abs() < 1e-6,
            "{term}: {idf} vs {expected}"
        );
        assert_eq!(idf, smooth_idf(d.len(), df as u32));
    }
    // "عقوب" (sanctions) is in 2 Arabic documents; "sanction" in 2 English ones.
    let j = vocab.get("عقوب").expect("stem in vocabulary") as usize;
    assert!((f64::from(vocab.idf()[j]) - ((6.0f64 / 3.0).ln() + 1.0)).abs() < 1e-6);
}

#[test]
fn vocabulary_respects_min_df_max_df_and_max_features() {
    let analyzer = Arc::new(Analyzer::new(AnalyzerSettings::default()).unwrap());
    let d = docs();
    let count = |s: TfidfSettings| {
        Tfidf::fit_transform(&s, analyzer.clone(), &d, &|_| {})
            .unwrap()
            .0
    };
    let all = count(TfidfSettings {
        min_df: 1,
        ..TfidfSettings::default()
    });
    let min2 = count(TfidfSettings {
        min_df: 2,
        ..TfidfSettings::default()
    });
    let capped = count(TfidfSettings {
        min_df: 1,
        max_features: 5,
        ..TfidfSettings::default()
    });
    let no_common = count(TfidfSettings {
        min_df: 1,
        max_df: 0.3,
        ..TfidfSettings::default()
    });
    assert!(min2.vocabulary().len() < all.vocabulary().len());
    assert_eq!(capped.vocabulary().len(), 5);
    assert!(no_common.vocabulary().get("عقوب").is_none(), "df 2/5 > 0.3");
    assert!(min2.vocabulary().get("عقوب").is_some());
}

fn tiny_pipeline(dir: &std::path::Path) -> (Pipeline, Vec<String>) {
    let data = common::tiny_corpus(dir, 12);
    let corpus = read_labelled(&[data], &Fields::default(), None).unwrap();
    let mut settings = TrainSettings::default();
    settings.tfidf.min_df = 1;
    settings.topics.folds = 3;
    let texts = corpus.texts.clone();
    let p = Pipeline::train(corpus, &Fields::default(), &settings, &Quiet).unwrap();
    (p, texts)
}

#[test]
fn save_then_load_gives_identical_scores() {
    let dir = tempfile::tempdir().unwrap();
    let (trained, texts) = tiny_pipeline(dir.path());
    let path = dir.path().join("m.model");
    model_file::save(&trained, &path).unwrap();
    let loaded = model_file::load(&path).unwrap();
    for t in texts.iter().chain([&"نص لا علاقة له بالموضوع".to_string()]) {
        assert_eq!(trained.predict(t), loaded.predict(t));
    }
    assert_eq!(trained.training(), loaded.training());
}

#[test]
fn training_twice_gives_byte_identical_model_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = tiny_pipeline(dir.path());
    let (b, _) = tiny_pipeline(dir.path());
    assert_eq!(
        model_file::to_bytes(&a).unwrap(),
        model_file::to_bytes(&b).unwrap()
    );
}

#[test]
fn wrong_truncated_corrupt_and_newer_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = tiny_pipeline(dir.path());
    let good = model_file::to_bytes(&p).unwrap();
    let err = |bytes: &[u8]| model_file::from_bytes(bytes).expect_err("refused");

    assert!(err(b"").contains("truncated"));
    assert!(err(&good[..10]).contains("truncated"));
    assert!(err(&good[..good.len() - 1]).contains("truncated"));
    assert!(err(b"PK\x03\x04 this is a zip file, not a model").contains("wrong magic"));

    let version = |v: u32| {
        let mut bytes = good.clone();
        bytes[8..12].copy_from_slice(&v.to_le_bytes());
        bytes
    };
    assert!(
        err(&version(model_file::FORMAT_VERSION + 1)).contains("newer than this classify supports")
    );
    assert!(err(&version(model_file::FORMAT_VERSION - 1)).contains("train the model again"));
    assert!(err(&version(0)).contains("invalid model format version 0"));

    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert!(err(&flipped).contains("checksum mismatch"));

    // A payload length that claims far more than the file holds is checked, not trusted.
    let mut huge = good.clone();
    huge[12..20].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(err(&huge).contains("truncated"));

    let mut extra = good.clone();
    extra.extend_from_slice(b"junk");
    assert!(err(&extra).contains("after the declared payload"));

    assert!(model_file::from_bytes(&good).is_ok());
}

#[test]
fn a_valid_checksum_over_garbage_is_still_refused() {
    let mut bytes = model_file::MAGIC.to_vec();
    let body = vec![0xffu8; 64];
    bytes.extend_from_slice(&model_file::FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    let e = model_file::from_bytes(&bytes).unwrap_err();
    assert!(e.starts_with("corrupt model file"), "{e}");
}
