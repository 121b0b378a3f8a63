//! Pages: scraped text or HTML cleaned and split into articles (see `classify split`).
