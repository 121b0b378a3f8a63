//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `classify` binary.
pub fn classify() -> Command {
    let mut c = Command::cargo_bin("classify").expect("binary built");
    c.env_remove("CLASSIFY_MODEL");
    c
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` next to the repository, when present.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

const SANCTIONS: &[&str] = &[
    "The Treasury imposed sanctions on the bank and froze its assets.",
    "فرضت وزارة الخزانة عقوبات جديدة وجمدت أصول الشركة.",
    "The EU extended sanctions and an export ban on the firm.",
];
const EXERCISE: &[&str] = &[
    "Troops began joint military exercises with live fire drills.",
    "بدأت القوات مناورات عسكرية مشتركة بالذخيرة الحية.",
    "Naval drills and war games were held near the coast.",
];
const NEITHER: &[&str] = &[
    "The football club won the cup final after extra time.",
    "ارتفعت أسعار النفط في الأسواق العالمية اليوم.",
    "A new phone was launched with a faster camera.",
];

/// Writes a small multi-label corpus (JSONL) of `n` articles per kind and returns its path.
pub fn tiny_corpus(dir: &Path, n: usize) -> PathBuf {
    let mut lines = Vec::new();
    for i in 0..n {
        for (kind, texts, labels) in [
            ("s", SANCTIONS, vec!["sanctions"]),
            ("x", EXERCISE, vec!["military_exercise"]),
            ("n", NEITHER, vec![]),
        ] {
            let text = format!(
                "{} {}",
                texts[i % texts.len()],
                texts[(i + 1) % texts.len()]
            );
            lines.push(serde_json::json!({
                "id": format!("{kind}{i}"), "title": format!("item {i}"), "text": text, "labels": labels
            }).to_string());
        }
        if i % 3 == 0 {
            lines.push(serde_json::json!({
                "id": format!("b{i}"), "text": format!("{} {}", SANCTIONS[i % 3], EXERCISE[i % 3]),
                "labels": ["military_exercise", "sanctions"]
            }).to_string());
        }
    }
    let path = dir.join("tiny.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Runs `cmd`, asserts it succeeds and returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

/// Trains a model on the tiny corpus and returns its path.
pub fn tiny_model(dir: &Path) -> PathBuf {
    let data = tiny_corpus(dir, 12);
    let model = dir.join("tiny.model");
    classify()
        .args(["train", "--folds", "3", "--min-df", "1", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .assert()
        .success();
    model
}
