//! How each [`Action`] changes the [`App`].
//!
//! Dispatch is by context: a popup or prompt takes the action first, otherwise
//! the focused pane does. Nothing here touches a terminal; effects that need
//! one (quit, clipboard) are returned as an [`Effect`].

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::action::{Action, Effect};
use super::app::{
    App, FilterPopup, Focus, Jump, Loading, MessageLog, Popup, Problems, Results, Search, Timeline,
};
use super::detail::{self, MatchMode, citation};
use super::filter::{self, MeetingFilter};
use super::finder::{self, TICK_MS};
use super::fulltext;
use super::help::{self, Help};
use super::keys::{Context, Key};
use super::layout;
use super::list::{ListCursor, page_delta};
use super::live::Loaded;
use super::meeting_page::{self, MeetingPage};
use super::message::Message;
use super::problems;
use super::query::edit_query;
use super::timeline;
use crate::i18n::Msg;
use referat_core::sanitize::for_terminal;

/// How many results of a finder or full-text query the panes can step
/// through.
const MAX_RESULTS: usize = 10_000;

/// Rows or lines one wheel notch moves in the detail pane.
const WHEEL_LINES: usize = 3;

impl App {
    /// Applies one [`Message`]: the one way into the browser's state, for the
    /// reader's input and the background workers' news alike.
    pub fn handle(&mut self, message: Message) -> Effect {
        match message {
            Message::Key(key) => self.handle_key(key),
            Message::Mouse(mouse) => self.handle_mouse(mouse),
            Message::Action(action) => self.update(action),
            Message::Loaded(Loaded::Batch(batch, haystacks)) => {
                self.receive(batch, haystacks);
                Effect::Redraw
            }
            Message::Loaded(Loaded::Done) => {
                self.finish_loading();
                let failed = self
                    .corpus
                    .reports
                    .iter()
                    .find_map(|r| Some((r.source.clone(), r.error.clone()?)));
                if let Some((source, error)) = failed {
                    let reason = self.look.read_error(&error);
                    self.say_fill(
                        Msg::ReloadFailed,
                        &[&for_terminal(&source), &for_terminal(&reason)],
                    );
                }
                Effect::Redraw
            }
            Message::Loaded(Loaded::Reloaded(reloaded)) => {
                self.reloaded(reloaded);
                Effect::Redraw
            }
            Message::Progress {
                seconds,
                done,
                total,
            } => match self.loading {
                Some(loading) => {
                    self.loading = Some(Loading {
                        frame: loading.frame + 1,
                        seconds,
                        done,
                        total,
                    });
                    Effect::Redraw
                }
                None => Effect::None,
            },
            Message::Resume(at) => {
                self.resume(at);
                Effect::Redraw
            }
            Message::Say(msg, args) => {
                let args: Vec<&dyn std::fmt::Display> =
                    args.iter().map(|a| a as &dyn std::fmt::Display).collect();
                self.say_fill(msg, &args);
                Effect::Redraw
            }
            Message::Tick => {
                let mut changed = false;
                if self.popup_is_finder() && self.finder.busy() && self.finder.tick(TICK_MS) {
                    self.sync();
                    changed = true;
                }
                if self.fulltext_pending() && self.receive_fulltext() {
                    changed = true;
                }
                if self.following.receive() {
                    self.sync();
                    changed = true;
                }
                if matches!(self.popup, Some(Popup::FullText { .. })) && !self.fulltext.searching()
                {
                    if self.fulltext.take_open_when_done() {
                        self.open_fulltext_result();
                        // Laid out now, not at the next key.
                        self.sync();
                        changed = true;
                    } else if self.message.as_deref() == Some(self.look.text(Msg::StillSearching)) {
                        // The search it spoke of is over.
                        self.message = None;
                        changed = true;
                    }
                }
                if changed {
                    Effect::Redraw
                } else {
                    Effect::None
                }
            }
        }
    }

    /// Handles a key event; releases and unbound keys do nothing.
    fn handle_key(&mut self, event: KeyEvent) -> Effect {
        let Some(key) = Key::from_event(event) else {
            return Effect::None;
        };
        match self.keys.lookup(self.context(), key) {
            Some(action) => self.update(action),
            None => Effect::None,
        }
    }

    /// Handles a mouse event: left click and the wheel.
    fn handle_mouse(&mut self, event: MouseEvent) -> Effect {
        let (column, row) = (event.column, event.row);
        let action = match event.kind {
            MouseEventKind::Down(MouseButton::Left) => Action::Click { column, row },
            MouseEventKind::ScrollDown => Action::Scroll {
                column,
                row,
                down: true,
            },
            MouseEventKind::ScrollUp => Action::Scroll {
                column,
                row,
                down: false,
            },
            _ => return Effect::None,
        };
        self.update(action)
    }

