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
//!
//! Labelling an article with the shipped model:
//!
//! ```
//! use std::path::Path;
//!
//! let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.model");
//! let model = classify::model_file::load(&path)?;
//! let prediction = model.predict("فرضت الولايات المتحدة عقوبات جديدة على شركات إيرانية لنقل النفط وجمدت أصولها");
//! let labels: Vec<&str> = prediction.labels.iter().map(|&l| model.labels()[l].as_str()).collect();
//! assert_eq!(labels, ["sanctions"]);
//! # Ok::<(), classify::Error>(())
//! ```
//!
//! Cutting a scraped page into articles:
//!
//! ```
//! let page = classify::page::Page::from_text(
//!     "• الرئيسية\nNo Result\nعنوان الخبر الأول هنا\n\
//!      هذه فقرة أولى طويلة بما يكفي لتكون جزءا من مقال حقيقي في صفحة مأخوذة من موقع إخباري عربي، \
//!      وهي تتحدث عن حدث واحد بتفاصيل كثيرة وأسماء وأماكن وتواريخ متعددة.\n\
//!      وهذه فقرة ثانية تكمل الخبر نفسه وتضيف تصريحات المسؤولين وردود الفعل المختلفة عليه \
//!      من الأطراف المعنية في المنطقة وخارجها، قبل أن يعود الكاتب إلى الخلفية التاريخية.\n\
//!      إقرأ أيضاً:\n• خبر آخر",
//! );
//! let articles = page.articles();
//! assert_eq!(articles.len(), 1);
//! assert_eq!(articles[0].title.as_deref(), Some("عنوان الخبر الأول هنا"));
//! ```

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
