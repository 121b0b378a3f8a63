//! Bad input to `classify label`: a clear message naming the file (and line), exit status 1,
//! never a panic; with --keep-going, an error line per bad input and the rest labelled.

mod common;

use std::path::Path;

use common::{classify, root};
use predicates::prelude::*;

fn label_fails(path: &Path, message: &str) {
    classify()
        .arg("label")
        .arg(path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(path.display().to_string()))
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn empty_binary_and_invalid_utf8_files_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    label_fails(&empty, "no article found");
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13]).unwrap();
    label_fails(&binary, "binary data");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 au lait").unwrap();
    label_fails(&latin1, "not valid UTF-8");
    let bad_line = dir.path().join("bad.jsonl");
    std::fs::write(&bad_line, b"{\"text\": \"ok\"}\n{\"text\": \"caf\xe9\"}\n").unwrap();
    label_fails(&bad_line, "bad.jsonl:2: not valid UTF-8");
}

#[test]
fn an_overlong_single_line_is_skipped_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    let mut content = Vec::with_capacity(20 << 20);
    content.extend_from_slice(b"{\"text\": \"");
    content.resize(17 << 20, b'a');
    content.extend_from_slice(b"\"}\n{\"id\": \"after\", \"text\": \"Naval drills began.\"}\n");
    std::fs::write(&big, &content).unwrap();
    label_fails(&big, "big.jsonl:1: line longer than 16 MiB");
    // With --keep-going the overlong line becomes an error line and the next one is labelled.
    classify()
        .args(["label", "--keep-going"])
        .arg(&big)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("line longer than 16 MiB"))
        .stdout(predicate::str::contains("\"id\":\"after\""));
}

#[test]
fn deeply_nested_and_broken_html_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let body = "<p>Finland formally joined NATO on Tuesday, placing the country under the alliance's Article 5 collective-defence guarantee and doubling the alliance's land border with Russia, officials said.</p>";
    std::fs::write(
        &deep,
        format!("<html><body>{}{body}", "<div>".repeat(200_000)),
    )
    .unwrap();
    classify()
        .args(["label", "--whole"])
        .arg(&deep)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stdout(predicate::str::contains("security_alliance"));
    let broken = dir.path().join("broken.html");
    std::fs::write(
        &broken,
        "<html><body><p>unclosed <b>tags <table><tr><td>cell</p></i>",
    )
    .unwrap();
    classify().args(["split"]).arg(&broken).assert().success();
}

#[test]
fn missing_paths_and_directories_without_articles_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("link.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &dangling).unwrap();
    label_fails(&dangling, "No such file");
    let empty_dir = dir.path().join("nothing");
    std::fs::create_dir(&empty_dir).unwrap();
    label_fails(&empty_dir, "directory holds no files to label");
    let furniture = dir.path().join("menus");
    std::fs::create_dir(&furniture).unwrap();
    std::fs::write(
        furniture.join("page.txt"),
        "• Home\n• News\nNo Result\nView All Result\n",
    )
    .unwrap();
    classify()
        .arg("label")
        .arg(&furniture)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("page.txt: no article found"));
}

#[test]
fn keep_going_labels_the_good_files_of_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), [0u8, 1, 2]).unwrap();
    std::fs::copy(
        root().join("tests/pages/two-articles.txt"),
        dir.path().join("b.txt"),
    )
    .unwrap();
    let out = classify()
        .args(["label", "--keep-going"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .contains("a.txt: binary data"));
    assert!(lines[1]["id"].as_str().unwrap().ends_with("b.txt#1"));
}
