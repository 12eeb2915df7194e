//! The browser's state: what is selected, focused, open and scrolled.
//!
//! [`App`] is plain data plus the corpus and the finder engine. It changes only
//! through [`App::handle`] (in `update.rs`), one [`super::Message`] at a time,
//! and after every change
//! [`App::sync`] re-derives what depends on the terminal size: list offsets,
//! the laid-out detail view and the finder's visible rows. Drawing then reads
//! the state without changing it, so a frame is a pure function of the state.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::columns::ItemColumns;
use super::detail::{self, DetailView, Highlight, MatchMode};
pub use super::filter::popup::FilterPopup;
use super::filter::{MeetingFilter, Shown};
use super::finder::{Finder, Haystacks};
use super::following::Following;
use super::fulltext::FullText;
use super::keys::{Context, KeyTable};
use super::layout::{self, Panes, Wants};
use super::list::ListCursor;
use super::look::Look;
use crate::i18n::Msg;
use crate::tui::session::{Position, Resume};
use referat_core::corpus::{Corpus, ItemRef, MeetingId};
use referat_core::model::{Item, Meeting};
use referat_core::sanitize::for_terminal;
use referat_core::search::Place;

pub use super::layout::MAX_TEXT_WIDTH;

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Meetings,
    Items,
    Detail,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::Meetings => Focus::Items,
            Focus::Items => Focus::Detail,
            Focus::Detail => Focus::Meetings,
        }
    }
    pub fn prev(self) -> Focus {
        match self {
            Focus::Meetings => Focus::Detail,
            Focus::Items => Focus::Meetings,
            Focus::Detail => Focus::Items,
        }
    }
    pub fn left(self) -> Focus {
        match self {
            Focus::Detail => Focus::Items,
            _ => Focus::Meetings,
        }
    }
    pub fn right(self) -> Focus {
        match self {
            Focus::Meetings => Focus::Items,
            _ => Focus::Detail,
        }
    }
}

/// Where the user was when a popup opened, to go back on `Esc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub focus: Focus,
    pub meetings: ListCursor,
    pub items: ListCursor,
    pub detail_scroll: usize,
}

pub use super::help::Help;
use super::jumps::{self, JumpList};
pub use super::meeting_page::MeetingPage;
pub use super::messages::{Log, MessageLog};
pub use super::problems::Problems;
pub use super::timeline::{Timeline, TimelineRow};

/// The results a jump came from: the items, which one is shown, and for
/// full-text results the query (its hits stay highlighted) and where each
/// item's first hit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The items, in the order the popup listed them.
    pub items: Vec<ItemRef>,
    /// The full-text matches behind `items`, when they are search results.
    pub matches: Option<(String, Vec<referat_core::search::Match>)>,
    /// The item shown.
    pub at: usize,
}

/// What is drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Finder {
        saved: Saved,
    },
    /// Full-text search over every item (`S`).
    FullText {
        saved: Saved,
    },
    Timeline(Timeline),
    Help(Help),
    /// The log of every message shown (`M`).
    Messages(MessageLog),
    /// Files with warnings or errors (`P`).
    Problems(Problems),
    /// A meeting's facts and contents (`i`).
    Meeting(MeetingPage),
    /// The meetings filter (`F`).
    Filter(FilterPopup),
    /// What is followed, and what is new (`W`).
    Watch(super::watchlist::WatchPopup),
}

/// The detail pane's text search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// `Plain` for `/`; `Terms` when the search came from full-text search,
    /// whose words and phrases are highlighted the way it found them.
    pub mode: MatchMode,
    /// The prompt is open and keys are text.
    pub editing: bool,
    /// The hit `n`/`N` is on, or [`NO_HIT`].
    pub current: usize,
    /// Scroll position when the prompt opened, restored on `Esc`.
    pub origin: usize,
    /// The search before the prompt opened, back on `Esc`.
    pub before: Option<Box<Search>>,
}

/// A scroll target that needs the detail view laid out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    Top,
    FirstDecision,
    LastDecision,
    /// Decisions view: the start of item `n`.
    Anchor(usize),
    /// Decisions view: the first decision at or after the start of item `n`.
    DecisionOf(usize),
    /// The first search hit at or below this line.
    HitFrom(usize),
    CurrentHit,
    /// The last search hit of the item (`N` coming from the next result).
    LastHit,
    /// The first search hit in a place of the item (full-text search's first hit).
    HitIn(Place),
}

/// What the detail view was built for, so it is rebuilt only when this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ViewKey {
    item: Option<ItemRef>,
    meeting: Option<MeetingId>,
    decisions_only: bool,
    width: u16,
    query: String,
    mode: MatchMode,
    current: usize,
    look: Look,
    loading: bool,
}

impl ViewKey {
    /// Whether `other` lays out the same text (perhaps at another width or
    /// with other highlights).
    fn same_text(&self, other: &ViewKey) -> bool {
        let text = |k: &ViewKey| {
            (
                k.decisions_only,
                if k.decisions_only { None } else { k.item },
                k.meeting,
                k.look,
                k.loading,
            )
        };
        text(self) == text(other)
    }
}

/// [`Search::current`] when no hit is current: the text changed since `n`/`N`
/// or the search, and the next `n`/`N` goes by where the reader is.
pub const NO_HIT: usize = usize::MAX;

