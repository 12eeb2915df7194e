//! Colour themes: every style the browser draws with, as named fields, for a
//! dark terminal (the default), a light one and high contrast.
//!
//! Meaning never rests on colour alone: selection is reverse
//! video, decisions are bold and reversed, matches underlined. That is what makes
//! [`Theme::monochrome`], used when `NO_COLOR` is set (<https://no-color.org>),
//! as usable as the coloured themes. The dark theme is exactly the browser's
//! original look, so switching to themes changes nothing for existing users.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

/// Every style the browser uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The whole screen (plain text); high contrast sets white on black.
    pub base: Style,
    /// Secondary text: counts, pages, closed items, empty-state messages.
    pub dimmed: Style,
    /// Emphasis inside text (keys in help, case numbers).
    pub bold: Style,
    /// An item's title at the top of the detail.
    pub title: Style,
    /// A section heading (`Baggrund`).
    pub heading: Style,
    /// A decision heading (`Beslutning`): must differ from `heading` without colour.
    pub decision_heading: Style,
    /// The `▌` gutter of decision lines and the `✓` marker in the items list.
    pub decision_marker: Style,
    /// The `●` of an item of something followed that is not seen yet.
    pub new_marker: Style,
    /// Rules between table cells.
    pub table_rule: Style,
    /// A search hit in the detail.
    pub hit: Style,
    /// The search hit `n`/`N` is on.
    pub current_hit: Style,
    /// Characters the finder matched.
    pub matched: Style,
    /// The selected row of the focused list.
    pub selection: Style,
    /// The selected row of a list without focus.
    pub selection_unfocused: Style,
    /// The border of the focused pane or popup.
    pub focused_border: Style,
    /// The border of other panes.
    pub border: Style,
    /// The status line.
    pub status: Style,
    /// Keys and messages in the status line.
    pub status_key: Style,
    /// Error messages (a reload that failed, an editor that could not start).
    pub error: Style,
}

const BOLD: Modifier = Modifier::BOLD;
const DIM: Modifier = Modifier::DIM;
const REVERSED: Modifier = Modifier::REVERSED;
const UNDERLINED: Modifier = Modifier::UNDERLINED;

