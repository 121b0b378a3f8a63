//! The command line: every command, its output and its error paths.

mod common;

use common::{classify, stdout_of, tiny_corpus, tiny_model};
use predicates::prelude::*;
use serde_json::Value;

/// `classify eval --json` of `model` on `data`, parsed.
fn eval_json(model: &std::path::Path, data: &std::path::Path) -> Value {
    let out = stdout_of(
        classify()
            .args(["eval", "--json", "--model"])
            .arg(model)
            .arg("--data")
            .arg(data),
    );
    serde_json::from_slice(&out).unwrap()
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn train_prints_a_summary_and_saves_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_corpus(dir.path(), 12);
    let model = dir.path().join("sub/dir/m.model");
    classify()
        .args(["train", "--folds", "3", "--min-df", "1", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .assert()
        .success()
        .stdout(predicate::str::contains("documents     40"))
        .stdout(predicate::str::contains("sanctions"))
        .stdout(predicate::str::contains("vocabulary"))
        .stdout(predicate::str::contains("held-out      3-fold"));
    assert!(model.is_file());
}

#[test]
fn label_jsonl_gives_one_json_object_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a1\", \"text\": \"The Treasury imposed sanctions and froze assets of the bank.\"}\n\
         \n\
         {\"text\": \"Troops held joint military exercises and live fire drills.\"}\n",
    )
    .unwrap();
    let out = stdout_of(
        classify()
            .args(["label", "--model"])
            .arg(&model)
            .arg(&input),
    );
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a1");
    assert_eq!(rows[0]["labels"], serde_json::json!(["sanctions"]));
    assert_eq!(rows[1]["id"], format!("{}:3", input.display()));
    assert_eq!(rows[1]["labels"], serde_json::json!(["military_exercise"]));
    let p = rows[0]["scores"]["sanctions"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
}

#[test]
fn label_reads_stdin_text_and_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    classify()
        .args(["label", "--whole", "--format", "table", "--model"])
        .arg(&model)
        .write_stdin("فرضت وزارة الخزانة عقوبات جديدة وجمدت أصول الشركة.")
        .assert()
        .success()
        .stdout(predicate::str::contains("labels"))
        .stdout(predicate::str::contains("sanctions"));
}

#[test]
fn label_reads_a_directory_of_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Naval drills and war games were held near the coast.",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        "The football club won the cup final after extra time.",
    )
    .unwrap();
    let out = stdout_of(
        classify()
            .args(["label", "--whole", "--model"])
            .arg(&model)
            .arg(&docs),
    );
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["id"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(rows[0]["labels"], serde_json::json!(["military_exercise"]));
    assert_eq!(rows[1]["labels"], serde_json::json!([]));
}

#[test]
fn eval_reports_metrics_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = tiny_corpus(dir.path(), 6);
    classify()
        .args(["eval", "--model"])
        .arg(&model)
        .arg("--data")
        .arg(&data)
        .assert()
        .success()
        .stdout(predicate::str::contains("macro"))
        .stdout(predicate::str::contains("military_exercise"));
    let v = eval_json(&model, &data);
    for key in ["accuracy", "micro_f1", "macro_f1", "per_label"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(v["per_label"]["sanctions"]["f1"].as_f64().unwrap() > 0.9);
}

#[test]
fn inspect_shows_labels_settings_and_strongest_terms() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    classify()
        .args(["inspect", "--model"])
        .arg(&model)
        .assert()
        .success()
        .stdout(predicate::str::contains("vocabulary="))
        .stdout(predicate::str::contains("sha256"))
        .stdout(predicate::str::contains("sanctions (").and(predicate::str::contains("sanction")));
}