/// The whole state of the browser.
pub struct App {
    pub(super) corpus: Arc<Corpus>,
    pub focus: Focus,
    /// Cursor over the meetings as displayed: newest first.
    pub meetings: ListCursor,
    pub items: ListCursor,
    pub detail_scroll: usize,
    pub decisions_only: bool,
    pub popup: Option<Popup>,
    pub search: Search,
    /// A one-line message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// The terminal size.
    pub size: Rect,
    /// The wheel scrolled the meetings list: its offset stays where the wheel
    /// put it, even with the selection out of view, until the next key.
    pub meetings_wheeled: bool,
    /// The reader has done something since the browser opened (a key, a
    /// click, the wheel, a resumed position). Until then a streaming load
    /// keeps the cursor on the newest meeting; from then on, on the meeting
    /// the reader is at.
    pub reader_acted: bool,
    pub finder: Finder,
    pub fulltext: FullText,
    /// Theme, language and date format.
    pub look: Look,
    /// The key bindings in effect.
    pub keys: KeyTable,
    /// Showing the bundled sample: its items have no file to edit.
    pub bundled: bool,
    /// Where the reader was before each jump, for `Ctrl-o`.
    pub jumps: JumpList,
    /// Every message the status line has shown, for `M`.
    pub log: Log,
    /// The last finder or full-text results a jump came from, to step
    /// through from the panes.
    pub results: Option<Results>,
    /// The focused pane alone fills the width (`z`), whichever pane that is.
    pub zoom: bool,
    /// What the user follows, and which items of the corpus are new.
    pub following: Following,
    /// A reload is being swapped in: what it brings is announced before the
    /// item shown can count as read.
    announcing: bool,
    /// Which meetings the list shows (`F`); the finder and full-text search
    /// are limited to the same. Set with [`App::set_filter`].
    filter: MeetingFilter,
    /// The meetings the filter leaves, which list rows index.
    shown: Shown,
    /// The paths opened, as given, for saying where no minutes were found
    /// (empty for the bundled sample); set with [`App::set_opened`].
    opened: Vec<String>,
    /// The minutes are being read in the background: the spinner's frame,
    /// the seconds waited so far and the files done and found.
    pub loading: Option<Loading>,
    pub(super) jump: Option<Jump>,
    view: DetailView,
    view_key: Option<ViewKey>,
}

/// What the status line shows while the minutes are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub frame: usize,
    pub seconds: u64,
    pub done: usize,
    pub total: usize,
}

impl App {
    /// A browser over `corpus`, newest meeting selected, meetings pane focused.
    pub fn new(corpus: Corpus) -> App {
        let corpus = Arc::new(corpus);
        let mut app = App {
            finder: Finder::new(Arc::clone(&corpus)),
            fulltext: FullText::new(Arc::clone(&corpus)),
            look: Look::default(),
            keys: KeyTable::default(),
            bundled: false,
            jumps: JumpList::default(),
            log: Log::default(),
            results: None,
            zoom: false,
            following: Following::default(),
            announcing: false,
            filter: MeetingFilter::default(),
            shown: Shown::default(),
            opened: Vec::new(),
            loading: None,
            corpus,
            focus: Focus::Meetings,
            meetings: ListCursor::default(),
            items: ListCursor::default(),
            detail_scroll: 0,
            decisions_only: false,
            popup: None,
            search: Search::default(),
            message: None,
            size: Rect::new(0, 0, 120, 40),
            meetings_wheeled: false,
            reader_acted: false,
            jump: None,
            view: DetailView::default(),
            view_key: None,
        };
        app.sync();
        app
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match &self.popup {
            Some(Popup::Finder { .. }) => Context::Finder,
            Some(Popup::FullText { .. }) => Context::FullText,
            Some(Popup::Timeline(_)) => Context::Timeline,
            Some(Popup::Help(_)) => Context::Help,
            Some(Popup::Messages(_)) => Context::Messages,
            Some(Popup::Problems(_)) => Context::Problems,
            Some(Popup::Meeting(_)) => Context::MeetingPage,
            Some(Popup::Filter(_)) => Context::Filter,
            Some(Popup::Watch(_)) => Context::Watch,
            None if self.search.editing => Context::Search,
            None => match self.focus {
                Focus::Meetings => Context::Meetings,
                Focus::Items => Context::Items,
                Focus::Detail => Context::Detail,
            },
        }
    }

    /// How many meetings the list shows.
    pub fn meeting_count(&self) -> usize {
        self.shown.len(&self.corpus)
    }

    /// The meeting shown at `row` of the (newest-first) list.
    pub fn meeting_at_row(&self, row: usize) -> Option<MeetingId> {
        self.shown.at(&self.corpus, row)
    }

    /// The list row of a meeting (the last row when the list does not show
    /// it: [`App::reveal`] first where it must be shown).
    pub fn row_of_meeting(&self, id: MeetingId) -> usize {
        self.shown
            .row_of(&self.corpus, id)
            .unwrap_or_else(|| self.meeting_count().saturating_sub(1))
    }

    /// The meetings filter in effect.
    pub fn filter(&self) -> &MeetingFilter {
        &self.filter
    }

    /// Shows only the meetings `filter` passes, and limits the finder and
    /// full-text search to them. The selection stays on its meeting while
    /// that is shown, else goes to the newest meeting shown.
    pub(super) fn set_filter(&mut self, filter: MeetingFilter) {
        if filter == self.filter {
            return;
        }
        let selected = self.selected_meeting();
        self.shown = filter.shown(&self.corpus);
        self.filter = filter;
        match selected.and_then(|id| self.shown.row_of(&self.corpus, id)) {
            Some(row) => self.meetings.selected = row,
            None => {
                self.meetings = ListCursor::default();
                self.items = ListCursor::default();
                self.detail_scroll = 0;
            }
        }
        let loading = self.loading.is_some();
        self.finder
            .limit_to(Arc::clone(&self.corpus), &self.filter, loading);
        self.fulltext.limit_to(&self.filter);
        self.results = None;
        self.sync();
    }

    /// Makes sure the list shows meeting `id`, clearing the filter (and
    /// saying so) when it hides it: a jump to a meeting the filter leaves
    /// out goes there rather than nowhere.
    pub(super) fn reveal(&mut self, id: MeetingId) {
        if self.shown.row_of(&self.corpus, id).is_some() || self.corpus.meeting(id).is_none() {
            return;
        }
        let label = self
            .corpus
            .meeting(id)
            .map(|m| for_terminal(&self.look.label(m)).into_owned())
            .unwrap_or_default();
        let results = self.results.take();
        self.set_filter(MeetingFilter::default());
        self.results = results;
        self.say_fill(Msg::FilterClearedFor, &[&label]);
    }

