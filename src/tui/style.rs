//! Every style the browser uses, in one place.
//!
//! Meaning never rests on colour alone: focus is a thick border and a bold
//! title, decisions carry a `▌` gutter and reverse video, matches are
//! underlined as well as coloured, closed items are dimmed and say `Lukket`.

use ratatui::style::{Color, Modifier, Style};

pub fn plain() -> Style {
    Style::new()
}
pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
/// An ordinary section heading (`Baggrund`).
pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
/// A decision heading: reverse video, so it stands out on a monochrome screen.
pub fn decision_heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}
/// The `▌` bar in front of every line of a decision.
pub fn decision_gutter() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}
pub fn table_rule() -> Style {
    dim()
}
/// A search hit in the detail.
pub fn hit() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::UNDERLINED)
}
/// The search hit that `n`/`N` is on.
pub fn current_hit() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
/// Characters the finder matched.
pub fn matched() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
/// The selected row of the focused list.
pub fn selected_focused() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}
/// The selected row of a list without focus.
pub fn selected_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        dim()
    }
}
pub fn status() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn status_key() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}
