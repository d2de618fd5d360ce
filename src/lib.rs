//! kblint: a fast linter for customer-support knowledge bases.
//!
//! The pipeline reads top to bottom in [`engine::run`]: discover → load → per-article
//! checks in parallel → corpus-wide checks → suppressions → report.

#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod article;
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
pub mod lexicon;
pub mod line_index;
pub mod report;
pub mod review;
pub mod rules;
pub mod suppress;
pub mod yaml;