fn m(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    /// The theme for a config setting; `no_color` (see [`no_color`]) overrides it.
    pub fn from_config(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    /// For dark terminals: the browser's original styles.
    pub fn dark() -> Theme {
        Theme {
            base: Style::new(),
            dimmed: m(DIM),
            bold: m(BOLD),
            title: m(BOLD),
            heading: m(BOLD | UNDERLINED),
            decision_heading: m(BOLD | REVERSED),
            decision_marker: Style::new().fg(Color::Green).add_modifier(BOLD),
            new_marker: Style::new().fg(Color::LightMagenta).add_modifier(BOLD),
            table_rule: m(DIM),
            hit: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(UNDERLINED),
            current_hit: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(BOLD | UNDERLINED),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(BOLD | UNDERLINED),
            selection: m(REVERSED | BOLD),
            selection_unfocused: m(BOLD | UNDERLINED),
            focused_border: Style::new().fg(Color::Cyan).add_modifier(BOLD),
            border: m(DIM),
            status: m(REVERSED),
            status_key: m(REVERSED | BOLD),
            error: Style::new().fg(Color::LightRed).add_modifier(BOLD),
        }
    }

    /// For light terminals: no yellow or cyan text, which fades on white.
    pub fn light() -> Theme {
        Theme {
            decision_marker: Style::new().fg(Color::Green).add_modifier(BOLD),
            new_marker: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            hit: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(UNDERLINED),
            current_hit: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD | UNDERLINED),
            matched: Style::new()
                .fg(Color::Magenta)
                .add_modifier(BOLD | UNDERLINED),
            focused_border: Style::new().fg(Color::Blue).add_modifier(BOLD),
            error: Style::new().fg(Color::Red).add_modifier(BOLD),
            ..Theme::dark()
        }
    }

    /// White on black, bright accents and no dimmed text: dim is what low
    /// vision loses first, so secondary text is plain white here.
    pub fn high_contrast() -> Theme {
        let text = Style::new().fg(Color::White).bg(Color::Black);
        Theme {
            base: text,
            dimmed: text,
            bold: text.add_modifier(BOLD),
            title: text.add_modifier(BOLD),
            heading: text.add_modifier(BOLD | UNDERLINED),
            decision_heading: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(BOLD),
            decision_marker: text.fg(Color::LightGreen).add_modifier(BOLD),
            new_marker: text.fg(Color::LightMagenta).add_modifier(BOLD),
            table_rule: text,
            hit: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(BOLD | UNDERLINED),
            current_hit: Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(BOLD | UNDERLINED),
            matched: text.fg(Color::LightYellow).add_modifier(BOLD | UNDERLINED),
            selection: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(BOLD),
            selection_unfocused: text.add_modifier(BOLD | UNDERLINED),
            focused_border: text.fg(Color::LightYellow).add_modifier(BOLD),
            border: text,
            status: Style::new().fg(Color::Black).bg(Color::White),
            status_key: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(BOLD),
            error: text.fg(Color::LightRed).add_modifier(BOLD),
        }
    }

    /// No colours at all, for `NO_COLOR`: only bold, dim, underline and reverse.
    pub fn monochrome() -> Theme {
        Theme {
            decision_marker: m(BOLD),
            new_marker: m(BOLD),
            hit: m(REVERSED | UNDERLINED),
            current_hit: m(REVERSED | BOLD | UNDERLINED),
            matched: m(BOLD | UNDERLINED),
            focused_border: m(BOLD),
            error: m(BOLD | REVERSED),
            ..Theme::dark()
        }
    }

    /// Every style with its field name, for tests and a theme preview.
    pub fn styles(&self) -> [(&'static str, Style); 19] {
        [
            ("base", self.base),
            ("dimmed", self.dimmed),
            ("bold", self.bold),
            ("title", self.title),
            ("heading", self.heading),
            ("decision_heading", self.decision_heading),
            ("decision_marker", self.decision_marker),
            ("new_marker", self.new_marker),
            ("table_rule", self.table_rule),
            ("hit", self.hit),
            ("current_hit", self.current_hit),
            ("matched", self.matched),
            ("selection", self.selection),
            ("selection_unfocused", self.selection_unfocused),
            ("focused_border", self.focused_border),
            ("border", self.border),
            ("status", self.status),
            ("status_key", self.status_key),
            ("error", self.error),
        ]
    }
}

/// Whether `NO_COLOR` asks for no colours: set and not empty, as the convention says.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> [Theme; 4] {
        [
            Theme::dark(),
            Theme::light(),
            Theme::high_contrast(),
            Theme::monochrome(),
        ]
    }

    #[test]
    fn no_color_means_no_colour_in_any_theme() {
        for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
            let theme = Theme::from_config(name, true);
            for (field, style) in theme.styles() {
                assert_eq!(style.fg, None, "{name:?}.{field}");
                assert_eq!(style.bg, None, "{name:?}.{field}");
                assert_eq!(style.underline_color, None, "{name:?}.{field}");
            }
        }
    }

    /// What must stay visible on any screen: the selection, decisions against
    /// other headings, hits against text, the focused pane against the others.
    #[test]
    fn meaning_survives_every_theme() {
        for theme in all() {
            assert_ne!(theme.selection, theme.base);
            assert_ne!(theme.selection, theme.selection_unfocused);
            assert_ne!(theme.selection_unfocused, theme.base);
            assert_ne!(theme.decision_heading, theme.heading);
            assert_ne!(theme.decision_marker, theme.base);
            assert_ne!(theme.new_marker, theme.base);
            assert_ne!(theme.hit, theme.base);
            assert_ne!(theme.current_hit, theme.hit);
            assert_ne!(theme.matched, theme.base);
            assert_ne!(theme.focused_border, theme.border);
            assert_ne!(theme.status, theme.base);
        }
    }

    /// Without colour, the differences rest on modifiers alone.
    #[test]
    fn monochrome_differences_are_modifiers() {
        let t = Theme::monochrome();
        let mods = |s: Style| s.add_modifier;
        assert!(mods(t.selection).contains(Modifier::REVERSED));
        assert!(!mods(t.base).contains(Modifier::REVERSED));
        assert_ne!(mods(t.decision_heading), mods(t.heading));
        assert!(mods(t.decision_heading).contains(Modifier::REVERSED));
        assert_ne!(mods(t.hit), mods(t.base));
        assert_ne!(mods(t.focused_border), mods(t.border));
    }

    #[test]
    fn the_config_chooses_the_theme() {
        assert_eq!(Theme::from_config(ThemeName::Dark, false), Theme::default());
        assert_eq!(Theme::from_config(ThemeName::Light, false), Theme::light());
        assert_eq!(
            Theme::from_config(ThemeName::HighContrast, false),
            Theme::high_contrast()
        );
        assert_ne!(Theme::light(), Theme::dark());
        assert_ne!(Theme::high_contrast(), Theme::dark());
    }
}
