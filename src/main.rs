//! `classify`: the command line. Parses arguments, calls the library, prints.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use classify::corpus::input::{self, Article, InputOptions};
use classify::corpus::{self, Fields};
use classify::model_file;
use classify::output;
use classify::page::Page;
use classify::pipeline::{Pipeline, Progress, TrainSettings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Where `train` saves and `label`/`eval`/`inspect` look when no --model is given.
const SHIPPED_MODEL: &str = "models/topics.model";

#[derive(Parser)]
#[command(
    name = "classify",
    version,
    about = "Label news articles (Arabic and English) with the topics they are about: security_alliance, military_exercise, sanctions."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model on labelled JSONL or CSV and save it.
    Train(TrainArgs),
    /// Label articles (JSONL, CSV, text or HTML pages, directories, stdin) with a model.
    Label(LabelArgs),
    /// Evaluate a model on labelled data.
    Eval(EvalArgs),
    /// Show what is in a model file.
    Inspect(InspectArgs),
    /// Show how pages are cleaned and cut into articles.
    Split(SplitArgs),
}

/// Where the article is in a JSONL object or CSV row.
#[derive(Args)]
struct RecordFieldArgs {
    /// Field (JSONL key or CSV column) holding the article text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Field holding the headline (optional in the data).
    #[arg(long, default_value = "title")]
    title_field: String,
    /// Field holding the article id (optional in the data).
    #[arg(long, default_value = "id")]
    id_field: String,
}

impl RecordFieldArgs {
    fn fields(&self, label: &str) -> Fields {
        Fields {
            id: self.id_field.clone(),
            title: self.title_field.clone(),
            text: self.text_field.clone(),
            label: label.to_string(),
        }
    }
}

#[derive(Args)]
struct TrainArgs {
    /// Labelled corpus (JSONL or CSV, optionally .gz); repeat for several files.
    #[arg(long, required = true)]
    data: Vec<PathBuf>,
    /// Where to save the model.
    #[arg(long, default_value = SHIPPED_MODEL)]
    model: PathBuf,
    #[command(flatten)]
    fields: RecordFieldArgs,
    /// Field holding the labels: a list (multi-label) or one string (multi-class).
    #[arg(long, default_value = "labels")]
    label_field: String,
    /// Inverse L2 regularisation strength (scikit-learn's C).
    #[arg(long, default_value_t = 20.0)]
    c: f64,
    /// Smallest n-gram length.
    #[arg(long, default_value_t = 1)]
    ngram_min: u8,
    /// Largest n-gram length.
    #[arg(long, default_value_t = 2)]
    ngram_max: u8,
    /// Keep terms in at least this many documents.
    #[arg(long, default_value_t = 2)]
    min_df: u32,
    /// Drop terms in more than this fraction of documents.
    #[arg(long, default_value_t = 1.0)]
    max_df: f64,
    /// Keep at most this many terms (0: no limit).
    #[arg(long, default_value_t = 200_000)]
    max_features: u32,
    /// Held-out folds for thresholds and metrics (0: none).
    #[arg(long, default_value_t = 5)]
    folds: u32,
    /// Most L-BFGS iterations per model.
    #[arg(long, default_value_t = 300)]
    max_iterations: u64,
    /// Stop L-BFGS when the norm of the (per-document) gradient falls below this.
    #[arg(long, default_value_t = 1e-3)]
    tolerance: f64,
    /// Do not stem.
    #[arg(long)]
    no_stem: bool,
    /// Keep stop words.
    #[arg(long)]
    no_stop_words: bool,
    /// Do not apply Arabic normalisation.
    #[arg(long)]
    no_normalize: bool,
    /// Use raw term counts instead of 1 + ln(tf).
    #[arg(long)]
    linear_tf: bool,
    /// Keep tokens made only of digits.
    #[arg(long)]
    keep_numbers: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Table,
}

