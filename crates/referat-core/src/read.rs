//! Reading one file into text, or saying why not: the sources layer below the
//! corpus and the cache.
//!
//! The only place a minutes file is opened: it checks the size limit,
//! sends PDFs through [`crate::pdf`], refuses binary files, decodes text
//! ([`crate::decode`]) and turns saved portal pages into text
//! ([`crate::html`]). Why a file gave nothing is a [`ReadError`], whose
//! `Display` is the English message of the command line; the browser words
//! each case in the reader's language.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::decode;
use crate::html;
use crate::loader;
use crate::pdf::{self, PdfError};

/// Files larger than this are refused: no minutes document comes near it, and reading
/// a stray disk image or log into memory would only stall the user.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file (or a folder given) yielded no meeting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    File(IoReason),
    /// A folder could not be listed.
    #[error("cannot read folder: {0}")]
    Folder(IoReason),
    /// A folder was named where a file was read.
    #[error("is a folder")]
    IsFolder,
    /// Larger than [`MAX_FILE_BYTES`]: no minutes come near it.
    #[error("skipped: {size_mb} MB is larger than the {limit_mb} MB limit for a minutes file")]
    TooLarge {
        /// The file's size, in MiB.
        size_mb: u64,
        /// The limit, in MiB.
        limit_mb: u64,
    },
    /// The file grew past the limit while it was being read.
    #[error("skipped: grew past the {limit_mb} MB limit while being read")]
    Grew {
        /// The limit, in MiB.
        limit_mb: u64,
    },
    /// The bytes are not text.
    #[error("binary file, not minutes text")]
    Binary,
    /// A PDF whose text could not be extracted.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// Text that is not minutes: the loader's reason, as its diagnostic says.
    #[error("{0}")]
    NotMinutes(String),
}

/// Why the file system refused, in the words a reader needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum IoReason {
    /// Nothing at that path.
    #[error("no such file or folder")]
    NotFound,
    /// Not allowed to read it.
    #[error("permission denied")]
    PermissionDenied,
    /// Anything else, as the system words it.
    #[error("{0}")]
    Other(String),
}

impl From<&std::io::Error> for IoReason {
    fn from(e: &std::io::Error) -> IoReason {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoReason::NotFound,
            std::io::ErrorKind::PermissionDenied => IoReason::PermissionDenied,
            _ => IoReason::Other(e.to_string()),
        }
    }
}

/// Reads one file's bytes and decodes them, or says why not.
pub fn read_text(path: &Path) -> Result<decode::Decoded, ReadError> {
    let bytes = read_bytes(path)?;
    decode_file(path, &bytes)
}

/// [`read_text`], for a file only wanted when `keep` passes its text: `None`
/// when it does not. Where the bytes are the text's bytes as far as ASCII
/// goes (UTF-8 and Windows-1252 text, not UTF-16, a PDF or markup), `keep`
/// sees the bytes before any decoding, so a file it refuses costs its read
/// and that scan only; otherwise it sees the decoded text. Inline markup
/// in a text file is left in the bytes: the loader turns a tag into a space
/// (or unwraps an autolink), so it cannot join letters and digits. For a test like
/// [`crate::prefilter`], which looks at ASCII letters and digits only, the
/// two give the same answer.
pub fn read_text_if(
    path: &Path,
    keep: &dyn Fn(&[u8]) -> bool,
) -> Option<Result<decode::Decoded, ReadError>> {
    // One buffer per thread, reused: most files are refused after a scan,
    // and a fresh allocation per file had the kernel zero pages for each.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        let found = match read_into(path, buffer) {
            Ok(()) => text_if(path, buffer, keep),
            Err(e) => Some(Err(e)),
        };
        if buffer.capacity() > KEPT_BUFFER {
            *buffer = Vec::new();
        }
        found
    })
}

/// The largest buffer [`read_text_if`] keeps between files.
const KEPT_BUFFER: usize = 8 * 1024 * 1024;