    /// The selected meeting.
    pub fn selected_meeting(&self) -> Option<MeetingId> {
        self.meeting_at_row(self.meetings.selected)
    }

    pub fn meeting(&self) -> Option<&Meeting> {
        self.corpus.meeting(self.selected_meeting()?)
    }

    /// The item selected in the items pane.
    pub fn selected_item(&self) -> Option<ItemRef> {
        let at = ItemRef {
            meeting: self.selected_meeting()?,
            item: self.items.selected,
        };
        self.corpus.try_get(at).is_some().then_some(at)
    }

    pub fn item(&self) -> Option<(&Meeting, &Item)> {
        self.selected_item().map(|at| self.corpus.get(at))
    }

    /// Selects an item (and its meeting).
    pub(super) fn select(&mut self, at: ItemRef) {
        self.reveal(at.meeting);
        self.meetings.selected = self.row_of_meeting(at.meeting);
        self.items.selected = at.item;
        self.detail_scroll = 0;
    }

    /// Where the reader is, for the jump list; with a finder or full-text
    /// popup open, where they were when it opened (the panes behind it only
    /// preview).
    pub fn here(&self) -> Option<jumps::Place> {
        let s = match &self.popup {
            Some(Popup::Finder { saved } | Popup::FullText { saved }) => *saved,
            _ => self.saved(),
        };
        Some(jumps::Place {
            meeting: self.meeting_at_row(s.meetings.selected)?,
            item: s.items.selected,
            scroll: s.detail_scroll,
            focus: s.focus,
        })
    }

    /// Records where the reader is before a jump takes them elsewhere.
    pub(super) fn record_jump(&mut self) {
        if let Some(here) = self.here() {
            self.jumps.record(here);
        }
    }

    /// Goes to a place of the jump list; the corpus holds its meeting.
    pub(super) fn go_to(&mut self, place: jumps::Place) {
        self.popup = None;
        self.decisions_only = false;
        self.reveal(place.meeting);
        self.meetings.selected = self.row_of_meeting(place.meeting);
        self.items.selected = place.item;
        self.focus = place.focus;
        self.sync();
        self.detail_scroll = place.scroll;
        self.sync();
    }

    /// Whether a place of the jump list can still be shown.
    pub fn can_show(&self, place: &jumps::Place) -> bool {
        self.corpus
            .meeting(place.meeting)
            .is_some_and(|m| place.item < m.items.len().max(1))
    }

    pub fn saved(&self) -> Saved {
        Saved {
            focus: self.focus,
            meetings: self.meetings,
            items: self.items,
            detail_scroll: self.detail_scroll,
        }
    }

    pub fn restore(&mut self, saved: Saved) {
        self.focus = saved.focus;
        self.meetings = saved.meetings;
        self.items = saved.items;
        self.detail_scroll = saved.detail_scroll;
    }

    /// The laid-out detail pane content.
    pub fn view(&self) -> &DetailView {
        &self.view
    }

    /// Rows of text the detail pane shows at once.
    pub fn detail_height(&self) -> usize {
        self.detail_rect()
            .map_or(1, |r| usize::from(layout::inner(r).height).max(1))
    }

    /// The width text is wrapped to: the pane minus the scroll bar column, at
    /// most [`MAX_TEXT_WIDTH`] so lines stay readable on wide screens.
    fn detail_width(&self) -> u16 {
        self.detail_rect().map_or(1, |r| {
            layout::inner(r)
                .width
                .saturating_sub(1)
                .clamp(1, MAX_TEXT_WIDTH)
        })
    }

    /// Where the detail pane is, or would be when focused.
    fn detail_rect(&self) -> Option<Rect> {
        self.panes()
            .detail
            .or_else(|| self.panes_for(Focus::Detail).detail)
    }

    /// The panes of this frame.
    pub fn panes(&self) -> Panes {
        self.panes_for(self.focus)
    }

    /// The panes as they would be with `focus` focused.
    pub fn panes_for(&self, focus: Focus) -> Panes {
        self.panes_in(self.size, focus)
    }

    /// The panes on a screen of `area` with `focus` focused.
    pub fn panes_in(&self, area: Rect, focus: Focus) -> Panes {
        let items = self.item_columns().wanted().saturating_add(2);
        let wants = Wants {
            zoom: self.zoom,
            items: u16::try_from(items).unwrap_or(u16::MAX),
        };
        layout::panes(area, focus, wants)
    }

    /// What the selected meeting's item columns would take to be shown whole.
    pub fn item_columns(&self) -> ItemColumns {
        ItemColumns::of(&self.look, self.meeting().map_or(&[][..], |m| &m.items[..]))
    }