#[derive(Args)]
struct LabelArgs {
    /// Inputs: .jsonl/.csv files (one article per record), text or HTML pages, directories; `-` or nothing for stdin.
    inputs: Vec<PathBuf>,
    /// Model file (default: the shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: OutputFormat,
    /// Treat each JSONL/CSV record as a page to clean and split into articles.
    #[arg(long)]
    pages: bool,
    /// Label each input as one document: no page cleaning or splitting.
    #[arg(long)]
    whole: bool,
    /// Include each article's text in the JSON output.
    #[arg(long)]
    show_text: bool,
    /// On a bad record, print an error line for it and go on (exit status 1 at the end).
    #[arg(long)]
    keep_going: bool,
    #[command(flatten)]
    fields: RecordFieldArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// Labelled data (JSONL or CSV); repeat for several files.
    #[arg(long, required = true)]
    data: Vec<PathBuf>,
    /// Model file (default: the shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Label field (default: the one the model was trained with).
    #[arg(long)]
    label_field: Option<String>,
    /// Text field (default: the one the model was trained with).
    #[arg(long)]
    text_field: Option<String>,
    /// Title field (default: the one the model was trained with).
    #[arg(long)]
    title_field: Option<String>,
}

#[derive(Args)]
struct InspectArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Strongest terms to list per label.
    #[arg(long, default_value_t = 15)]
    top: usize,
}

#[derive(Args)]
struct SplitArgs {
    /// Pages (text or HTML files).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Train(a) => train(a),
        Command::Label(a) => label(a),
        Command::Eval(a) => eval(a),
        Command::Inspect(a) => inspect(a),
        Command::Split(a) => split(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("classify: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The model to use: --model, else $CLASSIFY_MODEL, else the shipped model (in the current
/// directory, else in the source tree this binary was built from).
fn model_path(given: Option<PathBuf>) -> PathBuf {
    if let Some(p) = given {
        return p;
    }
    if let Some(p) = std::env::var_os("CLASSIFY_MODEL") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from(SHIPPED_MODEL);
    if local.exists() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SHIPPED_MODEL)
}

fn load_model(given: Option<PathBuf>) -> Result<Pipeline> {
    let path = model_path(given);
    model_file::load(&path).context("cannot load the model")
}

struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = if io::stderr().is_terminal() {
            ProgressBar::new(0)
        } else {
            ProgressBar::hidden()
        };
        bar.set_style(
            ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({elapsed})")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_message(name.to_string());
        self.0.set_length(total);
        self.0.set_position(0);
    }
    fn set(&self, done: u64) {
        self.0.set_position(done);
    }
    fn inc(&self) {
        self.0.inc(1);
    }
}

fn train(a: TrainArgs) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    let start = Instant::now();
    let fields = a.fields.fields(&a.label_field);
    let mut settings = TrainSettings::default();
    settings.analyzer.ngram_min = a.ngram_min;
    settings.analyzer.ngram_max = a.ngram_max;
    settings.analyzer.stem = !a.no_stem;
    settings.analyzer.normalize_arabic = !a.no_normalize;
    settings.analyzer.keep_numbers = a.keep_numbers;
    if a.no_stop_words {
        settings.analyzer.stop_words.clear();
    }
    settings.tfidf.min_df = a.min_df;
    settings.tfidf.max_df = a.max_df;
    settings.tfidf.max_features = a.max_features;
    settings.tfidf.sublinear_tf = !a.linear_tf;
    settings.topics.c = a.c;
    settings.topics.folds = a.folds;
    settings.topics.max_iterations = a.max_iterations;
    settings.topics.gradient_tolerance = a.tolerance;

    let corpus =
        corpus::read_labelled(&a.data, &fields, None).context("cannot read the training data")?;
    let bar = Bar::new();
    let pipeline = Pipeline::train(corpus, &fields, &settings, &bar).context("training failed")?;
    bar.0.finish_and_clear();
    model_file::save(&pipeline, &a.model)
        .with_context(|| format!("cannot save the model to {}", a.model.display()))?;