    /// Applies one action and re-derives the layout-dependent state.
    pub(super) fn update(&mut self, action: Action) -> Effect {
        if !matches!(action, Action::Resize { .. }) {
            self.reader_acted = true;
        }
        if action.is_key() {
            self.message = None;
            self.meetings_wheeled = false;
        }
        let effect = match action {
            Action::Resize { width, height } => {
                self.size = ratatui::layout::Rect::new(0, 0, width, height);
                Effect::None
            }
            Action::Click { column, row } => {
                self.click(column, row);
                Effect::None
            }
            Action::Scroll { column, row, down } => {
                self.wheel(column, row, down);
                Effect::None
            }
            Action::Quit => Effect::Quit,
            _ => match self.context() {
                Context::Finder => self.finder_action(action),
                Context::FullText => self.fulltext_action(action),
                Context::Timeline => self.timeline_action(action),
                Context::Help => self.help_action(action),
                Context::Messages => self.messages_action(action),
                Context::Problems => self.problems_action(action),
                Context::MeetingPage => self.meeting_page_action(action),
                Context::Filter => self.filter_action(action),
                Context::Watch => self.watch_action(action),
                Context::Search => self.search_action(action),
                Context::Meetings | Context::Items | Context::Detail => self.pane_action(action),
            },
        };
        self.sync();
        effect
    }

    fn pane_action(&mut self, action: Action) -> Effect {
        match action {
            Action::ToggleHelp => self.popup = Some(Popup::Help(Help::default())),
            Action::Zoom => self.zoom = !self.zoom,
            Action::MeetingPage => match self.selected_meeting() {
                Some(id) => {
                    let page = MeetingPage::of(&self.corpus, &self.look, id, self.items.selected);
                    self.popup = page.map(Popup::Meeting);
                }
                None => self.say(Msg::NoMeetingSelected),
            },
            Action::OpenFilter => {
                let popup = FilterPopup::of(&self.corpus, self.filter());
                self.popup = Some(Popup::Filter(popup));
            }
            Action::Follow => self.toggle_follow(),
            Action::WatchList => {
                let popup = super::watchlist::WatchPopup::of(&self.following, 0);
                self.popup = Some(Popup::Watch(popup));
            }
            Action::MarkSeen => self.mark_list_seen(),
            Action::FollowLink => self.follow_link(),
            Action::ClearFilter if self.filter().is_empty() => self.say(Msg::NoFilter),
            Action::ClearFilter => {
                self.set_filter(MeetingFilter::default());
                self.say(Msg::FilterCleared);
            }
            Action::ShowProblems => {
                self.popup = Some(Popup::Problems(Problems::of(&self.corpus, &self.look)))
            }
            Action::ShowMessages => {
                let lines = self.log.messages().len();
                let state = MessageLog::at_end(lines, self.help_height());
                self.popup = Some(Popup::Messages(state));
            }
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::FocusLeft => self.focus = self.focus.left(),
            Action::FocusRight => self.focus = self.focus.right(),
            Action::Enter => match self.focus {
                Focus::Meetings => self.focus = Focus::Items,
                Focus::Items if self.selected_item().is_some() => self.focus = Focus::Detail,
                _ => {}
            },
            Action::Back => match self.focus {
                Focus::Detail => self.focus = Focus::Items,
                Focus::Items => self.focus = Focus::Meetings,
                Focus::Meetings => {}
            },
            Action::OpenFinder => {
                self.popup = Some(Popup::Finder {
                    saved: self.saved(),
                });
                self.finder.reopen();
            }
            Action::OpenFullText => {
                self.popup = Some(Popup::FullText {
                    saved: self.saved(),
                });
                // The last query and its results stay: back to the list after
                // reading one result. The worker starts (and folds) on first use.
                self.fulltext.open();
            }
            Action::StartSearch => {
                let mut before = std::mem::take(&mut self.search);
                before.before = None;
                self.search = Search {
                    editing: true,
                    origin: self.detail_scroll,
                    before: Some(Box::new(before)),
                    ..Search::default()
                };
            }
            Action::NextHit | Action::PrevHit => self.step_hit(action == Action::NextHit),
            Action::NextDecision | Action::PrevDecision => {
                self.decision(action == Action::NextDecision)
            }
            Action::NextSection | Action::PrevSection => {
                let next = action == Action::NextSection;
                if let Some(line) = step(&self.view().sections, self.detail_scroll, next) {
                    self.detail_scroll = line;
                } else if !next && self.detail_scroll > 0 {
                    // Before the first section is the item's header.
                    self.detail_scroll = 0;
                } else {
                    self.say(if next {
                        Msg::LastSection
                    } else {
                        Msg::FirstSection
                    });
                }
            }
            Action::Timeline => self.open_timeline(),
            Action::ToggleDecisions => {
                self.decisions_only = !self.decisions_only;
                self.detail_scroll = 0;
                if self.decisions_only {
                    self.jump = Some(Jump::Anchor(self.items.selected));
                    self.say(Msg::DecisionsOn);
                }
            }
            Action::Copy => match self.item() {
                Some((meeting, item)) => {
                    let text = citation(meeting, item);
                    self.say_fill(Msg::Copied, &[&for_terminal(&text)]);
                    return Effect::Copy(text);
                }
                None => self.say(Msg::NothingToCopy),
            },
            Action::Edit => return self.edit(),
            Action::Page => match self.item() {
                Some((meeting, item)) => {
                    let width = self.size.width.clamp(20, super::app::MAX_TEXT_WIDTH);
                    let view = detail::item_view(meeting, item, width, None, &self.look);
                    let text: Vec<String> = view.lines.iter().map(|l| l.to_string()).collect();
                    return Effect::Page(text.join("\n") + "\n");
                }
                None => self.say(Msg::NoItemSelected),
            },
            Action::NextResult | Action::PrevResult => {
                self.step_result(action == Action::NextResult)
            }
            Action::JumpBack | Action::JumpForward => {
                let Some(here) = self.here() else {
                    self.say(Msg::NoEarlierJump);
                    return Effect::None;
                };
                let mut jumps = std::mem::take(&mut self.jumps);
                let app = &*self;
                let usable = |p: &super::jumps::Place| app.can_show(p) && *p != here;
                let to = if action == Action::JumpBack {
                    jumps.back(here, usable)
                } else {
                    jumps.forward(here, usable)
                };
                self.jumps = jumps;
                match to {
                    Some(place) => self.go_to(place),
                    None if action == Action::JumpBack => self.say(Msg::NoEarlierJump),
                    None => self.say(Msg::NoLaterJump),
                }
            }
            Action::Reload if self.bundled => self.say(Msg::BundledNoReload),
            Action::Reload => return Effect::Reload,
            other => {
                if let Some(delta) = page_delta(other, self.pane_height(self.focus)) {
                    self.move_in(self.focus, delta);
                }
            }
        }
        Effect::None
    }