    /// The largest useful detail scroll: the last line at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        self.view.lines.len().saturating_sub(self.detail_height())
    }

    /// Rows a list pane shows at once (as if it were visible).
    pub fn list_height(&self, focus: Focus) -> usize {
        self.panes_for(focus)
            .get(focus)
            .map_or(1, |r| usize::from(layout::inner(r).height).max(1))
    }

    /// Rows the finder list shows.
    pub fn finder_height(&self) -> usize {
        let (_, list) = layout::finder_parts(layout::finder(self.size));
        usize::from(list.height).max(1)
    }

    /// Rows the full-text results list shows.
    pub fn fulltext_height(&self) -> usize {
        let (_, list, _) = layout::fulltext_parts(layout::fulltext(self.size));
        usize::from(list.height).max(1)
    }

    /// Rows the timeline list shows.
    pub fn timeline_height(&self) -> usize {
        let rows = match &self.popup {
            Some(Popup::Timeline(t)) => t.rows.len(),
            _ => 0,
        };
        usize::from(layout::inner(layout::timeline(self.size, rows)).height).max(1)
    }

    /// Rows the help overlay shows.
    pub fn help_height(&self) -> usize {
        usize::from(layout::inner(layout::help(self.size)).height).max(1)
    }

    /// Re-derives everything that depends on size or selection: clamps cursors,
    /// rebuilds the detail view when its inputs changed, resolves a pending jump
    /// and clamps the detail scroll.
    pub fn sync(&mut self) {
        let (count, height) = (self.meeting_count(), self.list_height(Focus::Meetings));
        if self.meetings_wheeled {
            self.meetings.clamp_offset(count, height);
        } else {
            self.meetings.clamp(count, height);
        }
        let item_count = self.meeting().map_or(0, |m| m.items.len());
        self.items.clamp(item_count, self.list_height(Focus::Items));
        let mut key = ViewKey {
            // The decisions view shows every item whichever is selected.
            item: self.selected_item().filter(|_| !self.decisions_only),
            meeting: self.selected_meeting(),
            decisions_only: self.decisions_only,
            width: self.detail_width(),
            query: self.search.query.clone(),
            mode: self.search.mode,
            current: self.search.current,
            look: self.look,
            loading: self.loading.is_some(),
        };
        if self.view_key.as_ref() != Some(&key) {
            let same_text = self.view_key.as_ref().map(|old| old.same_text(&key));
            if same_text == Some(false) {
                // Another text: `n`/`N` start from where the reader is.
                self.search.current = NO_HIT;
                key.current = NO_HIT;
            }
            let view = self.build_view(&key);
            // The same text at another width (a resize, a pane that opens or
            // closes): keep the same text at the top, not the same line number.
            if same_text == Some(true)
                && let Some(old) = &self.view_key
                && old.width != key.width
            {
                let remap = |line: usize| view.line_at(self.view.offset_of(line));
                self.detail_scroll = remap(self.detail_scroll);
                self.search.origin = remap(self.search.origin);
            }
            self.view = view;
            self.view_key = Some(key);
            if !self.view.hits.is_empty()
                && self.search.current != NO_HIT
                && self.search.current >= self.view.hits.len()
            {
                self.search.current = 0;
                self.view_key = None;
                return self.sync();
            }
        }
        if let Some(jump) = self.jump.take() {
            self.resolve(jump);
        }
        self.detail_scroll = self.detail_scroll.min(self.max_scroll());
        if self.decisions_only && self.focus == Focus::Detail && self.popup.is_none() {
            self.follow_reading();
        }
        self.mark_read_seen();
        if self.popup_is_finder() {
            let height = self.finder_height();
            self.finder.dates = self.look.dates;
            self.finder.refresh(&self.corpus, height);
        }
        if matches!(self.popup, Some(Popup::FullText { .. })) {
            let height = self.fulltext_height();
            self.fulltext.refresh(height);
        }
        // The timeline's markers follow what is new now (a refresh that came
        // in, an item read), for the few rows a case has.
        if let Some(Popup::Timeline(t)) = &mut self.popup {
            let following = &self.following;
            t.new = t
                .rows
                .iter()
                .map(|row| {
                    !matches!(row, super::timeline::TimelineRow::History { .. })
                        && following.is_new(row.target())
                })
                .collect();
        }
        let height = self.timeline_height();
        let help_len = self.keys.help_lines(self.look.lang).len();
        let help_height = self.help_height();
        match &mut self.popup {
            Some(Popup::Timeline(t)) => t.cursor.clamp(t.rows.len(), height),
            Some(Popup::Help(help)) => help.clamp(help_len, help_height),
            Some(Popup::Problems(problems)) => {
                problems.cursor.clamp(problems.rows.len(), help_height)
            }
            Some(Popup::Filter(popup)) => popup.cursor.clamp(popup.rows.len(), help_height),
            Some(Popup::Watch(popup)) => popup.cursor.clamp(popup.rows.len(), help_height),
            Some(Popup::Meeting(page)) => {
                let toc = super::meeting_page::toc_rect(page, &self.look, self.size);
                page.cursor
                    .clamp(page.rows.len(), usize::from(toc.height).max(1));
            }
            _ => {}
        }
    }

    /// An item is seen once its text is read: shown in the focused detail
    /// pane. (Selecting it in a list shows it too, but a cursor passing over
    /// a new item is no reading.)
    fn mark_read_seen(&mut self) {
        if self.focus != Focus::Detail
            || self.popup.is_some()
            || self.decisions_only
            || self.announcing
            || self.following.write_failed()
        {
            return;
        }
        let Some(at) = self.selected_item() else {
            return;
        };
        if self.following.is_new(at)
            && let Err(why) = self.following.mark_seen(&self.corpus, &[at])
        {
            self.say_fill(Msg::WatchFailed, &[&for_terminal(&why)]);
        }
    }

    /// Takes `following` as the watch list, saying what was wrong with its
    /// file if anything was.
    pub fn set_following(
        &mut self,
        (following, problem): (Following, Option<crate::follow::store::Problem>),
    ) {
        self.following = following;
        self.following.refresh(&self.corpus);
        if let Some(problem) = problem {
            self.say_fill(Msg::WatchFileProblem, &[&for_terminal(&problem.0)]);
        }
        self.sync();
    }

    fn build_view(&self, key: &ViewKey) -> DetailView {
        let search = (!key.query.is_empty()).then_some(Highlight {
            query: &key.query,
            current: key.current,
            mode: key.mode,
        });
        if self.corpus.meetings().is_empty() {
            let text = if key.loading {
                self.look.text(Msg::LoadingShort).to_string()
            } else if self.opened.is_empty() {
                self.look.text(Msg::NoMinutesHelp).to_string()
            } else if !self.corpus.reports.is_empty() {
                // Files were read and refused: say so, not "no files".
                let opened = for_terminal(&self.opened.join(", ")).into_owned();
                let files =
                    self.look
                        .count(self.corpus.reports.len(), Msg::FilesOne, Msg::FilesMany);
                self.look.fill(Msg::NoneHeldMinutesHelp, &[&files, &opened])
            } else {
                let opened = for_terminal(&self.opened.join(", ")).into_owned();
                self.look.fill(Msg::NoMinutesInHelp, &[&opened])
            };
            return detail::message_view(&text, key.width, &self.look);
        }
        match (key.decisions_only, key.meeting, key.item) {
            (true, Some(m), _) => detail::decisions_view(
                self.corpus.meeting(m).expect("the selected meeting"),
                key.width,
                search,
                &self.look,
            ),
            (false, _, Some(at)) => {
                let (meeting, item) = self.corpus.get(at);
                // Mentions of cases that some loaded item carries lead there.
                let links: Vec<String> = item
                    .mentions
                    .iter()
                    .filter(|case| !self.corpus.case(case).is_empty())
                    .cloned()
                    .collect();
                detail::item_view_linked(meeting, item, key.width, search, &self.look, &links)
            }
            _ => detail::message_view(self.look.text(Msg::MeetingNoItems), key.width, &self.look),
        }
    }

    /// Turns a jump into a scroll position on the current view.
    fn resolve(&mut self, jump: Jump) {
        let view = &self.view;
        let scroll = match jump {
            Jump::Top => Some(0),
            Jump::FirstDecision => view.decisions.first().copied(),
            Jump::LastDecision => view.decisions.last().copied(),
            Jump::Anchor(n) => view.anchors.get(n).copied(),
            Jump::DecisionOf(n) => {
                let start = view.anchors.get(n).copied().unwrap_or(0);
                let end = view.anchors.get(n + 1).copied().unwrap_or(usize::MAX);
                view.decisions
                    .iter()
                    .copied()
                    .find(|&d| d >= start && d < end)
            }
            Jump::HitIn(place) => {
                let line = match place {
                    Place::Title => 0,
                    Place::Section(i) => view.places.get(i).copied().unwrap_or(0),
                };
                return self.resolve(Jump::HitFrom(line));
            }
            Jump::HitFrom(line) => {
                let found = view
                    .hits
                    .iter()
                    .position(|&h| h >= line)
                    .or((!view.hits.is_empty()).then_some(0));
                self.make_current(found)
            }
            Jump::LastHit => {
                let last = view.hits.len().checked_sub(1);
                self.make_current(last)
            }
            Jump::CurrentHit => view
                .hits
                .get(self.search.current)
                .map(|&h| self.hit_scroll(h)),
        };
        if let Some(s) = scroll {
            self.detail_scroll = s;
        }
    }

    /// Makes hit `found` the current one and returns the scroll that shows it.
    fn make_current(&mut self, found: Option<usize>) -> Option<usize> {
        if let Some(i) = found
            && i != self.search.current
        {
            // The highlight of the current hit changes: rebuild, then come back.
            self.search.current = i;
            self.sync_view_only();
        }
        self.view
            .hits
            .get(self.search.current)
            .map(|&h| self.hit_scroll(h))
    }

    /// In the decisions view, selects the item being read, so the items pane,
    /// `y`, `c`, `e` and `o` follow the reader: the item at the top of the
    /// pane, or, scrolled to the bottom, the selected one if it is in view
    /// (the last items may never reach the top).
    fn follow_reading(&mut self) {
        let anchors = &self.view.anchors;
        if anchors.is_empty() {
            return;
        }
        let top = self.detail_scroll;
        let at_top = anchors.partition_point(|&a| a <= top).saturating_sub(1);
        let selected = self.items.selected;
        let shown = top..top + self.detail_height();
        let keep = top >= self.max_scroll()
            && selected >= at_top
            && anchors.get(selected).is_some_and(|a| shown.contains(a));
        if !keep && selected != at_top {
            self.items.selected = at_top;
            let len = self.meeting().map_or(0, |m| m.items.len());
            self.items.clamp(len, self.list_height(Focus::Items));
        }
    }

    /// A scroll position that shows `line` a little below the top of the pane.
    fn hit_scroll(&self, line: usize) -> usize {
        let visible = self.detail_scroll..self.detail_scroll + self.detail_height();
        if visible.contains(&line) {
            self.detail_scroll
        } else {
            line.saturating_sub(self.detail_height() / 3)
        }
    }

    fn sync_view_only(&mut self) {
        let mut key = self.view_key.clone().unwrap_or(ViewKey {
            item: None,
            meeting: None,
            decisions_only: false,
            width: 1,
            query: String::new(),
            mode: MatchMode::Plain,
            current: 0,
            look: self.look,
            loading: false,
        });
        key.current = self.search.current;
        self.view = self.build_view(&key);
        self.view_key = Some(key);
    }

    /// The position for the status line: `meeting 2/5`, `item 3/7`, `lines 1-30/80`.
    pub fn position(&self) -> String {
        let look = &self.look;
        match self.focus {
            Focus::Meetings => {
                let n = self.meeting_count();
                look.fill(Msg::PosMeeting, &[&(self.meetings.selected + 1).min(n), &n])
            }
            Focus::Items => {
                let n = self.meeting().map_or(0, |m| m.items.len());
                look.fill(Msg::PosItem, &[&(self.items.selected + 1).min(n), &n])
            }
            Focus::Detail => {
                let total = self.view.lines.len();
                let first = (self.detail_scroll + 1).min(total);
                let last = (self.detail_scroll + self.detail_height()).min(total);
                look.fill(Msg::PosLines, &[&first, &last, &total])
            }
        }
    }

    /// The corpus size for the status line.
    pub fn corpus_summary(&self) -> String {
        let look = &self.look;
        let warn = self.corpus.files_with_warnings();
        // Filtered, the counts are of what the list shows.
        let (meetings, items) = if self.filter.is_empty() {
            let n = self.meeting_count();
            let meetings = look.count(n, Msg::MeetingsOne, Msg::MeetingsMany);
            (meetings, self.corpus.item_count())
        } else {
            let all = self.corpus.meetings().len();
            let meetings = look.fill(Msg::MeetingsOfAll, &[&self.meeting_count(), &all]);
            let items = (0..self.meeting_count())
                .filter_map(|row| self.corpus.meeting(self.meeting_at_row(row)?))
                .map(|m| m.items.len())
                .sum();
            (meetings, items)
        };
        format!(
            "{} · {} · {}",
            meetings,
            look.count(items, Msg::ItemsOne, Msg::ItemsMany),
            look.count(warn, Msg::WarnFilesOne, Msg::WarnFilesMany),
        )
    }
}