    let info = pipeline.training();
    writeln!(out, "documents     {}", info.documents)?;
    writeln!(
        out,
        "kind          {}",
        match pipeline.kind() {
            classify::topics::TopicKind::MultiLabel => "multi-label (one binary model per label)",
            classify::topics::TopicKind::MultiClass => "multi-class (one multinomial model)",
        }
    )?;
    writeln!(out, "labels")?;
    for (l, n) in &info.label_counts {
        writeln!(out, "  {l:<28} {n}")?;
    }
    writeln!(
        out,
        "vocabulary    {} terms",
        pipeline.tfidf().vocabulary().len()
    )?;
    if let Some(h) = &info.held_out {
        let e = &h.evaluation;
        writeln!(
            out,
            "held-out      {}-fold: micro-F1 {:.4}  macro-F1 {:.4}  accuracy {:.4}",
            h.folds, e.micro_f1, e.macro_f1, e.accuracy
        )?;
        for (i, s) in e.per_label.iter().enumerate() {
            let t = pipeline
                .topics()
                .threshold(i)
                .map(|t| format!("  threshold {t:.3}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<28} F1 {:.4}  P {:.4}  R {:.4}{t}",
                s.label, s.f1, s.precision, s.recall
            )?;
        }
    }
    writeln!(out, "time          {:.2} s", start.elapsed().as_secs_f64())?;
    writeln!(out, "model         {}", a.model.display())?;
    Ok(ExitCode::SUCCESS)
}

/// Articles are labelled in parallel batches of this many inputs, printed in input order.
const LABEL_BATCH: usize = 512;

fn label(a: LabelArgs) -> Result<ExitCode> {
    let options = InputOptions {
        fields: a.fields.fields(""),
        pages: a.pages,
        whole: a.whole,
    };
    // The first batch of files is read and parsed while the model loads. Standard input is not
    // read before the model is known to be good: reading it may wait for a producer indefinitely.
    let reads_stdin = a.inputs.is_empty() || a.inputs.iter().any(|p| p.as_os_str() == "-");
    let (pipeline, items, mut next) = std::thread::scope(|scope| {
        let loading = scope.spawn(|| load_model(a.model.clone()));
        let mut items = input::articles(&a.inputs, &options);
        let first = match &mut items {
            Ok(items) if !reads_stdin => input::next_batch(items, LABEL_BATCH),
            _ => Vec::new(),
        };
        let pipeline = loading.join().expect("the model loader does not panic");
        (pipeline, items, first)
    });
    let pipeline = pipeline?;
    let mut items = items?;
    if next.is_empty() {
        next = input::next_batch(&mut items, LABEL_BATCH);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if matches!(a.format, OutputFormat::Table) {
        writeln!(out, "{}", output::table_header(&pipeline))?;
    }
    let mut failures = 0usize;
    let mut labelled = 0usize;
    let bar = if io::stderr().is_terminal() {
        ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{spinner} labelled {pos} articles ({per_sec}, {elapsed})",
            )
            .expect("valid template"),
        )
    } else {
        ProgressBar::hidden()
    };
    while !next.is_empty() {
        // Label this batch while the next one is read and parsed.
        let batch = std::mem::take(&mut next);
        let (lines, following) = rayon::join(
            || {
                batch
                    .into_par_iter()
                    .map(|articles| match articles {
                        Ok(articles) => Ok(articles
                            .iter()
                            .map(|art| format_article(&pipeline, art, &a))
                            .collect::<Vec<String>>()),
                        Err(e) => Err(e.to_string()),
                    })
                    .collect::<Vec<_>>()
            },
            || input::next_batch(&mut items, LABEL_BATCH),
        );
        next = following;
        for l in lines {
            match l {
                Ok(ls) => {
                    labelled += ls.len();
                    bar.inc(ls.len() as u64);
                    for line in ls {
                        writeln!(out, "{line}")?;
                    }
                }
                Err(e) if a.keep_going => {
                    failures += 1;
                    writeln!(out, "{}", serde_json::json!({ "error": e }))?;
                }
                Err(e) => {
                    out.flush()?;
                    bail!(e);
                }
            }
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    if failures > 0 {
        eprintln!(
            "classify: {failures} input(s) could not be labelled; {labelled} article(s) were"
        );
        return Ok(ExitCode::from(1));
    }
    if labelled == 0 {
        let inputs: Vec<String> = a.inputs.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "no articles to label in {}",
            if inputs.is_empty() {
                "standard input".to_string()
            } else {
                inputs.join(", ")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn format_article(pipeline: &Pipeline, article: &Article, a: &LabelArgs) -> String {
    let prediction = pipeline.predict(&article.text);
    match a.format {
        OutputFormat::Table => output::article_row(pipeline, article, &prediction),
        OutputFormat::Json => output::article_json(pipeline, article, &prediction, a.show_text),
    }
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    let pipeline = load_model(a.model.clone())?;
    let trained = &pipeline.training().fields;
    let fields = Fields {
        id: trained.id.clone(),
        title: a.title_field.unwrap_or_else(|| trained.title.clone()),
        text: a.text_field.unwrap_or_else(|| trained.text.clone()),
        label: a.label_field.unwrap_or_else(|| trained.label.clone()),
    };
    let corpus = corpus::read_labelled(&a.data, &fields, Some(pipeline.labels()))
        .context("cannot read the evaluation data")?;
    if corpus.gold.kind != pipeline.kind() {
        bail!(
            "{}: the label field '{}' holds {} but the model is {}",
            a.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            fields.label,
            if corpus.gold.kind == classify::topics::TopicKind::MultiLabel {
                "lists"
            } else {
                "single labels"
            },
            if pipeline.kind() == classify::topics::TopicKind::MultiLabel {
                "multi-label"
            } else {
                "multi-class"
            }
        );
    }
    let evaluation = pipeline.evaluate(&corpus);
    if a.json {
        writeln!(out, "{}", output::evaluation_json(&evaluation))?;
    } else {
        write!(out, "{}", output::evaluation_report(&evaluation))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(a: InspectArgs) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    let path = model_path(a.model);
    let pipeline = model_file::load(&path).context("cannot load the model")?;
    let info = pipeline.training();
    let an = pipeline.analyzer().settings();
    let tf = pipeline.tfidf().settings();
    writeln!(out, "model           {}", path.display())?;
    writeln!(
        out,
        "format          {} v{}",
        String::from_utf8_lossy(model_file::MAGIC),
        model_file::FORMAT_VERSION
    )?;
    writeln!(out, "trained by      classify {}", info.tool_version)?;
    writeln!(out, "kind            {:?}", pipeline.kind())?;
    writeln!(
        out,
        "corpus          {} documents, sha256 {}",
        info.documents, info.corpus_sha256
    )?;
    writeln!(
        out,
        "fields          id={} title={} text={} labels={}",
        info.fields.id, info.fields.title, info.fields.text, info.fields.label
    )?;
    writeln!(out,
        "analyzer        normalize={} lowercase={} stop_words={} stem={} ({}) ngrams={}..={} min_token_chars={} keep_numbers={}",
        an.normalize_arabic, an.lowercase, an.stop_words.len(), an.stem, an.stemmer, an.ngram_min, an.ngram_max,
        an.min_token_chars, an.keep_numbers
    )?;
    writeln!(out,
        "tfidf           vocabulary={} min_df={} max_df={} max_features={} sublinear_tf={} idf=smooth norm=l2",
        pipeline.tfidf().vocabulary().len(), tf.min_df, tf.max_df, tf.max_features, tf.sublinear_tf
    )?;
    writeln!(
        out,
        "topics          C={} max_iterations={} gradient_tolerance={} folds={}",
        info.topics.c,
        info.topics.max_iterations,
        info.topics.gradient_tolerance,
        info.topics.folds
    )?;
    if let Some(h) = &info.held_out {
        writeln!(
            out,
            "held-out        micro-F1 {:.4}  macro-F1 {:.4}  accuracy {:.4}",
            h.evaluation.micro_f1, h.evaluation.macro_f1, h.evaluation.accuracy
        )?;
    }
    let vocabulary = pipeline.tfidf().vocabulary();
    for (k, label) in pipeline.labels().iter().enumerate() {
        let count = info.label_counts.get(k).map_or(0, |c| c.1);
        let threshold = pipeline
            .topics()
            .threshold(k)
            .map(|t| format!(", threshold {t:.3}"))
            .unwrap_or_default();
        writeln!(out, "\n{label} ({count} training documents{threshold})")?;
        let strongest: Vec<String> = pipeline
            .topics()
            .strongest_features(k, a.top)
            .into_iter()
            .map(|(j, w)| format!("{} ({w:.2})", vocabulary.term(j)))
            .collect();
        writeln!(out, "  {}", strongest.join(", "))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn split(a: SplitArgs) -> Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    for path in &a.inputs {
        let text = corpus::lines::read_text(path)?;
        let page = Page::from_input(&text, classify::page::looks_like_html(path, &text));
        let articles = page.articles();
        writeln!(
            out,
            "== {}: {} article(s), {} characters after cleaning",
            path.display(),
            articles.len(),
            page.text().chars().count()
        )?;
        for (n, art) in articles.iter().enumerate() {
            writeln!(
                out,
                "\n-- #{} chars [{}, {}) title: {}",
                n + 1,
                art.start,
                art.end,
                art.title.as_deref().unwrap_or("(none)")
            )?;
            writeln!(out, "{}", art.body)?;
        }
        let kept: usize = articles.iter().map(|a| a.end - a.start).sum();
        writeln!(
            out,
            "\n-- left out: {} of {} characters (furniture, lists, headlines of other posts)\n",
            page.text().chars().count().saturating_sub(kept),
            page.text().chars().count()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
