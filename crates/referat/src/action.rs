//! What the user asked for, independent of which key or mouse event said it.
//!
//! It sits below both the configuration, which names actions in its keymap,
//! and the browser, which turns events into actions and applies them, so that
//! neither has to import the other for it.

/// One thing the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// Open what is selected (meeting → items, item → detail, finder/timeline row → jump).
    Enter,
    /// Close a popup or prompt, or step back from the detail to the items.
    Back,
    OpenFinder,
    /// Open the full-text search popup.
    OpenFullText,
    /// Start a text search in the detail pane.
    StartSearch,
    NextHit,
    PrevHit,
    NextDecision,
    PrevDecision,
    NextSection,
    PrevSection,
    Timeline,
    ToggleDecisions,
    Copy,
    /// Open the item's file in the editor at the item's line.
    Edit,
    /// Read the item's text in the pager.
    Page,
    /// Read the minutes again.
    Reload,
    /// Back to where the reader was before the last jump (`Ctrl-o`).
    JumpBack,
    /// Forward again to where going back came from.
    JumpForward,
    /// The next item of the last finder or full-text results.
    NextResult,
    /// The previous item of those results.
    PrevResult,
    /// Open (or close) the log of every message shown.
    ShowMessages,
    /// Open (or close) the list of files with warnings or errors.
    ShowProblems,
    /// Show the focused pane alone, or all panes again.
    Zoom,
    /// Open (or close) the selected meeting's page: its facts and contents.
    MeetingPage,
    /// Open (or close) the meetings filter: forum, year, kind.
    OpenFilter,
    /// Clear every choice of the meetings filter.
    ClearFilter,
    /// Follow the selected item's case, or stop following it when it is followed.
    Follow,
    /// Stop following the thing selected in the watch list.
    Unfollow,
    /// Open (or close) the watch list: what is followed, and what is new.
    WatchList,
    /// Mark every new item of the focused list seen.
    MarkSeen,
    /// Go to the case the first mention in view names (a link in the detail).
    FollowLink,
    /// A typed character in the finder or the search prompt.
    Input(char),
    Backspace,
    DeleteWord,
    ClearInput,
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// Whether this action comes from the keyboard (a key press clears the last
    /// status message; a mouse move or resize does not).
    pub fn is_key(self) -> bool {
        !matches!(
            self,
            Action::Click { .. } | Action::Scroll { .. } | Action::Resize { .. }
        )
    }
}