    fn pane_height(&self, focus: Focus) -> usize {
        match focus {
            Focus::Detail => self.detail_height(),
            list => self.list_height(list),
        }
    }

    /// Moves the selection of a list, or scrolls the detail, by `delta`.
    fn move_in(&mut self, pane: Focus, delta: isize) {
        match pane {
            Focus::Meetings => {
                let before = self.meetings.selected;
                self.meetings.move_by(delta, self.meeting_count());
                if self.meetings.selected != before {
                    self.items = ListCursor::default();
                    self.detail_scroll = 0;
                }
            }
            Focus::Items => {
                let before = self.items.selected;
                let len = self.meeting().map_or(0, |m| m.items.len());
                self.items.move_by(delta, len);
                if self.items.selected != before {
                    self.detail_scroll = 0;
                    if self.decisions_only {
                        self.jump = Some(Jump::Anchor(self.items.selected));
                    }
                }
            }
            Focus::Detail => {
                let target = self.detail_scroll as isize + delta;
                self.detail_scroll = target.clamp(0, self.max_scroll() as isize) as usize;
            }
        }
    }

    /// `b`/`B`: from a list, open the selected item at its (first/last) decision;
    /// in the detail, go to the next/previous decision heading.
    fn decision(&mut self, next: bool) {
        if self.focus != Focus::Detail {
            let Some((_, item)) = self.item() else {
                self.say(Msg::NoItemSelected);
                return;
            };
            if !item.has_decision() {
                let number = item.number;
                self.say_fill(Msg::ItemNoDecision, &[&number]);
                return;
            }
            self.record_jump();
            self.focus = Focus::Detail;
            self.detail_scroll = 0;
            self.jump = Some(if self.decisions_only {
                Jump::DecisionOf(self.items.selected)
            } else if next {
                Jump::FirstDecision
            } else {
                Jump::LastDecision
            });
            return;
        }
        if self.view().decisions.is_empty() {
            match (self.decisions_only, self.item()) {
                (false, Some((_, item))) => {
                    let number = item.number;
                    self.say_fill(Msg::ItemNoDecision, &[&number]);
                }
                _ => self.say(Msg::MeetingNoDecision),
            }
        } else if let Some(line) = step(&self.view().decisions, self.detail_scroll, next) {
            self.detail_scroll = line;
        } else {
            self.say(if next {
                Msg::NoLaterDecision
            } else {
                Msg::NoEarlierDecision
            });
        }
    }

