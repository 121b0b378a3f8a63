//! Times loading a model file (read + decode + index), five times:
//!
//! ```sh
//! cargo run --release --example model_load -- bench-out/ant.model
//! ```
//!
//! `cargo bench` covers the shipped model; this measures the large models `benches/compare.sh`
//! trains, with the same allocator as the `classify` binary.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let path = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("usage: model_load MODEL"))?,
    );
    let mut out = std::io::stdout().lock();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let pipeline = classify::model_file::load(&path)?;
        let elapsed = start.elapsed();
        writeln!(
            out,
            "{}: {} terms, loaded in {:.1} ms",
            path.display(),
            pipeline.tfidf().vocabulary().len(),
            elapsed.as_secs_f64() * 1e3
        )?;
    }
    Ok(())
}
