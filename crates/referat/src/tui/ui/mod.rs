//! Drawing: a pure function from `&App` to a frame. The panes are drawn
//! here; each popup draws itself ([`super::finder::view`],
//! [`super::fulltext::view`], [`super::timeline`], [`super::help`]), and
//! all draw with [`super::widgets`].
//!
//! Nothing here changes state; offsets and laid-out text were computed by
//! [`App::sync`](super::app::App::sync). Every string from a document passes
//! through [`for_terminal`](referat_core::sanitize::for_terminal) before it reaches a
//! buffer, and every column is measured in display cells.

mod detail_pane;
mod lists;
mod status;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::app::{App, Popup};
use crate::i18n::Msg;
use crate::tui::keys::Context;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    // The theme's base style under everything (high contrast: white on black).
    frame.render_widget(Block::new().style(app.look.theme.base), area);
    let panes = app.panes_in(area, app.focus);
    if let Some(r) = panes.meetings {
        lists::meetings(frame, app, r);
    }
    if let Some(r) = panes.items {
        lists::items(frame, app, r);
    }
    if let Some(r) = panes.detail {
        detail_pane::draw(frame, app, r);
    }
    status::draw(frame, app, panes.status);
    match &app.popup {
        Some(Popup::Finder { .. }) => {
            let is_new = |at| app.following.is_new(at);
            crate::tui::finder::view::draw(frame, &app.look, &app.finder, &is_new, area)
        }
        Some(Popup::FullText { .. }) => {
            let is_new = |at| app.following.is_new(at);
            crate::tui::fulltext::view::draw(
                frame,
                &app.look,
                app.corpus(),
                &app.fulltext,
                &is_new,
                area,
            )
        }
        Some(Popup::Timeline(t)) => {
            crate::tui::timeline::draw(frame, &app.look, app.corpus(), t, area)
        }
        Some(Popup::Help(help)) => crate::tui::help::draw(frame, &app.look, &app.keys, help, area),
        Some(Popup::Problems(problems)) => {
            crate::tui::problems::draw(frame, &app.look, problems, area)
        }
        Some(Popup::Meeting(page)) => crate::tui::meeting_page::draw(frame, &app.look, page, area),
        Some(Popup::Filter(popup)) => {
            crate::tui::filter::popup::draw(frame, &app.look, popup, area)
        }
        Some(Popup::Messages(state)) => {
            crate::tui::messages::draw(frame, &app.look, &app.log, state, area)
        }
        Some(Popup::Watch(popup)) => crate::tui::watchlist::draw(frame, &app.look, popup, area),
        None => {}
    }
}

/// A pane's frame: thick border and bold title when focused, and a reminder
/// of the way back when zoomed.
fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let look = &app.look;
    let marker = if focused { "▶ " } else { "" };
    let title_style = if focused {
        look.theme.bold
    } else {
        look.theme.dimmed
    };
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(look.border(focused))
        .title(Line::from(Span::styled(
            format!(" {marker}{title} "),
            title_style,
        )));
    // Below, where a long title cannot push it out of sight; naming the key
    // as bound, so a remapped zoom is named as it is.
    let zoom_key = app.keys.key_for(
        Context::Meetings,
        crate::tui::action::Action::Zoom,
        look.lang,
    );
    match zoom_key.filter(|_| app.zoom) {
        Some(key) => block.title_bottom(
            Line::from(Span::styled(
                format!(" {} ", look.fill(Msg::Zoomed, &[&key])),
                look.theme.dimmed,
            ))
            .alignment(ratatui::layout::Alignment::Right),
        ),
        None => block,
    }
}