#[test]
fn multiclass_corpus_trains_a_multinomial_model_with_a_confusion_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("mc.csv");
    let mut csv = String::from("id,text,section\n");
    for i in 0..10 {
        csv.push_str(&format!(
            "s{i},\"Oil prices and stock markets moved, bank {i}\",economy\n"
        ));
        csv.push_str(&format!(
            "p{i},\"The striker scored a goal in the match {i}\",sport\n"
        ));
        csv.push_str(&format!(
            "t{i},\"The new phone software update and app {i}\",tech\n"
        ));
    }
    std::fs::write(&data, csv).unwrap();
    let model = dir.path().join("mc.model");
    classify()
        .args([
            "train",
            "--label-field",
            "section",
            "--folds",
            "2",
            "--min-df",
            "1",
            "--data",
        ])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .assert()
        .success()
        .stdout(predicate::str::contains("multi-class"));
    let v = eval_json(&model, &data);
    assert_eq!(v["accuracy"], 1.0);
    assert_eq!(v["confusion"]["sport"]["sport"], 10);
}

#[test]
fn missing_file_is_a_data_error_naming_the_file() {
    classify()
        .args([
            "train",
            "--data",
            "no/such/file.jsonl",
            "--model",
            "/tmp/never-written.model",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/file.jsonl"));
}

#[test]
fn bad_json_line_is_reported_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bad.jsonl");
    std::fs::write(
        &data,
        "{\"text\": \"ok\", \"labels\": []}\n{\"text\": \"broken\", \"labels\": [\n",
    )
    .unwrap();
    classify()
        .args(["train", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(dir.path().join("m.model"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.jsonl:2: not valid JSON"));
}

#[test]
fn unknown_label_field_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_corpus(dir.path(), 3);
    classify()
        .args(["train", "--label-field", "topic", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(dir.path().join("m.model"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "tiny.jsonl:1: no label field 'topic'",
        ));
}

#[test]
fn corrupt_model_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let mut bytes = std::fs::read(&model).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&model, &bytes).unwrap();
    classify()
        .args(["label", "--model"])
        .arg(&model)
        .write_stdin("some text")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "corrupt model file: checksum mismatch",
        ));
    std::fs::write(&model, "not a model").unwrap();
    classify()
        .args(["inspect", "--model"])
        .arg(&model)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("tiny.model"));
}

#[test]
fn usage_errors_exit_with_status_2() {
    classify().args(["train"]).assert().code(2);
    classify().args(["frobnicate"]).assert().code(2);
    classify()
        .args(["label", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn failed_training_keeps_the_previous_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let before = std::fs::read(&model).unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"only one label value\", \"labels\": [\"x\"]}\n",
    )
    .unwrap();
    classify()
        .args(["train", "--data"])
        .arg(&bad)
        .arg("--model")
        .arg(&model)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "training failed: no term occurs in at least 2 of the 1 documents",
        ))
        .stderr(predicates::str::contains("failed: training failed").not());
    assert_eq!(std::fs::read(&model).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".classify-model-")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bad_records_with_keep_going_print_error_lines_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"text\": \"Naval drills were held.\"}\nnot json\n{\"title\": \"no text\"}\n{\"text\": \"Sanctions on the bank.\"}\n").unwrap();
    let out = classify()
        .args(["label", "--keep-going", "--model"])
        .arg(&model)
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 4);
    assert!(rows[1]["error"].as_str().unwrap().contains("in.jsonl:2"));
    assert!(rows[2]["error"]
        .as_str()
        .unwrap()
        .contains("no 'text' field"));
    assert!(rows[3]["labels"].is_array());
    // Without --keep-going the first bad record stops the run.
    classify()
        .args(["label", "--model"])
        .arg(&model)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("in.jsonl:2: not valid JSON"));
}

#[test]
fn a_bad_model_is_reported_without_waiting_for_standard_input() {
    // Standard input stays open (a producer that has not written yet): the model error must
    // come at once, not after end of input.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("classify"))
        .args(["label", "--model", "/nonexistent/topics.model"])
        .env_remove("CLASSIFY_MODEL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    if status.is_none() {
        child.kill().unwrap();
    }
    let stdin = child.stdin.take();
    drop(stdin);
    let status = status.expect("classify exits while standard input is still open");
    assert_eq!(status.code(), Some(1));
}
