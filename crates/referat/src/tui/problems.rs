//! The problems view (`P`): every file that could not be read or was read
//! with warnings, and each of its findings with the line it is about; Enter
//! opens the file there in the editor.
//!
//! The status line only counts such files; this lists them, as `referat
//! check` does on the command line. A component like [`super::timeline`]:
//! its state ([`Problems`], built once when it opens), its keys
//! ([`Problems::update`]) and its drawing ([`draw`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::action::Action;
use super::layout;
use super::list::{ListCursor, page_delta};
use super::look::Look;
use super::text::{fit_right, truncate_start};
use super::widgets::{ListPopup, cell, list_popup};
use crate::i18n::Msg;
use referat_core::corpus::Corpus;
use referat_core::loader::Severity;
use referat_core::sanitize::for_terminal;

/// One finding: the file, the line it is about (if any) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the corpus names it.
    pub source: String,
    /// The 1-based line the finding is about, when it is about one.
    pub line: Option<usize>,
    /// The finding, in the reader's language where referat words it.
    pub text: String,
    /// The file gave no meeting (an error, not a warning).
    pub failed: bool,
    /// The row that names the file, above its findings.
    pub header: bool,
}

/// The problems popup: its rows and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// Every finding of every file with warnings or errors, file by file.
    pub rows: Vec<Problem>,
    /// The selected row.
    pub cursor: ListCursor,
}

/// What a key in the problems view asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The cursor moved, or nothing happened.
    Stay,
    /// Close the view.
    Close,
    /// Open this file at this line.
    Open { source: String, line: usize },
}

impl Problems {
    /// The findings of `corpus`, worded in `look`'s language.
    pub fn of(corpus: &Corpus, look: &Look) -> Problems {
        let mut rows = Vec::new();
        for report in corpus.reports.iter().filter(|r| r.has_warnings()) {
            rows.push(Problem {
                source: report.source.clone(),
                line: None,
                text: String::new(),
                failed: report.error.is_some(),
                header: true,
            });
            if let Some(error) = &report.error {
                rows.push(Problem {
                    source: report.source.clone(),
                    line: None,
                    text: look.read_error(error),
                    failed: true,
                    header: false,
                });
            }
            // The reason a file failed is its first row already.
            for d in report
                .other_diagnostics()
                .filter(|d| d.severity >= Severity::Warning)
            {
                rows.push(Problem {
                    source: report.source.clone(),
                    line: d.line,
                    text: d.message.clone(),
                    failed: false,
                    header: false,
                });
            }
        }
        Problems {
            rows,
            cursor: ListCursor::default(),
        }
    }

    /// Applies a key's action, `height` rows being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        match action {
            Action::Enter => match self.rows.get(self.cursor.selected) {
                Some(row) => Outcome::Open {
                    source: row.source.clone(),
                    line: row.line.unwrap_or(1),
                },
                None => Outcome::Stay,
            },
            Action::Back | Action::ShowProblems => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.cursor.move_by(delta, self.rows.len());
                }
                Outcome::Stay
            }
        }
    }
}

/// Draws the view over `area`: each file on a row of its own (cut from the
/// start, where paths differ), a file that gave no meeting in the error
/// style, then its findings with their lines.
pub fn draw(frame: &mut Frame, look: &Look, problems: &Problems, area: Rect) {
    let t = &look.theme;
    let findings = problems.rows.iter().filter(|r| !r.header).count();
    let list = ListPopup {
        title: look.fill(Msg::ProblemsTitle, &[&findings]),
        footer: look.text(Msg::ProblemsFooter),
        empty: Some(look.text(Msg::NoProblems)),
        len: problems.rows.len(),
        cursor: problems.cursor,
    };
    list_popup(frame, look, layout::wide(area), list, |n, w| {
        let row = &problems.rows[n];
        if row.header {
            let style = if row.failed { t.error } else { t.bold };
            let source = truncate_start(&for_terminal(&row.source), w);
            vec![Span::styled(source, style)]
        } else {
            let line = row.line.map(|l| l.to_string()).unwrap_or_default();
            let style = if row.failed { t.error } else { t.base };
            vec![
                Span::styled(fit_right(&line, 6), t.dimmed),
                Span::raw(" "),
                cell(&for_terminal(&row.text), w.saturating_sub(7), style),
            ]
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::from_texts([
            (
                "good.txt".to_string(),
                crate::tui::testing::MARCH.to_string(),
            ),
            (
                "note.txt".to_string(),
                "Just a note, not minutes.".to_string(),
            ),
        ])
    }

    #[test]
    fn it_lists_each_file_with_problems_and_enter_opens_it_there() {
        let corpus = corpus();
        let mut problems = Problems::of(&corpus, &Look::default());
        assert!(!problems.rows.is_empty());
        assert!(
            problems.rows.iter().all(|r| r.source == "note.txt"),
            "{:?}",
            problems.rows
        );
        assert!(problems.rows[0].failed && problems.rows[0].header);
        assert!(problems.rows[1].failed && !problems.rows[1].header);
        assert_eq!(
            problems.update(Action::Enter, 10),
            Outcome::Open {
                source: "note.txt".into(),
                line: problems.rows[0].line.unwrap_or(1)
            }
        );
        assert_eq!(problems.update(Action::Back, 10), Outcome::Close);
    }
}
