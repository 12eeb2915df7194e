//! referat-core: reads Danish municipal meeting minutes ("referater") into a
//! model of meetings, items and cases that the browser and scripts share.
//!
//! This crate has no terminal, UI or command-line dependency; the `referat`
//! crate above it holds the command line and the browser. The layers, from the
//! bottom (a layer uses only the layers before it in this list, never one
//! after):
//! - [`model`]: meetings, items, sections, dates and case numbers as plain data.
//! - Text: [`fold`] (the one Danish fold, with a map back to the original
//!   offsets), [`sanitize`] (the last line of defence between document text
//!   and a terminal) and [`entities`] (the one decoder of HTML character
//!   references, which leaves no control character it decodes).
//! - [`loader`]: a pure function from minutes text to a [`model::Meeting`] plus
//!   diagnostics; no I/O, so it can be tested and fuzzed on strings.
//! - Sources: [`decode`] (bytes to text: BOM, UTF-8, Windows-1252, CRLF),
//!   [`html`] (saved portal pages to text), [`pdf`] (PDF through
//!   `pdftotext`), [`read`] (one file to text through these, or a typed
//!   [`read::ReadError`]) and [`walk`] (the one folder walk and list of
//!   minutes extensions).
//! - Store: [`cache`] (parsed meetings on disk, given its reader by the
//!   corpus), [`corpus`] (parallel reading, stable meeting ids, the date
//!   order and the case index, streaming loads) and [`watch`] (changes under
//!   opened folders).
//! - [`search`] (full-text search), [`mentions`] (case numbers written in
//!   items' text, found through search) and [`export`] (the JSON export
//!   contract).

pub mod cache;
pub mod corpus;
pub mod decode;
pub mod entities;
pub mod export;
pub mod fold;
pub mod folded;
pub mod html;
pub mod loader;
pub mod mentions;
pub mod model;
pub mod pdf;
pub mod prefilter;
pub mod read;
pub mod sanitize;
pub mod search;
pub mod walk;
pub mod watch;

pub use corpus::{Corpus, FileReport, ItemRef, TimelineEntry};
pub use model::{Date, HistoryEntry, Item, Meeting, Section, SectionKind, TocEntry};