impl App {
    /// Goes back to a remembered position (see [`crate::tui::session`]).
    pub(super) fn resume(&mut self, at: Resume) {
        if self.corpus.meeting(at.meeting).is_none() {
            return;
        }
        self.reader_acted = true;
        self.reveal(at.meeting);
        self.meetings.selected = self.row_of_meeting(at.meeting);
        self.items = ListCursor::default();
        self.detail_scroll = 0;
        self.decisions_only = false;
        self.focus = Focus::Meetings;
        if let Some(item) = at.item {
            self.items.selected = item;
            self.focus = if at.scroll > 0 {
                Focus::Detail
            } else {
                Focus::Items
            };
            // The scroll is remembered as a place in the text, the same at
            // every width (see `session_position`).
            self.sync();
            self.detail_scroll = self.view.line_at(at.scroll);
        }
        let label = self
            .meeting()
            .map(|m| for_terminal(&self.look.label(m)).into_owned())
            .unwrap_or_default();
        let message = self.look.fill(Msg::Resumed, &[&label]);
        self.log.push(&message);
        self.message = Some(message);
        self.sync();
    }

    /// Where the browser is, to remember for the next start: the meeting, the
    /// item and how far its text is scrolled, as the place in the text (in
    /// characters, [`DetailView::offset_of`]) at the top of the pane, so a
    /// window of another width opens at the same text.
    pub fn session_position(&self) -> Option<Position> {
        let meeting = self.meeting()?;
        let item = self.item().map(|(_, i)| i.number);
        let scroll = if self.decisions_only || self.detail_scroll == 0 {
            0
        } else {
            self.view.offset_of(self.detail_scroll)
        };
        Some(Position::new(meeting, item, scroll))
    }