    fn step_hit(&mut self, next: bool) {
        let hits = self.view().hits.len();
        if self.search.query.is_empty() {
            self.say(Msg::NoSearch);
        } else if hits == 0 {
            let query = for_terminal(&self.search.query).into_owned();
            self.say_fill(Msg::NoMatchFor, &[&query]);
        } else {
            let lines = &self.view().hits;
            let top = self.detail_scroll;
            let shown = top..top + self.detail_height();
            let current = self.search.current;
            let in_view = lines.get(current).is_some_and(|l| shown.contains(l));
            let at_end = if next {
                current == hits - 1
            } else {
                current == 0
            };
            if in_view && at_end && self.showing_a_search_result() {
                // Past the last hit of a full-text result: on to the next.
                let before = self.results.as_ref().map(|r| r.at);
                self.step_result(next);
                let moved = self.results.as_ref().map(|r| r.at) != before;
                // At the first result there is nowhere back to: stay put.
                if moved && !next {
                    self.jump = Some(Jump::LastHit);
                }
                return;
            }
            self.search.current = match lines.get(current) {
                // On a hit in view: the one after or before it.
                Some(line) if shown.contains(line) => {
                    if next {
                        (current + 1) % hits
                    } else {
                        (current + hits - 1) % hits
                    }
                }
                // Else by where the reader is: the first hit from the top of
                // the pane down, or the last one above it, round the end.
                _ if next => lines.iter().position(|&l| l >= top).unwrap_or(0),
                _ => lines.iter().rposition(|&l| l < top).unwrap_or(hits - 1),
            };
            self.jump = Some(Jump::CurrentHit);
            self.say_fill(Msg::MatchOf, &[&(self.search.current + 1), &hits]);
        }
    }

    fn open_timeline(&mut self) {
        let Some(at) = self.selected_item() else {
            self.say(Msg::NoItemSelected);
            return;
        };
        match Timeline::open(&self.corpus, at) {
            Ok(timeline) => self.show_timeline(timeline),
            Err(number) => self.say_fill(Msg::ItemNoCase, &[&number]),
        }
    }

    /// Shows `timeline` (its new items are marked by [`App::sync`]).
    fn show_timeline(&mut self, timeline: Timeline) {
        self.popup = Some(Popup::Timeline(timeline));
    }

    /// `w`: follows the selected item's case, or stops following it. Of an
    /// item with several case numbers, the first followed one is unfollowed,
    /// else the first is followed.
    fn toggle_follow(&mut self) {
        let Some((_, item)) = self.item() else {
            self.say(Msg::NoItemSelected);
            return;
        };
        let case = item
            .case_numbers
            .iter()
            .find(|c| self.following.follows_case(c))
            .or(item.case_numbers.first())
            .cloned();
        let Some(case) = case else {
            let number = item.number;
            self.say_fill(Msg::NoCaseToFollow, &[&number]);
            return;
        };
        // What a follow matches when it starts is its baseline, not news: on
        // half a corpus, the other half would come in as news. (Unfollowing
        // needs no baseline.)
        if self.loading.is_some() && !self.following.follows_case(&case) {
            self.say(Msg::FollowAfterLoad);
            return;
        }
        let corpus = std::sync::Arc::clone(&self.corpus);
        match self.following.toggle_case(&corpus, &case) {
            Ok(super::following::Toggled::Followed(case)) => {
                self.say_fill(Msg::FollowedCase, &[&for_terminal(&case)])
            }
            Ok(super::following::Toggled::Unfollowed(case)) => {
                self.say_fill(Msg::UnfollowedCase, &[&for_terminal(&case)])
            }
            Err(why) => self.say_fill(Msg::WatchFailed, &[&for_terminal(&why)]),
        }
    }

    /// Enter in the detail: goes to the newest item carrying the case that
    /// the first mention in view names, as a jump `Ctrl-o` comes back from.
    fn follow_link(&mut self) {
        let (top, height) = (self.detail_scroll, self.detail_height());
        let case = self
            .view()
            .links
            .iter()
            .find(|(line, _)| (top..top + height).contains(line))
            .map(|(_, case)| case.clone());
        let Some(case) = case else {
            self.say(Msg::NoLinkInView);
            return;
        };
        let carriers = self.corpus.case(&case);
        let Some(&at) = carriers.last() else {
            self.say_fill(Msg::NoItemCarries, &[&for_terminal(&case)]);
            return;
        };
        let count = self
            .look
            .count(carriers.len(), Msg::ItemsOne, Msg::ItemsMany);
        self.jump_to(at);
        let key = |action| {
            self.keys
                .key_for(Context::Detail, action, self.look.lang)
                .unwrap_or_else(|| "-".to_string())
        };
        let (back, timeline) = (key(Action::JumpBack), key(Action::Timeline));
        self.say_fill(
            Msg::LinkFollowed,
            &[&for_terminal(&case), &count, &back, &timeline],
        );
    }

