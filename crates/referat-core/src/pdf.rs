//! Text from PDF minutes, through poppler's `pdftotext`.
//!
//! People have the PDFs municipalities publish, not text files. Rather than carry a
//! PDF parser, referat runs `pdftotext` (Debian package `poppler-utils`) as a
//! subprocess with a time limit, so a hostile or huge PDF cannot hang the load.
//! `pdftotext` has two modes that read differently: plain (reading order) and
//! `-layout` (columns kept); plain is tried first and layout only when plain gives
//! no items, and the reading with more items wins. What counts as an item is
//! the caller's to say: this module only extracts text.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The program that extracts text; `REFERAT_PDFTOTEXT` names another (tests use it
/// to simulate a machine without poppler).
pub fn program() -> String {
    std::env::var("REFERAT_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".to_string())
}

/// How long one extraction may take before it is abandoned.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A `pdftotext` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `pdftotext` without options: text in reading order, one column after
    /// another.
    Plain,
    /// `pdftotext -layout`: the page as laid out, columns side by side on the
    /// same lines.
    Layout,
}

impl Mode {
    /// The mode as one lower-case word: `plain` or `layout`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Layout => "layout",
        }
    }
}

/// Extracted text and the mode that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// What `pdftotext` printed, invalid UTF-8 replaced; each page ends with a
    /// form feed.
    pub text: String,
    /// The mode that gave `text`: [`Mode::Layout`] only when the plain reading
    /// has no items and the layout reading has more.
    pub mode: Mode,
}

/// Why a PDF gave no text. The `Display` form is the English message the
/// command line prints; the browser words each case in its own language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PdfError {
    /// The extractor is not installed.
    #[error(
        "cannot read PDF: {program} is not installed (Debian/Ubuntu: apt install poppler-utils); other files still load"
    )]
    NotInstalled {
        /// The program looked for ([`program`]).
        program: String,
    },
    /// The extractor is there but could not be started.
    #[error("cannot read PDF: could not run {program}: {reason}")]
    CouldNotRun {
        /// The program run.
        program: String,
        /// What the system said.
        reason: String,
    },
    /// The extraction took longer than [`TIMEOUT`] and was stopped.
    #[error("cannot read PDF: {program} took longer than {seconds} s")]
    TimedOut {
        /// The program run.
        program: String,
        /// The time limit, in seconds.
        seconds: u64,
    },
    /// The extractor ran and failed: a damaged or encrypted file.
    #[error("cannot read PDF: {program} failed ({status}); the file may be damaged or encrypted")]
    Failed {
        /// The program run.
        program: String,
        /// Its exit status, as the system words it.
        status: String,
    },
    /// Its output could not be taken in.
    #[error("cannot read PDF: {reason}")]
    Output {
        /// What went wrong.
        reason: String,
    },
}

/// Extracts the text of the PDF at `path` in the mode that reads best: the one
/// in which `items` counts more items.
pub fn read(path: &Path, items: impl Fn(&str) -> usize) -> Result<Extracted, PdfError> {
    let plain = extract(path, Mode::Plain)?;
    let plain_items = items(&plain);
    if plain_items > 0 {
        return Ok(Extracted {
            text: plain,
            mode: Mode::Plain,
        });
    }
    match extract(path, Mode::Layout) {
        Ok(layout) if items(&layout) > plain_items => Ok(Extracted {
            text: layout,
            mode: Mode::Layout,
        }),
        _ => Ok(Extracted {
            text: plain,
            mode: Mode::Plain,
        }),
    }
}

/// Runs `pdftotext` once, with the time limit.
pub fn extract(path: &Path, mode: Mode) -> Result<String, PdfError> {
    let program = program();
    let mut command = Command::new(&program);
    command.arg("-enc").arg("UTF-8").arg("-q");
    if mode == Mode::Layout {
        command.arg("-layout");
    }
    command
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            PdfError::NotInstalled {
                program: program.clone(),
            }
        } else {
            PdfError::CouldNotRun {
                program: program.clone(),
                reason: e.to_string(),
            }
        }
    })?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut {
                    program,
                    seconds: TIMEOUT.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                return Err(PdfError::Output {
                    reason: e.to_string(),
                });
            }
        }
    };
    let output = |reason: String| PdfError::Output { reason };
    let bytes = reader
        .join()
        .map_err(|_| output("output reader failed".to_string()))?
        .map_err(|e| output(e.to_string()))?;
    if !status.success() {
        return Err(PdfError::Failed {
            program,
            status: status.to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The page of a PDF on which line `line` (1-based) of its extracted text
/// stands: one more than the form feeds up to and including that line, since
/// `pdftotext` starts each page after the first with one. For opening a
/// viewer at an item.
pub fn page_of_line(text: &str, line: usize) -> u32 {
    let feeds = text
        .split('\n')
        .take(line.max(1))
        .map(|l| l.matches('\u{c}').count())
        .sum::<usize>();
    u32::try_from(feeds).unwrap_or(u32::MAX).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names() {
        assert_eq!(Mode::Plain.name(), "plain");
        assert_eq!(Mode::Layout.name(), "layout");
    }

    #[test]
    fn the_page_of_a_line_counts_the_form_feeds_up_to_it() {
        let text = "REFERAT\nPunkt 1: A\n\u{c}Punkt 2: B\ntext\n\u{c}\u{c}Punkt 3: C\n";
        assert_eq!(page_of_line(text, 1), 1);
        assert_eq!(page_of_line(text, 2), 1);
        // A heading that opens a page is on that page.
        assert_eq!(page_of_line(text, 3), 2);
        assert_eq!(page_of_line(text, 4), 2);
        // An empty page in between is counted.
        assert_eq!(page_of_line(text, 5), 4);
        assert_eq!(page_of_line(text, 0), 1);
        assert_eq!(page_of_line(text, 99), 4);
    }
}