    /// Where the selection is, in terms that survive a reload: the meeting's
    /// source and the item's number.
    fn anchor(&self, meetings: ListCursor, items: ListCursor) -> Option<(String, Option<u32>)> {
        let meeting = self
            .corpus
            .meeting(self.meeting_at_row(meetings.selected)?)?;
        Some((
            meeting.source.clone(),
            meeting.items.get(items.selected).map(|i| i.number),
        ))
    }

    /// The list cursors for an anchor in the current corpus.
    fn place(&self, anchor: &(String, Option<u32>)) -> Option<(ListCursor, ListCursor)> {
        let (m, meeting) = self
            .corpus
            .with_ids()
            .find(|(_, meeting)| meeting.sources().any(|s| s == anchor.0))?;
        let item = anchor
            .1
            .and_then(|n| meeting.items.iter().position(|i| i.number == n));
        let meetings = ListCursor {
            // A meeting the filter now leaves out is as good as gone.
            selected: self.shown.row_of(&self.corpus, m)?,
            offset: 0,
        };
        let items = ListCursor {
            selected: item.unwrap_or(0),
            offset: 0,
        };
        Some((meetings, items))
    }

    /// Shows a newly loaded corpus in place of the current one, keeping the
    /// selection (by meeting file and item number), the detail scroll when the
    /// item is still there, and the finder and search queries. The case
    /// timeline, which points into the old corpus, closes.
    pub(super) fn replace_corpus(&mut self, corpus: Corpus) {
        let anchor = self.anchor(self.meetings, self.items);
        let saved_anchor = match &self.popup {
            Some(Popup::Finder { saved } | Popup::FullText { saved }) => {
                Some((*saved, self.anchor(saved.meetings, saved.items)))
            }
            _ => None,
        };
        let item_before = self.item().map(|(_, i)| i.number);
        // Meetings read from the same files keep their ids.
        let mut corpus = corpus;
        corpus.keep_ids_of(&self.corpus);
        let corpus = Arc::new(corpus);
        self.corpus = Arc::clone(&corpus);
        self.shown = self.filter.shown(&corpus);
        let finder_query = self.finder.query().to_string();
        self.finder = Finder::limited(Arc::clone(&corpus), &self.filter);
        let fulltext_query = self.fulltext.query().to_string();
        self.fulltext = FullText::new(Arc::clone(&corpus));
        self.fulltext.limit_to(&self.filter);
        self.fulltext.keep_query(&fulltext_query);
        match &mut self.popup {
            // Both hold ids and item numbers of the corpus being replaced.
            Some(Popup::Timeline(_) | Popup::Meeting(_)) => self.popup = None,
            Some(Popup::Finder { .. }) => self.finder.set_query(&self.corpus, &finder_query),
            Some(Popup::FullText { .. }) => self.fulltext.open(),
            _ => {}
        }
        if let Some((mut saved, Some(a))) = saved_anchor
            && let Some((meetings, items)) = self.place(&a)
        {
            saved.meetings = meetings;
            saved.items = items;
            if let Some(Popup::Finder { saved: s } | Popup::FullText { saved: s }) = &mut self.popup
            {
                *s = saved;
            }
        }
        match anchor.as_ref().and_then(|a| self.place(a)) {
            Some((meetings, items)) => {
                self.meetings = meetings;
                self.items = items;
                if self.item().map(|(_, i)| i.number) != item_before {
                    self.detail_scroll = 0;
                }
            }
            // The meeting is gone: stay at the same row, at the top.
            None => {
                self.items = ListCursor::default();
                self.detail_scroll = 0;
            }
        }
        self.following.refresh(&self.corpus);
        self.view_key = None;
        self.sync();
    }