    /// `m`: marks the new items of the focused list seen: every meeting the
    /// meetings list shows, or the selected meeting's items.
    fn mark_list_seen(&mut self) {
        let ats: Vec<crate::ItemRef> = match self.focus {
            Focus::Meetings => (0..self.meeting_count())
                .filter_map(|row| self.meeting_at_row(row))
                .filter(|id| self.following.meeting_has_new(*id))
                .flat_map(|id| {
                    let items = self.corpus.meeting(id).map_or(0, |m| m.items.len());
                    (0..items).map(move |item| crate::ItemRef { meeting: id, item })
                })
                .collect(),
            _ => match self.selected_meeting() {
                Some(id) => {
                    let items = self.corpus.meeting(id).map_or(0, |m| m.items.len());
                    (0..items)
                        .map(|item| crate::ItemRef { meeting: id, item })
                        .collect()
                }
                None => Vec::new(),
            },
        };
        let corpus = std::sync::Arc::clone(&self.corpus);
        match self.following.mark_seen(&corpus, &ats) {
            Ok(0) => self.say(Msg::NothingNewHere),
            Ok(n) => {
                let count = self.look.count(n, Msg::ItemsOne, Msg::ItemsMany);
                self.say_fill(Msg::MarkedSeen, &[&count]);
            }
            Err(why) => self.say_fill(Msg::WatchFailed, &[&for_terminal(&why)]),
        }
    }

    fn watch_action(&mut self, action: Action) -> Effect {
        use super::watchlist::{Outcome, WatchPopup};
        let height = self.help_height();
        let Some(Popup::Watch(popup)) = &mut self.popup else {
            return Effect::None;
        };
        let selected = popup.cursor.selected;
        match popup.update(action, height) {
            Outcome::Stay => {}
            Outcome::Close => self.popup = None,
            Outcome::Remove(id) => {
                let label = popup.rows[selected].label.clone();
                let corpus = std::sync::Arc::clone(&self.corpus);
                match self.following.remove(&corpus, id) {
                    Ok(()) => self.say_fill(Msg::Unfollowed, &[&for_terminal(&label)]),
                    Err(why) => self.say_fill(Msg::WatchFailed, &[&for_terminal(&why)]),
                }
                self.popup = Some(Popup::Watch(WatchPopup::of(&self.following, selected)));
            }
            Outcome::Open(follow) => self.open_followed(&follow),
        }
        Effect::None
    }

    /// Shows what a followed thing matches: a case's timeline, a search's
    /// results, a forum's newest new item (else its newest item).
    fn open_followed(&mut self, follow: &crate::follow::Follow) {
        if let (Some(case), None) = (&follow.case, &follow.query) {
            let Some(&at) = self.corpus.case(case).last() else {
                self.say_fill(Msg::NoItemCarries, &[&for_terminal(case)]);
                return;
            };
            match Timeline::open(&self.corpus, at) {
                Ok(timeline) => self.show_timeline(timeline),
                Err(number) => self.say_fill(Msg::ItemNoCase, &[&number]),
            }
            return;
        }
        // A query as it is (`S` has no section or forum filters of its own):
        // its results; a narrowed one and a forum: its newest item.
        let narrowed = !follow.kinds.is_empty()
            || follow.forum.is_some()
            || follow.from.is_some()
            || follow.to.is_some();
        if let (Some(query), false) = (&follow.query, narrowed) {
            self.popup = Some(Popup::FullText {
                saved: self.saved(),
            });
            self.fulltext.open();
            self.fulltext.set_query(query);
            return;
        }
        let hits = follow.hits(&self.corpus);
        let newest = hits
            .iter()
            .rev()
            .find(|h| self.following.is_new(h.entry.target()))
            .or(hits.last())
            .map(|h| h.entry.target());
        match newest {
            Some(at) => self.jump_to(at),
            None => self.say_fill(Msg::NothingMatches, &[&for_terminal(&follow.label())]),
        }
    }

    /// Closes a popup and shows `at` in the detail pane.
    fn jump_to(&mut self, at: crate::ItemRef) {
        self.record_jump();
        self.popup = None;
        self.select(at);
        self.focus = Focus::Detail;
        self.jump = Some(if self.decisions_only {
            Jump::Anchor(at.item)
        } else {
            Jump::Top
        });
    }

