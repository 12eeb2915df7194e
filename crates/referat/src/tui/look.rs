//! How the browser looks and speaks: the colour theme, the interface language
//! and the date format, chosen once from the configuration.
//!
//! Every style the browser draws with comes from [`Look::theme`] (see
//! [`crate::theme`]: meaning never rests on colour alone, so the `NO_COLOR`
//! theme works as well as the others), and every text from [`crate::i18n`] in
//! [`Look::lang`].

use std::fmt::Display;

use ratatui::style::Style;

use crate::config::DateFormat;
use crate::i18n::{self, Lang, Msg};
use crate::theme::Theme;
use referat_core::model::{Date, Meeting};

/// Theme, language and date format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    pub theme: Theme,
    pub lang: Lang,
    pub dates: DateFormat,
}

impl Look {
    /// A message in the interface language.
    pub fn text(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }

    /// A message with its `{}` filled in order.
    pub fn fill(&self, msg: Msg, args: &[&dyn Display]) -> String {
        msg.fill(self.lang, args)
    }

    /// Why a file gave no meeting, in the interface language.
    pub fn read_error(&self, error: &referat_core::read::ReadError) -> String {
        i18n::read_error(self.lang, error)
    }

    /// `n` with the singular or plural message.
    pub fn count(&self, n: usize, one: Msg, many: Msg) -> String {
        i18n::count(self.lang, n, one, many)
    }

    /// A date in the configured format; `no date` when there is none.
    pub fn date(&self, date: Option<Date>) -> String {
        date.map_or_else(
            || self.text(Msg::NoDate).to_string(),
            |d| self.dates.format(d),
        )
    }

    /// A meeting as people name it: `Direktionen 25-08-2025`, with the
    /// configured date format.
    pub fn label(&self, meeting: &Meeting) -> String {
        match (meeting.date, meeting.forum.is_empty()) {
            (Some(date), false) => format!("{} {}", meeting.forum, self.dates.format(date)),
            (Some(date), true) => self.dates.format(date),
            (None, false) => meeting.forum.to_string(),
            (None, true) => meeting.source.clone(),
        }
    }

    /// A pane or popup border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.theme.focused_border
        } else {
            self.theme.border
        }
    }

    /// The selected row of a list, focused or not; other rows plain.
    pub fn row(&self, selected: bool, focused: bool) -> Style {
        match (selected, focused) {
            (true, true) => self.theme.selection,
            (true, false) => self.theme.selection_unfocused,
            _ => self.theme.base,
        }
    }
}