    /// Adds a batch of meetings the first load has just read (see
    /// [`Corpus::merge`]), with their items' haystacks for the finder. Whatever
    /// points at a meeting follows it to its new place: the selection stays on
    /// the meeting it was on, the list shows the same meetings from the top,
    /// the finder keeps its query and popups stay open.
    ///
    /// The corpus grows in place: while the first load runs nothing else holds
    /// it (the finder is handed it per call, full-text search gets it when the
    /// load is done), so the only copy made is of the empty corpus the
    /// browser opened on.
    pub(super) fn receive(&mut self, batch: Corpus, haystacks: Haystacks) {
        // Ids and item refs stay valid through a merge (the timeline, the
        // view's key and the finder hold them as they are); only list rows
        // move, so each cursor is put back on the meetings it showed.
        let on = |app: &App, cursor: ListCursor| -> CursorMeetings {
            (
                app.meeting_at_row(cursor.selected),
                app.meeting_at_row(cursor.offset),
            )
        };
        let follow = |app: &App, cursor: ListCursor, (selected, offset): CursorMeetings| {
            let row = |id| app.shown.row_of(&app.corpus, id);
            ListCursor {
                selected: selected.and_then(row).unwrap_or(cursor.selected),
                offset: offset.and_then(row).unwrap_or(cursor.offset),
            }
        };
        let main = on(self, self.meetings);
        let saved = match &self.popup {
            Some(Popup::Finder { saved } | Popup::FullText { saved }) => {
                Some(on(self, saved.meetings))
            }
            _ => None,
        };
        let renumbered = Arc::make_mut(&mut self.corpus).merge(batch);
        self.shown = self.filter.shown(&self.corpus);
        if renumbered.folded_any() {
            // The item shown may now be read from a fuller file.
            self.view_key = None;
        }
        self.finder.extend(&self.corpus, renumbered, haystacks);
        // Until the reader acts the newest meeting is the one to show, and the
        // newest of the corpus so far is at the top whatever batch brought it.
        if self.reader_acted {
            self.meetings = follow(self, self.meetings, main);
        }
        if let Some(shown) = saved {
            let cursor = match &self.popup {
                Some(Popup::Finder { saved } | Popup::FullText { saved }) => saved.meetings,
                _ => ListCursor::default(),
            };
            let moved = follow(self, cursor, shown);
            if let Some(Popup::Finder { saved } | Popup::FullText { saved }) = &mut self.popup {
                saved.meetings = moved;
            }
        }
        self.sync();
    }

    /// The first load is done and every meeting is in. The finder is filled
    /// once more, newest meeting first as on any corpus (while the load ran it
    /// took items in the order they were read), keeping its query and
    /// answering from what it has until then; full-text search gets the
    /// whole corpus.
    pub(super) fn finish_loading(&mut self) {
        self.loading = None;
        self.finder.refill(Arc::clone(&self.corpus));
        let fulltext_query = self.fulltext.query().to_string();
        self.fulltext = FullText::new(Arc::clone(&self.corpus));
        self.fulltext.limit_to(&self.filter);
        self.fulltext.keep_query(&fulltext_query);
        if matches!(self.popup, Some(Popup::FullText { .. })) {
            self.fulltext.open();
        }
        // The first frame with every meeting does not wait for the searches
        // of followed queries: the markers come on a later tick.
        self.following.refresh_later(Arc::clone(&self.corpus));
        self.view_key = None;
        self.sync();
    }

    /// Swaps in a reloaded corpus and says what changed, or which changed file
    /// could not be read. What changed is found by comparing the minutes
    /// before and after, file by file: a reload asked for with `R` has no
    /// watcher's list, and a file touched but not changed is not news.
    pub(super) fn reloaded(&mut self, reloaded: super::live::Reloaded) {
        let change = reloaded.corpus.changes_since(&self.corpus);
        let failed = reloaded.corpus.reports.iter().find_map(|r| {
            let error = r.error.as_ref()?;
            let path = std::path::Path::new(&r.source);
            change
                .created
                .iter()
                .chain(&change.modified)
                .any(|c| c == path)
                .then(|| (r.source.clone(), error.clone()))
        });
        self.announcing = true;
        self.replace_corpus(reloaded.corpus);
        match failed {
            Some((source, error)) => self.say_fill(
                Msg::ReloadFailed,
                &[
                    &for_terminal(&source),
                    &for_terminal(&self.look.read_error(&error)),
                ],
            ),
            None => self.say_fill(
                Msg::Reloaded,
                &[
                    &change.created.len(),
                    &change.modified.len(),
                    &change.removed.len(),
                ],
            ),
        }
        self.say_news(&change);
        self.announcing = false;
        self.sync();
    }

    /// When files a reload brought hold new items of something followed,
    /// says so (after the reload's own message, so the status line shows it).
    fn say_news(&mut self, change: &referat_core::corpus::Change) {
        let changed: std::collections::HashSet<&std::path::Path> = change
            .created
            .iter()
            .chain(&change.modified)
            .map(|p| p.as_path())
            .collect();
        let brought: Vec<ItemRef> = self
            .corpus
            .item_refs()
            .filter(|at| self.following.is_new(*at))
            .filter(|at| {
                let (meeting, _) = self.corpus.get(*at);
                meeting
                    .sources()
                    .any(|s| changed.contains(std::path::Path::new(s)))
            })
            .collect();
        let Some(&first) = brought.first() else {
            return;
        };
        let count = self
            .look
            .count(brought.len(), Msg::ItemsOne, Msg::ItemsMany);
        let label = self.look.label(self.corpus.get(first).0);
        self.say_fill(Msg::NewArrived, &[&count, &for_terminal(&label)]);
    }

