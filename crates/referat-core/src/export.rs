//! The JSON export: a stable contract other tools read.
//!
//! `{"meetings": [ … ]}` with each meeting as the model serialises it. The field names
//! are fixed; new fields may be added, none renamed or removed.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Item, Meeting};
use crate::sanitize::{JsonSafeWriter, json_needs_escaping, json_safe};

/// The export document.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    /// The meetings in the order given, each as the model serialises it: the
    /// document's one top-level field.
    pub meetings: &'a [Meeting],
}

/// Serialises meetings as the export document, pretty-printed.
pub fn to_json(meetings: &[Meeting]) -> String {
    read_stored_sections(meetings);
    serde_json::to_string_pretty(&Export { meetings }).expect("the model always serialises")
}

/// Reads sections still in the cache, before serialising with serde (the
/// pretty-printed export): serialising never reads them, and refuses
/// sections not read.
fn read_stored_sections(meetings: &[Meeting]) {
    meetings.par_iter().flat_map(|m| &m.items).for_each(|item| {
        item.sections.read();
    });
}

/// How many meetings one thread serialises at a time in a compact export, and how
/// many such batches are in flight: enough to keep every core busy, few enough
/// that the output waiting to be written stays a few megabytes.
const BATCH: usize = 16;
const BATCHES_IN_FLIGHT: usize = 32;

/// Writes the export document to `out`, compact or pretty-printed, without
/// building it in memory first (an export of years of minutes is large).
///
/// The compact form, what scripts read, is serialised on all cores: batches of
/// meetings become JSON text in parallel and are written in order, byte for byte
/// what serialising the whole document at once gives.
pub fn write_json(meetings: &[Meeting], pretty: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if pretty {
        read_stored_sections(meetings);
        // File names and other text reach the terminal through JSON too.
        let mut safe = JsonSafeWriter::new(&mut *out);
        serde_json::to_writer_pretty(&mut safe, &Export { meetings })
            .map_err(std::io::Error::from)?;
        safe.finish()?;
    } else {
        out.write_all(b"{\"meetings\":[")?;
        for window in meetings.chunks(BATCH * BATCHES_IN_FLIGHT) {
            let first = std::ptr::eq(window.as_ptr(), meetings.as_ptr());
            let parts: Vec<Vec<u8>> = window
                .par_chunks(BATCH)
                .enumerate()
                .map(|(n, batch)| compact_batch(batch, !(first && n == 0)))
                .collect();
            for part in parts {
                out.write_all(&part)?;
            }
        }
        out.write_all(b"]}")?;
    }
    writeln!(out)
}

/// Meetings as comma-separated compact JSON made safe for a terminal, with a
/// leading comma unless they open the list.
fn compact_batch(batch: &[Meeting], leading_comma: bool) -> Vec<u8> {
    let mut json = Vec::with_capacity(batch.len() * 24 * 1024);
    for (n, meeting) in batch.iter().enumerate() {
        if leading_comma || n > 0 {
            json.push(b',');
        }
        let start = json.len();
        write_meeting(&mut json, meeting);
        // The bytes are UTF-8 by construction (see `write_meeting`): only
        // those with something to escape are checked as text.
        if !json_needs_escaping(&json[start..]) {
            continue;
        }
        let safe = match std::str::from_utf8(&json[start..]) {
            Ok(text) => json_safe(text).into_owned(),
            // Not what the cache wrote: serialise it the checked way.
            Err(_) => {
                meeting.read_sections();
                let text = serde_json::to_string(meeting).expect("the model always serialises");
                json_safe(&text).into_owned()
            }
        };
        json.truncate(start);
        json.extend_from_slice(safe.as_bytes());
    }
    json
}

/// A meeting as compact JSON: byte for byte what serde_json makes of it, but
/// with each unread item's sections copied from the cache as stored. Their
/// CRC-32 was checked as they were read, so they are the JSON (and UTF-8)
/// serde_json wrote when the cache was made; parsing them once more to check
/// that (what serialising them as a `RawValue` does) was a fifth of a warm
/// export.
///
/// The fields are listed as the model declares them. Taking the structs apart
/// exhaustively makes a field added to the model a compile error here, and
/// the tests compare this with serde_json's own output.
fn write_meeting(out: &mut Vec<u8>, meeting: &Meeting) {
    let Meeting {
        source,
        also_in,
        document,
        forum,
        date,
        start_time,
        location,
        participants,
        absent,
        toc,
        items,
    } = meeting;
    field(out, b'{', "source", source);
    if !also_in.is_empty() {
        field(out, b',', "also_in", also_in);
    }
    field(out, b',', "document", document);
    field(out, b',', "forum", forum);
    field(out, b',', "date", date);
    field(out, b',', "start_time", start_time);
    field(out, b',', "location", location);
    field(out, b',', "participants", participants);
    field(out, b',', "absent", absent);
    field(out, b',', "toc", toc);
    out.extend_from_slice(b",\"items\":[");
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write_item(out, item);
    }
    out.extend_from_slice(b"]}");
}

