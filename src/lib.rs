//! `classify`: labels news articles with the topics they are about — security alliances,
//! military exercises, sanctions — in Arabic and English.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! page ──► articles ──► analyzer ──► tfidf ──► topics ──► labels
//! (page)    (page)      (analyzer)   (tfidf)   (topics)
//! ```
//!
//! - [`page`] cleans scraped pages (plain text or HTML) and splits them into articles;
//! - [`analyzer`] normalises, tokenises, stems and builds n-grams;
//! - [`tfidf`] turns terms into L2-normalised sparse TF-IDF rows;
//! - [`topics`] holds the logistic models (one binary model per label, or one multinomial
//!   model) and their decision thresholds;
//! - [`pipeline`] ties them together; [`model_file`] saves and loads it as one file;
//! - [`corpus`] reads labelled and unlabelled articles; [`metrics`] scores predictions.

pub mod analyzer;
pub mod corpus;
pub mod error;
pub mod metrics;
pub mod model_file;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod tfidf;
pub mod topics;

pub use error::{Error, Result};