    /// Says which paths were opened (empty: the bundled sample), so that an
    /// empty corpus is explained as what it is.
    pub fn set_opened(&mut self, paths: &[std::path::PathBuf]) {
        self.opened = paths.iter().map(|p| p.display().to_string()).collect();
        self.view_key = None;
        self.sync();
    }

    /// Whether the minutes came from paths the reader gave.
    pub fn has_opened_paths(&self) -> bool {
        !self.opened.is_empty()
    }

    /// Whether the finder popup is open (the loop ticks nucleo only then).
    pub fn popup_is_finder(&self) -> bool {
        matches!(self.popup, Some(Popup::Finder { .. }))
    }

    /// Whether a full-text query is waiting for its results (the loop polls
    /// for them only then).
    pub fn fulltext_pending(&self) -> bool {
        matches!(self.popup, Some(Popup::FullText { .. })) && self.fulltext.searching()
    }

    /// Takes full-text results that have arrived; returns whether anything changed.
    pub(super) fn receive_fulltext(&mut self) -> bool {
        let changed = self.fulltext.receive();
        if changed {
            self.sync();
        }
        changed
    }
}

/// The meetings a list cursor shows: at its selected row and at its top row.
type CursorMeetings = (Option<MeetingId>, Option<MeetingId>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing;
    use referat_core::corpus::CacheMode;

    #[test]
    fn an_opened_folder_without_minutes_says_so_and_that_it_is_watched() {
        let mut app = App::new(Corpus::default());
        app.handle(crate::tui::Message::Action(crate::tui::Action::Resize {
            width: 120,
            height: 20,
        }));
        app.set_opened(&["/tmp/referater".into()]);
        let screen = testing::screen(&app);
        assert!(screen.contains("No minutes files yet."), "{screen}");
        assert!(screen.contains("Watching for new ones."), "{screen}");
        assert!(
            !screen.contains("Run: referat PATH"),
            "it was run with a path"
        );
    }

    #[test]
    fn a_folder_of_files_that_are_not_minutes_says_they_were_read_and_refused() {
        let corpus = Corpus::from_texts([
            ("/tmp/f/a.txt".to_string(), "A note.".to_string()),
            ("/tmp/f/b.txt".to_string(), "Another note.".to_string()),
        ]);
        let mut app = App::new(corpus);
        app.handle(crate::tui::Message::Action(crate::tui::Action::Resize {
            width: 120,
            height: 20,
        }));
        app.set_opened(&["/tmp/f".into()]);
        let screen = testing::screen(&app);
        assert!(screen.contains("2 files read, no minutes."), "{screen}");
        assert!(
            screen.contains("None of the 2 files in /tmp/f holds minutes: P shows"),
            "{screen}"
        );
        assert!(!screen.contains("No minutes files yet."), "{screen}");
    }

    #[test]
    fn drawing_a_cached_corpus_reads_only_the_item_shown() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
        std::fs::write(dir.path().join("b.txt"), testing::AUGUST).unwrap();
        Corpus::load_with(&paths, &cache);
        let corpus = Corpus::load_with(&paths, &cache).0;
        let mut app = App::new(corpus);
        app.update(crate::tui::Action::Resize {
            width: 120,
            height: 40,
        });
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| crate::tui::ui::draw(frame, &app))
            .unwrap();
        let read: Vec<(String, u32)> = app
            .corpus()
            .meetings()
            .iter()
            .flat_map(|m| m.items.iter().map(move |i| (m.label(), i)))
            .filter(|(_, i)| i.sections.is_loaded())
            .map(|(label, i)| (label, i.number))
            .collect();
        let shown = app.item().map(|(m, i)| (m.label(), i.number));
        assert_eq!(
            read,
            Vec::from_iter(shown),
            "only the detail pane's item is read"
        );
        // The items pane still marks decided items, from the cache's index.
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains('✓'), "{screen}");
    }

    #[test]
    fn a_reload_compares_unchanged_files_without_reading_their_sections() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        let file = |name: &str| dir.path().join(name);
        std::fs::write(file("a.txt"), testing::MARCH).unwrap();
        std::fs::write(file("b.txt"), testing::AUGUST).unwrap();
        Corpus::load_with(&paths, &cache);
        let before = Corpus::load_with(&paths, &cache).0;
        let unread = |c: &Corpus| {
            c.meetings()
                .iter()
                .flat_map(|m| &m.items)
                .all(|i| !i.sections.is_loaded())
        };
        assert!(unread(&before), "a warm load leaves sections on disk");
        // Blank the cache in place: were `before`'s sections read now, they
        // would fail their CRC and be read from their files, and so be loaded.
        let cache_file = cache_dir.path().join("cache");
        let len = std::fs::metadata(&cache_file).unwrap().len();
        std::fs::write(&cache_file, vec![0; len as usize]).unwrap();

        // b.txt is written again as it was: a new version, the same minutes.
        std::fs::write(file("b.txt"), testing::AUGUST).unwrap();
        std::fs::write(file("c.txt"), testing::CHEFFORUM).unwrap();
        let after = Corpus::load_with(&paths, &cache).0;
        let change = after.changes_since(&before);
        assert_eq!(change.created, [file("c.txt")]);
        assert!(change.modified.is_empty(), "{:?}", change.modified);
        assert!(change.removed.is_empty());
        // b.txt is a new version, so its meeting was compared; a.txt's was not.
        let a = before.reports.iter().find(|r| r.source.ends_with("a.txt"));
        let a = before.meeting(a.and_then(|r| r.meeting).unwrap()).unwrap();
        assert!(
            a.items.iter().all(|i| !i.sections.is_loaded()),
            "a.txt read"
        );

        let edited = testing::AUGUST.replace("Øvrige sager", "Andre sager");
        std::fs::write(file("b.txt"), edited).unwrap();
        let edited = Corpus::load_with(&paths, &cache).0;
        assert_eq!(edited.changes_since(&after).modified, [file("b.txt")]);
    }
}