    fn finder_action(&mut self, action: Action) -> Effect {
        let height = self.finder_height();
        match self.finder.update(&self.corpus, action, height) {
            finder::Outcome::Stay => {}
            finder::Outcome::Moved => self.preview(),
            finder::Outcome::Open(at) => {
                let items = self.finder.matched_refs(&self.corpus, MAX_RESULTS);
                let shown = items.iter().position(|&r| r == at).unwrap_or(0);
                self.results = Some(Results {
                    items,
                    matches: None,
                    at: shown,
                });
                self.jump_to(at);
            }
            finder::Outcome::NoMatch => self.say(Msg::NoMatch),
            finder::Outcome::Close => {
                if let Some(Popup::Finder { saved }) = self.popup.take() {
                    self.restore(saved);
                }
            }
        }
        Effect::None
    }

    fn fulltext_action(&mut self, action: Action) -> Effect {
        let height = self.fulltext_height();
        match self.fulltext.update(action, height) {
            fulltext::Outcome::Stay => {}
            fulltext::Outcome::Open => self.open_fulltext_result(),
            fulltext::Outcome::Waiting => self.say(Msg::StillSearching),
            fulltext::Outcome::Close => {
                if let Some(Popup::FullText { saved }) = self.popup.take() {
                    self.restore(saved);
                }
            }
        }
        Effect::None
    }

    /// Enter in the full-text popup: the item in the detail, its hits
    /// highlighted and the first one in view, so `n`/`N` go on from there.
    fn open_fulltext_result(&mut self) {
        // The results shown may be an older query's: wait for the latest.
        if self.fulltext.searching() {
            self.say(Msg::StillSearching);
            return;
        }
        let Some(found) = self.fulltext.selected() else {
            self.say(if self.fulltext.searching() {
                Msg::StillSearching
            } else {
                Msg::NoMatch
            });
            return;
        };
        let at = found.at;
        let first = found.first_hit(&self.corpus);
        let matches: Vec<_> = self
            .fulltext
            .matches()
            .iter()
            .take(MAX_RESULTS)
            .cloned()
            .collect();
        self.results = Some(Results {
            items: matches.iter().map(|m| m.at).collect(),
            at: self
                .fulltext
                .cursor
                .selected
                .min(matches.len().saturating_sub(1)),
            matches: Some((self.fulltext.query().to_string(), matches)),
        });
        let hits = self.fulltext.preview().len().max(1);
        self.record_jump();
        self.popup = None;
        self.decisions_only = false;
        self.select(at);
        self.focus = Focus::Detail;
        self.search = Search {
            query: self.fulltext.query().to_string(),
            mode: MatchMode::Terms,
            ..Search::default()
        };
        self.jump = Some(Jump::HitIn(first.place));
        let hits = self.look.count(hits, Msg::HitsOne, Msg::HitsMany);
        self.say_fill(Msg::HitsInItem, &[&hits]);
    }

    /// Whether the item shown is the current item of full-text results whose
    /// query is the one highlighted (not a `/` search of the reader's own,
    /// which matches literally): `n` and `N` then go on through them.
    fn showing_a_search_result(&self) -> bool {
        self.results.as_ref().is_some_and(|r| {
            r.matches
                .as_ref()
                .is_some_and(|(query, _)| *query == self.search.query)
                && self.search.mode == MatchMode::Terms
                && r.items.get(r.at).copied() == self.selected_item()
        })
    }

    /// Shows the next or previous item of the last results (a jump, so
    /// `Ctrl-o` comes back), with a search's hits highlighted.
    fn step_result(&mut self, next: bool) {
        let Some(results) = &self.results else {
            self.say(Msg::NoResults);
            return;
        };
        let to = if next {
            results.at + 1
        } else {
            match results.at.checked_sub(1) {
                Some(to) => to,
                None => return self.say(Msg::FirstResult),
            }
        };
        let Some(&at) = results.items.get(to) else {
            return self.say(Msg::LastResult);
        };
        if self.corpus.try_get(at).is_none() {
            return self.say(Msg::NoResults);
        }
        let total = results.items.len();
        let search = results
            .matches
            .as_ref()
            .map(|(query, matches)| (query.clone(), matches[to].first_hit(&self.corpus).place));
        if let Some(results) = &mut self.results {
            results.at = to;
        }
        self.jump_to(at);
        if let Some((query, place)) = search {
            self.search = Search {
                query,
                mode: MatchMode::Terms,
                ..Search::default()
            };
            self.jump = Some(Jump::HitIn(place));
        }
        self.say_fill(Msg::ResultOf, &[&(to + 1), &total]);
    }

    /// Shows the finder's current row in the panes behind it.
    fn preview(&mut self) {
        let corpus = std::sync::Arc::clone(&self.corpus);
        if let Some(at) = self.finder.selected_in_order(&corpus) {
            self.select(at);
        }
    }

