//! The loader: minutes text in, a meeting and diagnostics out. Pure: no I/O.

use serde::Serialize;

use crate::model::Meeting;

/// How much a diagnostic matters to someone checking their files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (an encoding used, mojibake repaired); nothing is wrong.
    Info,
    /// Something was read with a guess or could not be matched.
    Warning,
    /// The document could not be read as minutes.
    Error,
}

/// One finding of the loader about a document, with the line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based line in the source, when the finding is about one line.
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn info(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Info, line, message: message.into() }
    }
    pub fn warning(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, line, message: message.into() }
    }
    pub fn error(line: Option<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, line, message: message.into() }
    }
}

/// What the loader made of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// `None` when the text is not minutes (no title and no item headings).
    pub meeting: Option<Meeting>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses minutes text. `source` is recorded in the meeting as where it came from.
pub fn parse(_text: &str, _source: &str) -> Parsed {
    Parsed { meeting: None, diagnostics: vec![Diagnostic::error(None, "not implemented")] }
}
