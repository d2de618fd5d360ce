//! kblint: a fast linter for customer-support knowledge bases.
//!
//! The pipeline reads top to bottom in [`engine::run`]: discover → load → per-article
//! checks in parallel → corpus-wide checks → suppressions → report.

#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod article;
pub mod baseline;
pub mod cache;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod facts;
pub mod fsutil;
pub mod git;
pub mod health;
pub mod lexicon;
pub mod line_index;
pub mod lsp;
pub mod report;
pub mod review;
pub mod rules;
pub mod sentences;
pub mod stamp;
pub mod suppress;
pub mod text;
pub mod timebound;
pub mod yaml;
