//! Criterion benches of the hot path: analyzer, featuriser, scoring, and the whole label step.
//!
//! Input: the articles of data/test.jsonl. `cargo bench --bench pipeline`.

use std::path::Path;

use classify::analyzer::{Analyzer, AnalyzerSettings};
use classify::corpus::{read_labelled, Fields};
use classify::model_file;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn articles() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    read_labelled(&[root.join("data/test.jsonl")], &Fields::default(), None)
        .expect("data/test.jsonl")
        .texts
}

fn benches(c: &mut Criterion) {
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::new(AnalyzerSettings::default()).unwrap();
    let model =
        model_file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.model"))
            .expect("shipped model");
    let rows: Vec<_> = texts.iter().map(|t| model.features(t)).collect();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("analyzer (terms of every test article)", |b| {
        b.iter(|| texts.iter().map(|t| analyzer.terms(t).len()).sum::<usize>())
    });
    g.bench_function("featuriser (tf-idf row of every test article)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| model.features(t).indices.len())
                .sum::<usize>()
        })
    });
    g.bench_function("scoring (topic scores of every precomputed row)", |b| {
        b.iter(|| {
            rows.iter()
                .map(|r| model.topics().scores(r.view())[0])
                .sum::<f64>()
        })
    });
    g.bench_function("label (text to labels, every test article)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| model.predict(t).labels.len())
                .sum::<usize>()
        })
    });
    g.finish();
    c.bench_function("model load (shipped model)", |b| {
        b.iter(|| {
            model_file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.model"))
                .unwrap()
        })
    });
}

criterion_group!(name = pipeline; config = Criterion::default().sample_size(10); targets = benches);
criterion_main!(pipeline);