    fn timeline_action(&mut self, action: Action) -> Effect {
        let height = self.timeline_height();
        let Some(Popup::Timeline(t)) = &mut self.popup else {
            return Effect::None;
        };
        match t.update(action, height) {
            timeline::Outcome::Stay => {}
            timeline::Outcome::Close => self.popup = None,
            timeline::Outcome::Open { at, loaded } => {
                self.jump_to(at);
                if !loaded {
                    self.say(Msg::NotLoadedJump);
                }
            }
        }
        Effect::None
    }

    fn problems_action(&mut self, action: Action) -> Effect {
        let height = self.help_height();
        let Some(Popup::Problems(problems)) = &mut self.popup else {
            return Effect::None;
        };
        match problems.update(action, height) {
            problems::Outcome::Stay => {}
            problems::Outcome::Close => self.popup = None,
            problems::Outcome::Open { source, line } => return self.edit_file(&source, line),
        }
        Effect::None
    }

    fn filter_action(&mut self, action: Action) -> Effect {
        let height = self.help_height();
        let Some(Popup::Filter(popup)) = &mut self.popup else {
            return Effect::None;
        };
        match popup.update(&self.corpus, action, height) {
            filter::popup::Outcome::Stay => {}
            filter::popup::Outcome::Close => self.popup = None,
            filter::popup::Outcome::Changed => {
                let chosen = popup.filter.clone();
                self.set_filter(chosen);
            }
        }
        Effect::None
    }

    fn meeting_page_action(&mut self, action: Action) -> Effect {
        let Some(Popup::Meeting(page)) = &mut self.popup else {
            return Effect::None;
        };
        let height = usize::from(meeting_page::toc_rect(page, &self.look, self.size).height).max(1);
        match page.update(action, height) {
            meeting_page::Outcome::Stay => {}
            meeting_page::Outcome::Close => self.popup = None,
            meeting_page::Outcome::Open(at) => self.jump_to(at),
        }
        Effect::None
    }

    fn messages_action(&mut self, action: Action) -> Effect {
        let height = self.help_height();
        let Some(Popup::Messages(state)) = &mut self.popup else {
            return Effect::None;
        };
        if state.update(action, height) == help::Outcome::Close {
            self.popup = None;
        }
        Effect::None
    }

    fn help_action(&mut self, action: Action) -> Effect {
        let height = self.help_height();
        let Some(Popup::Help(help)) = &mut self.popup else {
            return Effect::None;
        };
        if help.update(action, height) == help::Outcome::Close {
            self.popup = None;
        }
        Effect::None
    }

    fn search_action(&mut self, action: Action) -> Effect {
        if edit_query(&mut self.search.query, action) {
            self.search.current = 0;
            self.jump = Some(Jump::HitFrom(self.search.origin));
            return Effect::None;
        }
        match action {
            Action::Enter => {
                self.search.editing = false;
                // The view may not be rebuilt for the final query yet.
                self.sync();
                let hits = self.view().hits.len();
                let query = for_terminal(&self.search.query).into_owned();
                match (query.is_empty(), hits) {
                    (true, _) => self.say(Msg::SearchCleared),
                    (false, 0) => self.say_fill(Msg::NoMatchFor, &[&query]),
                    (false, n) => self.say_fill(Msg::MatchesFor, &[&n, &query]),
                }
            }
            Action::Back => {
                // Cancelled: the search before the prompt, where it was.
                let origin = self.search.origin;
                self.search = self.search.before.take().map(|b| *b).unwrap_or_default();
                self.detail_scroll = origin;
            }
            _ => {}
        }
        Effect::None
    }

