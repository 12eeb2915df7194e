//! The JSON export: a stable contract other tools read.
//!
//! `{"meetings": [ … ]}` with each meeting as the model serialises it. The field names
//! are fixed; new fields may be added, none renamed or removed.

use serde::Serialize;

use crate::model::Meeting;

/// The export document.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub meetings: &'a [Meeting],
}

/// Serialises meetings as the export document, pretty-printed.
pub fn to_json(meetings: &[Meeting]) -> String {
    serde_json::to_string_pretty(&Export { meetings }).expect("the model always serialises")
}