fn text_if(
    path: &Path,
    bytes: &[u8],
    keep: &dyn Fn(&[u8]) -> bool,
) -> Option<Result<decode::Decoded, ReadError>> {
    // A page is told by its start (`<!DOCTYPE html`, `<html`, after any
    // white space): a file whose first `<` has no letter or digit before it
    // may be one, and takes the decoded way. Markup further into a text file
    // is inline, which the loader turns into spaces or unwraps, leaving
    // letters and digits as they are.
    let may_be_page = memchr::memchr(b'<', bytes)
        .is_some_and(|first| !bytes[..first].iter().any(u8::is_ascii_alphanumeric));
    let ascii_as_is = !is_pdf(path, bytes)
        && encoding_rs::Encoding::for_bom(bytes).is_none_or(|(e, _)| e == encoding_rs::UTF_8)
        && !may_be_page;
    if ascii_as_is && !keep(bytes) {
        return None;
    }
    match decode_file(path, bytes) {
        Ok(decoded) if !ascii_as_is && !keep(decoded.text.as_bytes()) => None,
        other => Some(other),
    }
}

/// A file's bytes, within the size limit.
fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_into(path, &mut bytes)?;
    Ok(bytes)
}

/// A file's bytes into `bytes` (emptied first), within the size limit.
fn read_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    use std::io::Read;
    bytes.clear();
    let cannot_read = |e: std::io::Error| ReadError::File(IoReason::from(&e));
    // Opened first and asked its size through the handle: one lookup of
    // the path, not two (a cold lookup reads every file of the archive).
    let file = fs::File::open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(ReadError::IsFolder);
    }
    let limit_mb = MAX_FILE_BYTES / (1024 * 1024);
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size_mb: meta.len() / (1024 * 1024),
            limit_mb,
        });
    }
    bytes.reserve(meta.len() as usize + 1);
    // One byte past the limit tells a file that grew since its size was read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::Grew { limit_mb });
    }
    Ok(())
}

/// The text of a file's `bytes`: a PDF through `pdftotext`, a binary file
/// refused, text decoded and a saved page turned into text.
fn decode_file(path: &Path, bytes: &[u8]) -> Result<decode::Decoded, ReadError> {
    if is_pdf(path, bytes) {
        let items = |text: &str| loader::parse(text, "").meeting.map_or(0, |m| m.items.len());
        let extracted = pdf::read(path, items)?;
        return Ok(decode::Decoded {
            text: extracted.text.replace("\r\n", "\n"),
            encoding: match extracted.mode {
                pdf::Mode::Plain => "PDF (pdftotext)",
                pdf::Mode::Layout => "PDF (pdftotext -layout)",
            },
            had_bom: false,
        });
    }
    if decode::looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    let mut decoded = decode::decode(bytes);
    if html::looks_like_html(&decoded.text) {
        decoded.text = html::to_text(&decoded.text);
        decoded.encoding = "HTML";
    }
    Ok(decoded)
}

/// A PDF by name or by its `%PDF-` signature.
fn is_pdf(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_after_any_white_space_is_tested_on_its_text_not_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let page = format!(
            "{}<!DOCTYPE html><html><body><p>REFERAT</p><td>24/2</td>4964<!--x--></body></html>",
            " \n".repeat(700)
        );
        std::fs::write(&path, page).unwrap();
        let needle = crate::prefilter::CaseNeedle::new("24/24964").unwrap();
        let keep = |bytes: &[u8]| needle.may_hold(bytes);
        let read = read_text_if(&path, &keep).expect("let through").unwrap();
        assert_eq!(read.encoding, "HTML");
    }

    #[test]
    fn every_error_reads_as_the_command_line_has_always_printed_it() {
        let cases = [
            (
                ReadError::File(IoReason::NotFound),
                "cannot read: no such file or folder",
            ),
            (
                ReadError::Folder(IoReason::PermissionDenied),
                "cannot read folder: permission denied",
            ),
            (ReadError::IsFolder, "is a folder"),
            (
                ReadError::TooLarge {
                    size_mb: 65,
                    limit_mb: 64,
                },
                "skipped: 65 MB is larger than the 64 MB limit for a minutes file",
            ),
            (ReadError::Binary, "binary file, not minutes text"),
            (
                ReadError::Pdf(PdfError::TimedOut {
                    program: "pdftotext".into(),
                    seconds: 30,
                }),
                "cannot read PDF: pdftotext took longer than 30 s",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
        }
    }

    #[test]
    fn a_missing_file_and_a_folder_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(&dir.path().join("nope.txt")).unwrap_err(),
            ReadError::File(IoReason::NotFound)
        );
        assert_eq!(read_text(dir.path()).unwrap_err(), ReadError::IsFolder);
        std::fs::write(dir.path().join("b.txt"), b"\x00\x01\x02binary").unwrap();
        assert_eq!(
            read_text(&dir.path().join("b.txt")).unwrap_err(),
            ReadError::Binary
        );
    }
}