    fn click(&mut self, column: u16, row: u16) {
        match &mut self.popup {
            Some(Popup::Finder { .. }) => {
                let (_, list) = layout::finder_parts(layout::finder(self.size));
                if layout::contains(list, column, row) {
                    let line = usize::from(row - list.y);
                    if let Some(n) = self.finder.cursor.row_at(line, self.finder.matched()) {
                        self.finder.cursor.selected = n;
                        self.preview();
                    }
                }
            }
            Some(Popup::Timeline(t)) => {
                let list = layout::inner(layout::timeline(self.size, t.rows.len()));
                if layout::contains(list, column, row)
                    && let Some(n) = t.cursor.row_at(usize::from(row - list.y), t.rows.len())
                {
                    t.cursor.selected = n;
                }
            }
            Some(Popup::FullText { .. }) => {
                let (_, list, _) = layout::fulltext_parts(layout::fulltext(self.size));
                let len = self.fulltext.matches().len();
                if layout::contains(list, column, row)
                    && let Some(n) = self.fulltext.cursor.row_at(usize::from(row - list.y), len)
                {
                    self.fulltext.cursor.selected = n;
                }
            }
            Some(
                Popup::Help(_)
                | Popup::Messages(_)
                | Popup::Problems(_)
                | Popup::Meeting(_)
                | Popup::Filter(_)
                | Popup::Watch(_),
            ) => {}
            None => {
                let panes = self.panes();
                let Some(pane) = panes.at(column, row) else {
                    return;
                };
                self.search.editing = false;
                self.focus = pane;
                let Some(rect) = panes.get(pane) else { return };
                let inner = layout::inner(rect);
                if pane == Focus::Detail || !layout::contains(inner, column, row) {
                    return;
                }
                let line = usize::from(row - inner.y);
                let (cursor, len) = match pane {
                    Focus::Meetings => (self.meetings, self.meeting_count()),
                    _ => (self.items, self.meeting().map_or(0, |m| m.items.len())),
                };
                if let Some(n) = cursor.row_at(line, len) {
                    self.move_in(pane, n as isize - cursor.selected as isize);
                }
            }
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let sign: isize = if down { 1 } else { -1 };
        match &mut self.popup {
            Some(Popup::Finder { .. }) => {
                self.finder.cursor.move_by(sign, self.finder.matched());
                self.preview();
            }
            Some(Popup::FullText { .. }) => {
                let len = self.fulltext.matches().len();
                self.fulltext.cursor.move_by(sign, len);
            }
            Some(Popup::Timeline(t)) => t.cursor.move_by(sign, t.rows.len()),
            Some(Popup::Help(help)) => help.scroll_by(sign * WHEEL_LINES as isize),
            Some(Popup::Messages(state)) => state.scroll_by(sign * WHEEL_LINES as isize),
            Some(Popup::Problems(problems)) => problems.cursor.move_by(sign, problems.rows.len()),
            Some(Popup::Meeting(page)) => page.cursor.move_by(sign, page.rows.len()),
            Some(Popup::Filter(popup)) => popup.cursor.move_by(sign, popup.rows.len()),
            Some(Popup::Watch(popup)) => popup.cursor.move_by(sign, popup.rows.len()),
            None => {
                let panes = self.panes();
                match panes.at(column, row) {
                    Some(Focus::Detail) => self.move_in(Focus::Detail, sign * WHEEL_LINES as isize),
                    // Scrolls the list only: choosing another meeting would
                    // start its items and text over.
                    Some(Focus::Meetings) => {
                        let offset = self.meetings.offset as isize + sign;
                        self.meetings.offset = offset.max(0) as usize;
                        self.meetings_wheeled = true;
                    }
                    Some(list) => self.move_in(list, sign),
                    None => {}
                }
            }
        }
    }
}

impl App {
    /// `e`: the item's source file for the editor, at the item's line.
    fn edit(&mut self) -> Effect {
        let Some((meeting, item)) = self.item() else {
            self.say(Msg::NoItemSelected);
            return Effect::None;
        };
        let (source, line) = (meeting.source.clone(), item.line.max(1));
        self.edit_file(&source, line)
    }

    /// Hands `source` to the editor at `line`, when it is a file on disk
    /// (not the bundled sample); else says why not. A PDF or a portal page is
    /// not for an editor: a viewer shows it.
    fn edit_file(&mut self, source: &str, line: usize) -> Effect {
        let file = std::path::PathBuf::from(source);
        if self.bundled {
            self.say(Msg::BundledNotEditable);
            return Effect::None;
        }
        if !file.is_file() {
            let source = for_terminal(source).into_owned();
            self.say_fill(Msg::NoFileOnDisk, &[&source]);
            return Effect::None;
        }
        match Shown::of(&file) {
            Shown::Pdf => Effect::View {
                file,
                line: Some(line),
            },
            Shown::Page => Effect::View { file, line: None },
            Shown::Text => Effect::Edit { file, line },
        }
    }

    /// Shows a message in the status line until the next key.
    pub(super) fn say(&mut self, msg: Msg) {
        self.say_fill(msg, &[]);
    }

    /// [`App::say`] with the message's `{}` filled. Every message also goes
    /// to the log `M` shows, in full.
    pub(super) fn say_fill(&mut self, msg: Msg, args: &[&dyn std::fmt::Display]) {
        let message = self.look.fill(msg, args);
        self.log.push(&message);
        self.message = Some(message);
    }
}

/// How a minutes file is best shown, by its name: the loader reads PDFs and
/// portal pages by their content, but a viewer is chosen by name everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Text,
    Pdf,
    Page,
}

impl Shown {
    fn of(file: &std::path::Path) -> Shown {
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("pdf") => Shown::Pdf,
            Some("html" | "htm") => Shown::Page,
            _ => Shown::Text,
        }
    }
}

/// The first entry of `lines` after `from` (next) or the last before it (previous).
fn step(lines: &[usize], from: usize, next: bool) -> Option<usize> {
    if next {
        lines.iter().copied().find(|&l| l > from)
    } else {
        lines.iter().copied().rev().find(|&l| l < from)
    }
}
