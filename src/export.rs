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

/// Writes the export document to `out`, compact or pretty-printed, without
/// building it in memory first (an export of years of minutes is large).
pub fn write_json(
    meetings: &[Meeting],
    pretty: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let doc = Export { meetings };
    // File names and other text reach the terminal through JSON too.
    let mut safe = crate::sanitize::JsonSafeWriter::new(&mut *out);
    let result = if pretty {
        serde_json::to_writer_pretty(&mut safe, &doc)
    } else {
        serde_json::to_writer(&mut safe, &doc)
    };
    result.map_err(std::io::Error::from)?;
    writeln!(out)
}
