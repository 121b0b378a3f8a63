//! Pages: scraped text and HTML cleaned, cut into articles, and each article labelled.

mod common;

use std::path::Path;

use classify::page::{html_to_text, Page};
use common::{classify, root, shared};
use serde_json::Value;

fn page(name: &str) -> Page {
    let path = root().join("tests/pages").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    Page::from_input(&text, classify::page::looks_like_html(&path, &text))
}

#[test]
fn two_articles_separated_by_read_also_are_cut_apart() {
    let p = page("two-articles.txt");
    let arts = p.articles();
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(
        arts[0].title.as_deref(),
        Some("بدء مناورات بحرية مشتركة بين مصر واليونان في شرق المتوسط")
    );
    // The embedded English tweet stays with its article; the source line closes it.
    assert!(arts[0].body.contains("Hellenic Navy (@hellenicnavy)"));
    assert!(arts[0].body.ends_with("المصدر: وكالات"));
    // Menus, share lines, the date, tags and the related list are gone.
    for junk in [
        "الرئيسية",
        "No Result",
        "Login",
        "شارك القصة",
        "كلمات دلالية",
        "منتخب الشباب",
    ] {
        assert!(!arts.iter().any(|a| a.full_text().contains(junk)), "{junk}");
    }
    assert_eq!(
        arts[1].title.as_deref(),
        Some("ارتفاع أسعار القهوة في الأسواق العالمية لأعلى مستوى منذ عقد")
    );
    // chars are offsets into the cleaned page text.
    let chars: Vec<char> = p.text().chars().collect();
    for a in &arts {
        let span: String = chars[a.start..a.end].iter().collect();
        assert_eq!(span, a.full_text());
    }
}

#[test]
fn teasers_and_furniture_around_one_article_are_dropped() {
    let arts = page("related-teasers.txt").articles();
    assert_eq!(arts.len(), 1, "{arts:#?}");
    let a = &arts[0];
    assert_eq!(
        a.title.as_deref(),
        Some("الاتحاد الأوروبي يقر حزمة عقوبات جديدة على قطاع الطاقة الروسي")
    );
    assert!(a.body.starts_with("أقر وزراء خارجية"));
    assert!(a.body.ends_with("ووصفتها بأنها غير قانونية."));
    assert!(!a.body.contains("قمة إقليمية"));
}

#[test]
fn html_page_keeps_title_and_article_and_drops_navigation_and_scripts() {
    let text = html_to_text(
        &std::fs::read_to_string(root().join("tests/pages/english-page.html")).unwrap(),
    );
    assert!(text.starts_with("Sahel juntas sign mutual defence pact\n"));
    assert!(!text.contains("window.analytics") && !text.contains("font-family"));
    assert!(!text.contains("Subscribe"));
    let arts = page("english-page.html").articles();
    assert_eq!(arts.len(), 1, "{arts:#?}");
    assert_eq!(
        arts[0].title.as_deref(),
        Some("Sahel juntas sign mutual defence pact")
    );
    assert!(arts[0].body.contains("Alliance of Sahel States"));
}

fn label(path: &Path, extra: &[&str]) -> Vec<Value> {
    let out = classify()
        .arg("label")
        .args(extra)
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn each_article_of_a_page_is_labelled_on_its_own_with_the_shipped_model() {
    let rows = label(&root().join("tests/pages/two-articles.txt"), &[]);
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["id"]
        .as_str()
        .unwrap()
        .ends_with("two-articles.txt#1"));
    assert_eq!(rows[0]["labels"], serde_json::json!(["military_exercise"]));
    assert_eq!(rows[1]["labels"], serde_json::json!([]));
    let chars = rows[1]["chars"].as_array().unwrap();
    assert!(chars[0].as_u64() < chars[1].as_u64());
    let rows = label(&root().join("tests/pages/related-teasers.txt"), &[]);
    assert_eq!(rows[0]["labels"], serde_json::json!(["sanctions"]));
    let rows = label(&root().join("tests/pages/english-page.html"), &[]);
    assert_eq!(rows[0]["labels"], serde_json::json!(["security_alliance"]));
    // --whole labels the page as one document.
    let rows = label(&root().join("tests/pages/two-articles.txt"), &["--whole"]);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].get("chars").is_none());
}

#[test]
fn split_shows_how_a_page_was_cut() {
    classify()
        .arg("split")
        .arg(root().join("tests/pages/two-articles.txt"))
        .assert()
        .success()
        .stdout(predicates::str::contains("2 article(s)"))
        .stdout(predicates::str::contains("-- #2 chars ["));
}

/// Words shared by two texts, as a fraction of the smaller one's distinct words.
fn overlap(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let wa: HashSet<&str> = a.split_whitespace().collect();
    let wb: HashSet<&str> = b.split_whitespace().collect();
    wa.intersection(&wb).count() as f64 / wa.len().min(wb.len()).max(1) as f64
}

#[test]
fn seed_pages_split_into_the_annotated_articles() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared not present");
        return;
    };
    let gold: Vec<Value> = std::fs::read_to_string(shared.join("eval/seed-articles.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut sources: Vec<&str> = gold.iter().map(|g| g["source"].as_str().unwrap()).collect();
    sources.dedup();
    let model = classify::model_file::load(&root().join("models/topics.model")).unwrap();
    for source in sources {
        let text = std::fs::read_to_string(shared.join("seeds").join(source)).unwrap();
        let arts = Page::from_text(&text).articles();
        let expected: Vec<&Value> = gold.iter().filter(|g| g["source"] == source).collect();
        assert_eq!(
            arts.len(),
            expected.len(),
            "{source}: {} articles, expected {}",
            arts.len(),
            expected.len()
        );
        for (a, g) in arts.iter().zip(&expected) {
            let o = overlap(&a.full_text(), g["text"].as_str().unwrap());
            assert!(o > 0.9, "{source} {}: overlap {o:.2}", g["id"]);
            let p = model.predict(&a.full_text());
            let given: Vec<&str> = p
                .labels
                .iter()
                .map(|&l| model.labels()[l].as_str())
                .collect();
            eprintln!("{}: gold {} model {:?}", g["id"], g["labels"], given);
        }
    }
}

#[test]
fn jsonl_records_given_as_pages_are_split_too() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(root().join("tests/pages/two-articles.txt")).unwrap();
    let input = dir.path().join("pages.jsonl");
    std::fs::write(
        &input,
        serde_json::json!({"id": "p1", "text": page}).to_string() + "\n",
    )
    .unwrap();
    let rows = label(&input, &["--pages", "--show-text"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "p1#1");
    assert_eq!(rows[1]["id"], "p1#2");
    assert!(rows[0]["text"].as_str().unwrap().contains("Hellenic Navy"));
    // Without --pages the record is one article.
    assert_eq!(label(&input, &[]).len(), 1);
}
