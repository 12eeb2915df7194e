//! referat: read Danish municipal meeting minutes ("referater") into a model that a
//! terminal browser and scripts can share.
//!
//! The layers, from the bottom:
//! - [`decode`]: bytes to text (BOM, UTF-8, Windows-1252, CRLF).
//! - [`loader`]: a pure function from minutes text to a [`model::Meeting`] plus
//!   diagnostics; no I/O, so it can be tested and fuzzed on strings.
//! - [`corpus`]: reads files and folders in parallel, orders the meetings and keeps
//!   the case-number index.
//! - [`export`], [`cli`]: the JSON export contract and the command line.
//! - [`tui`]: the terminal browser (state, input handling and rendering apart).
//! - [`sanitize`]: the last line of defence between document text and a terminal.
//! - [`fold`], [`entities`]: the one Danish fold and the one decoder of HTML
//!   character references, below everything that matches or reads text.

// Nothing here needs it: the memory maps and FFI of the crates below are theirs.
#![forbid(unsafe_code)]

pub mod action;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod entities;
pub mod export;
pub mod fold;
pub mod html;
pub mod i18n;
pub mod loader;
pub mod model;
pub mod pdf;
pub mod sanitize;
pub mod search;
pub mod theme;
pub mod tui;
pub mod watch;

pub use corpus::{Corpus, FileReport, ItemRef, TimelineEntry};
pub use model::{Date, HistoryEntry, Item, Meeting, Section, SectionKind, TocEntry};