/// An item as compact JSON, as [`write_meeting`] explains.
fn write_item(out: &mut Vec<u8>, item: &Item) {
    let Item {
        number,
        title,
        case_numbers,
        closed,
        toc_page,
        line,
        sections,
        history,
        // Not part of the export contract.
        mentions: _,
    } = item;
    field(out, b'{', "number", number);
    field(out, b',', "title", title);
    field(out, b',', "case_numbers", case_numbers);
    field(out, b',', "closed", closed);
    field(out, b',', "toc_page", toc_page);
    field(out, b',', "line", line);
    out.extend_from_slice(b",\"sections\":");
    match sections.stored_json() {
        Some(json) => out.extend_from_slice(&json),
        // In memory, or stored but damaged: read (again from the source).
        None => value(out, sections.read()),
    }
    field(out, b',', "history", history);
    out.push(b'}');
}

/// One object member as compact JSON, after `separator` (`{` or `,`).
fn field(out: &mut Vec<u8>, separator: u8, name: &str, member: &impl Serialize) {
    out.push(separator);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    value(out, member);
}

/// One value as compact JSON.
fn value(out: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(out, value).expect("the model always serialises");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many_meetings() -> Vec<Meeting> {
        let sample = crate::corpus::Corpus::bundled().into_meetings();
        // More than one window, and a last batch that is not full.
        (0..BATCH * BATCHES_IN_FLIGHT * 2 + 7)
            .map(|n| {
                let mut meeting = sample[n % sample.len()].clone();
                meeting.source = format!("m{n}\u{202e}.txt");
                meeting
            })
            .collect()
    }

    #[test]
    fn parallel_compact_export_is_the_document_serialised_at_once() {
        let meetings = many_meetings();
        let mut out = Vec::new();
        write_json(&meetings, false, &mut out).unwrap();
        let whole = serde_json::to_string(&Export {
            meetings: &meetings,
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}\n", json_safe(&whole))
        );
    }

    #[test]
    fn pretty_and_compact_exports_hold_the_same_document() {
        let meetings = many_meetings();
        let (mut compact, mut pretty) = (Vec::new(), Vec::new());
        write_json(&meetings, false, &mut compact).unwrap();
        write_json(&meetings, true, &mut pretty).unwrap();
        let a: serde_json::Value = serde_json::from_slice(&compact).unwrap();
        let b: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
        assert_eq!(a, b);
        assert!(!String::from_utf8(pretty).unwrap().contains('\u{202e}'));
        assert_eq!(a["meetings"].as_array().unwrap().len(), meetings.len());
    }

    /// The bundled sample's meetings, and the same read back from a cache
    /// (in `dir`), their sections unread.
    fn fresh_and_cached(dir: &std::path::Path) -> (Vec<Meeting>, Vec<Meeting>) {
        use crate::cache::{self, EntryRef, FileKey};
        let corpus = crate::corpus::Corpus::bundled();
        let path = dir.join("cache");
        let key = FileKey {
            device: 1,
            inode: 2,
            size: 3,
            modified_secs: 4,
            modified_nanos: 5,
        };
        let entries = corpus.meetings().iter().map(|m| {
            let entry = EntryRef {
                key: &key,
                encoding: Some("UTF-8"),
                error: None,
                diagnostics: &[],
                meeting: Some(m),
            };
            (m.source.as_str(), entry)
        });
        cache::write(&path, entries).unwrap();
        let mut cached = cache::read(&path, crate::corpus::reread_sections);
        let cached: Vec<Meeting> = corpus
            .meetings()
            .iter()
            .map(|m| cached.remove(&m.source).unwrap().meeting.unwrap())
            .collect();
        assert!(!cached[0].items[0].sections.is_loaded());
        (corpus.into_meetings(), cached)
    }

    #[test]
    fn a_pretty_export_of_cached_meetings_is_laid_out_as_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let (fresh, cached) = fresh_and_cached(dir.path());
        assert_eq!(to_json(&cached), to_json(&fresh));
    }

    #[test]
    fn a_compact_export_copies_cached_sections_through_as_serde_would_write_them() {
        let dir = tempfile::tempdir().unwrap();
        let (fresh, cached) = fresh_and_cached(dir.path());
        let (mut from_cache, mut from_fresh) = (Vec::new(), Vec::new());
        write_json(&cached, false, &mut from_cache).unwrap();
        assert!(
            cached
                .iter()
                .flat_map(|m| &m.items)
                .all(|i| !i.sections.is_loaded()),
            "copied, not parsed"
        );
        write_json(&fresh, false, &mut from_fresh).unwrap();
        assert_eq!(from_cache, from_fresh);
        let whole = serde_json::to_string(&Export { meetings: &fresh }).unwrap();
        assert_eq!(from_fresh, format!("{}\n", json_safe(&whole)).into_bytes());
    }

    #[test]
    fn an_empty_export_is_an_empty_list() {
        let mut out = Vec::new();
        write_json(&[], false, &mut out).unwrap();
        assert_eq!(out, b"{\"meetings\":[]}\n");
    }
}
