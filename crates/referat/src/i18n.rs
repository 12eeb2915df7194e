//! The browser's words in English and Danish.
//!
//! Every label, help text and message is a [`Msg`]; [`Msg::text`] gives it in a
//! [`Lang`]. The table below is written once through a macro that demands both
//! languages on every row, so a message without its Danish (or English) text
//! does not compile; tests check that no text is empty, that both languages
//! take the same `{}` placeholders and that Danish really is Danish.
//!
//! Texts carry no padding: the browser adds the spaces its frames need.
//! Placeholders are `{}`, filled in order by [`Msg::fill`].

use std::fmt::Display;

use crate::config::Language;
use referat_core::pdf::PdfError;
use referat_core::read::{IoReason, ReadError};

/// An interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Da,
}

impl Lang {
    /// The language for a config setting: `en` and `da` as they say, `auto`
    /// from the locale (`da`, `da_DK.UTF-8`, `da-DK` give Danish; anything
    /// else, or no locale, English).
    pub fn detect(setting: Language, locale: Option<&str>) -> Lang {
        match setting {
            Language::En => Lang::En,
            Language::Da => Lang::Da,
            Language::Auto => match locale {
                Some(l) if l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("da")) => {
                    match l.as_bytes().get(2) {
                        None | Some(b'_' | b'-' | b'.' | b'@') => Lang::Da,
                        _ => Lang::En,
                    }
                }
                _ => Lang::En,
            },
        }
    }

    /// [`Lang::detect`] with the locale from the environment, in POSIX order:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first that is set and not
    /// empty decides.
    pub fn from_env(setting: Language) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|v| !v.is_empty());
        Lang::detect(setting, locale.as_deref())
    }
}

macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident => $en:literal, $da:literal;)*) => {
        /// A text of the interface; see the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every message, in table order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The text in `lang`, placeholders unfilled.
            pub fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $(Msg::$name => $en,)* },
                    Lang::Da => match self { $(Msg::$name => $da,)* },
                }
            }
        }
    };
}

messages! {
    // Panes and their empty states.
    /// Meetings pane title; the number of meetings.
    MeetingsTitle => "Meetings ({})", "Møder ({})";
    ItemsTitle => "Items", "Punkter";
    /// Items pane title; the meeting's label.
    ItemsTitleOf => "Items · {}", "Punkter · {}";
    DetailTitle => "Detail", "Detaljer";
    DecisionsTitle => "Decisions", "Beslutninger";
    /// Detail pane title; item number and title.
    ItemTitleOf => "Item {} · {}", "Punkt {} · {}";
    NoMinutesLoaded => "No minutes loaded.", "Ingen referater indlæst.";
    RunWithPath => "Run: referat PATH…", "Kør: referat STI…";
    NoMinutesHelp =>
        "No minutes loaded. Run `referat PATH…` with minutes files (.txt, .md, .pdf, .html) or folders of them.",
        "Ingen referater indlæst. Kør `referat STI…` med referatfiler (.txt, .md, .pdf, .html) eller mapper med dem.";
    NoMinutesFiles => "No minutes files yet.", "Ingen referatfiler endnu.";
    WatchingForNew => "Watching for new ones.", "Holder øje med nye.";
    /// The folders opened, which hold no minutes files.
    NoMinutesInHelp =>
        "No minutes files (.txt, .md, .pdf, .html) in {}. The folder is watched: minutes added to it appear here.",
        "Ingen referatfiler (.txt, .md, .pdf, .html) i {}. Mappen holdes øje med: referater, der lægges i den, vises her.";
    /// Files read, none of which holds minutes.
    NoneHeldMinutes => "{} read, no minutes.", "{} læst, ingen referater.";
    /// The folders opened, whose files hold no minutes; how many files.
    NoneHeldMinutesHelp =>
        "None of the {} in {} holds minutes: P shows why for each. The folder is watched: minutes added to it appear here.",
        "Ingen af de {} i {} rummer referater: P viser hvorfor for hver. Mappen holdes øje med: referater, der lægges i den, vises her.";
    MeetingNoItems => "This meeting has no items.", "Mødet har ingen punkter.";
    NoDate => "no date", "ingen dato";
    /// A table-of-contents page in the items list.
    PageShort => "p.{}", "s.{}";

    // The finder.
    /// Matched and total items.
    FinderTitle => "Find an item · {}/{}", "Find et punkt · {}/{}";
    FinderFooter => "Enter jump · Esc back · 'exact ^prefix !not", "Enter hop · Esc tilbage · 'præcis ^start !ikke";
    FinderNoMatch => "No item matches.", "Intet punkt passer.";
    /// Status line while finding: matched and total.
    FinderMatches => "{}/{} matches", "{}/{} resultater";

    // Full-text search.
    /// The number of items found (see [`Msg::ItemsOne`]).
    FullTextTitle => "Search all minutes · {}", "Søg i alle referater · {}";
    Indexing => "indexing…", "indekserer…";
    Searching => "searching…", "søger…";
    FullTextFooter => "Enter open · Esc back · every word must occur · \"a phrase\"",
        "Enter åbn · Esc tilbage · alle ord skal forekomme · \"en frase\"";
    FullTextNone => "No item contains every word.", "Intet punkt indeholder alle ordene.";
    FullTextEmpty => "Type words to find in titles and texts: budget, \"nyt rådhus\", 505.000",
        "Skriv ord, der skal findes i titler og tekster: budget, \"nyt rådhus\", 505.000";
    HitsOne => "{} hit", "{} fund";
    HitsMany => "{} hits", "{} fund";
    /// A count of hits (see [`Msg::HitsOne`]).
    HitsInItem => "{} in this item (n/N: next/previous)", "{} i dette punkt (n/N: næste/forrige)";
    StillSearching => "Still searching…", "Søger stadig…";
    PlaceTitle => "Title", "Titel";
    PlaceText => "Text", "Tekst";
    /// Below the preview: how many hits are not shown.
    MoreHits => "… {} more", "… {} mere";

    // The case timeline.
    /// Case numbers and a count (see [`Msg::ItemsOne`]).
    TimelineTitle => "Case {} · {}", "Sag {} · {}";
    TimelineFooter => "Enter jump · Esc close", "Enter hop · Esc luk";
    /// A meeting known only from a case history; the item title.
    NotLoaded => "(not loaded) {}", "(ikke indlæst) {}";
    NoDecisionShort => "no decision", "ingen beslutning";

    // The help overlay.
    HelpTitle => "Keys", "Taster";
    HelpFooterMore => "↓ j/Space more · Esc close", "↓ j/Mellemrum mere · Esc luk";
    HelpFooter => "Esc close", "Esc luk";
    KeySpace => "Space", "Mellemrum";
    ScopeAlways => "Everywhere", "Overalt";
    ScopePanes => "Panes", "Ruder";
    ScopeLists => "Meetings and items panes", "Møde- og punktruderne";
    ScopeDetail => "Detail pane", "Detaljeruden";
    ScopeFinder => "Finder (type to match: 'exact ^prefix !not suffix$)",
        "Find punkt (skriv for at søge: 'præcis ^start !ikke slut$)";
    ScopePrompts => "Finder and full-text search", "Find punkt og fritekstsøgning";
    ScopeFullText => "Full-text search (every word must occur; \"a phrase\")",
        "Fritekstsøgning (alle ord skal forekomme; \"en frase\")";
    ScopeSearch => "Search prompt (type the text to find)", "Søgefelt (skriv teksten, der skal findes)";
    ScopePopups => "Timeline and help", "Sagsforløb og hjælp";
    ScopeTimeline => "Case timeline", "Sagsforløb";
    ScopeHelp => "Help", "Hjælp";
    ScopeMessages => "Message log", "Beskedlog";
    ScopeProblems => "Problems", "Problemer";
    ScopeMeetingPage => "Meeting page", "Mødets side";
    ScopeFilter => "Meetings filter", "Mødefilter";
    ScopeWatch => "Watch list", "Følgeliste";

    // What each key does, for the help overlay.
    DescQuit => "quit", "afslut";
    DescQuitPanes => "quit (Esc closes a popup first)", "afslut (Esc lukker først et vindue)";
    DescHelp => "help: every key", "hjælp: alle taster";
    DescFocusNext => "focus the next pane", "gå til næste rude";
    DescFocusPrev => "focus the previous pane", "gå til forrige rude";
    DescFocusLeft => "focus the pane to the left", "gå til ruden til venstre";
    DescFocusRight => "focus the pane to the right", "gå til ruden til højre";
    DescDown => "next row, or scroll the detail down", "næste række, eller rul teksten ned";
    DescUp => "previous row, or scroll the detail up", "forrige række, eller rul teksten op";
    DescTop => "first row, or top of the detail", "første række, eller tekstens start";
    DescBottom => "last row, or bottom of the detail", "sidste række, eller tekstens slutning";
    DescHalfPageDown => "half a page down", "en halv side ned";
    DescHalfPageUp => "half a page up", "en halv side op";
    DescPageDown => "a page down", "en side ned";
    DescPageUp => "a page up", "en side op";
    DescFinder => "finder: any item of any meeting", "find: ethvert punkt i ethvert møde";
    DescNextDecision => "next Beslutning (from a list: open the item there)",
        "næste beslutning (fra en liste: åbn punktet der)";
    DescPrevDecision => "previous Beslutning", "forrige beslutning";
    DescTimeline => "case timeline of the selected item", "sagsforløbet for det valgte punkt";
    DescNextResult => "next item of the last finder or search results", "næste punkt i de sidste fund fra søgningen";
    DescPrevResult => "previous item of those results", "forrige punkt i de fund";
    DescProblems => "files with warnings or errors, and each finding", "filer med advarsler eller fejl, og hvert fund";
    DescOpenProblem => "open the file at the finding's line", "åbn filen ved fundets linje";
    DescCloseProblems => "close the problems", "luk problemerne";
    DescZoom => "the focused pane alone, and back", "den valgte rude alene, og tilbage";
    DescMeetingPage => "the meeting's page: facts, contents with pages", "mødets side: fakta, indhold med sider";
    DescOpenTocItem => "show the item", "vis punktet";
    DescCloseMeetingPage => "close the meeting's page", "luk mødets side";
    DescFilter => "filter the meetings by forum, year and kind (finder and search follow)",
        "filtrér møderne efter forum, år og type (find og søg følger med)";
    DescClearFilter => "show every meeting again", "vis alle møder igen";
    DescFilterChoose => "choose, or unchoose, the value", "vælg værdien, eller fravælg den";
    DescCloseFilter => "close the filter (it stays in effect)", "luk filteret (det gælder stadig)";
    DescFollow => "follow the item's case, or stop following it", "følg punktets sag, eller hold op med at følge den";
    DescWatchList => "what you follow, and what is new", "det, du følger, og hvad der er nyt";
    DescMarkSeen => "mark the new items of this list seen", "markér listens nye punkter som set";
    DescFollowLink => "go to the case the first underlined mention names", "gå til sagen, som første understregede omtale nævner";
    DescWatchOpen => "show what it matches", "vis, hvad det rammer";
    DescUnfollow => "stop following it", "hold op med at følge det";
    DescCloseWatch => "close the watch list", "luk følgelisten";
    DescMessages => "every message shown, in full", "alle viste beskeder, hele";
    DescCloseMessages => "close the message log", "luk beskedloggen";
    DescJumpBack => "back to where you were before the last jump", "tilbage til hvor du var før sidste spring";
    DescJumpForward => "forward again, after going back", "frem igen, efter at være gået tilbage";
    DescDecisions => "decisions-only view of the meeting", "vis kun mødets beslutninger";
    DescCopy => "copy a citation of the item (OSC 52)", "kopiér en henvisning til punktet (OSC 52)";
    DescOpen => "meeting → its items; item → its detail", "møde → dets punkter; punkt → dets tekst";
    DescFullText => "full-text search in every item's text", "fritekstsøgning i alle punkters tekst";
    DescOpenHit => "open the item at the hit; n/N then step through its hits",
        "åbn punktet ved fundet; n/N går derefter gennem dets fund";
    DescPager => "read the item in the pager ($PAGER)", "læs punktet i pageren ($PAGER)";
    DescFinderAlias => "finder (as f)", "find (som f)";
    DescSearch => "search the item's text", "søg i punktets tekst";
    DescNextHit => "next search hit; after the last, the next result", "næste fund; efter det sidste, næste resultat";
    DescPrevHit => "previous search hit, or the previous result", "forrige fund, eller forrige resultat";
    DescNextSection => "next section", "næste afsnit";
    DescPrevSection => "previous section", "forrige afsnit";
    DescBackToItems => "back to the items", "tilbage til punkterne";
    DescBackToMeetings => "back to the meetings", "tilbage til møderne";
    DescNextMatch => "next match", "næste resultat";
    DescPrevMatch => "previous match", "forrige resultat";
    DescMatchesPageDown => "a page of matches down", "en side resultater ned";
    DescMatchesPageUp => "a page of matches up", "en side resultater op";
    DescJumpMatch => "jump to the match", "hop til resultatet";
    DescFinderClose => "close, restoring the previous selection", "luk og vend tilbage til det forrige valg";
    DescDeleteChar => "delete a character", "slet et tegn";
    DescDeleteWord => "delete a word", "slet et ord";
    DescClearQuery => "clear the query", "ryd feltet";
    DescKeepSearch => "keep the search; n/N step through hits", "behold søgningen; n/N går gennem fundene";
    DescCancelSearch => "cancel the search", "annullér søgningen";
    DescClearSearch => "clear the search", "ryd søgningen";
    DescPopupDown => "down", "ned";
    DescPopupUp => "up", "op";
    DescPopupTop => "top", "øverst";
    DescPopupBottom => "bottom", "nederst";
    DescJumpItem => "jump to that item", "hop til punktet";
    DescClose => "close", "luk";
    DescCloseHelp => "close help", "luk hjælpen";
    DescEditor => "text in the editor, a PDF at the item's page", "tekst i editoren, PDF på punktets side";
    DescReload => "read the minutes again", "indlæs referaterne igen";

    // Status-line hints next to a key.
    HintQuit => "quit", "afslut";
    HintHelp => "help", "hjælp";
    HintFind => "find", "find";
    HintDecision => "decision", "beslutning";
    HintCase => "case", "sag";
    HintDecisions => "decisions", "beslutninger";
    HintCite => "cite", "citér";
    HintOpen => "open", "åbn";
    HintSearch => "search", "søg";
    HintSection => "section", "afsnit";
    HintJump => "jump", "hop";
    HintClose => "close", "luk";
    HintMeeting => "meeting", "møde";
    HintFilter => "filter", "filtrér";
    HintFollow => "follow", "følg";
    HintChoose => "choose", "vælg";
    ViewerStarted => "Opened {} with {}", "Åbnede {} med {}";
    ViewerAtPage => "Opened {} at page {} with {}", "Åbnede {} på side {} med {}";
    ViewerFailed => "Could not start the viewer {}: {}", "Kunne ikke starte fremviseren {}: {}";
    NoViewer => "No program to show {}: set pdf_viewer in the configuration, or install xdg-open", "Intet program kan vise {}: sæt pdf_viewer i konfigurationen, eller installér xdg-open";
    /// The zoom key.
    Zoomed => "{}: all panes", "{}: alle ruder";
    HintKeep => "keep", "behold";
    HintCancel => "cancel", "annullér";
    HintEditor => "edit", "redigér";
    HintSearchAll => "search all", "søg alt";
    HintPager => "read", "læs";

    // The status line.
    SearchPromptHint => "Enter keep · Esc cancel", "Enter behold · Esc annullér";
    /// Selected and total meetings.
    PosMeeting => "meeting {}/{}", "møde {}/{}";
    PosItem => "item {}/{}", "punkt {}/{}";
    /// First and last line shown, and the total.
    PosLines => "lines {}-{}/{}", "linje {}-{}/{}";
    MeetingsOne => "{} meeting", "{} møde";
    MeetingsMany => "{} meetings", "{} møder";
    /// Meetings the filter shows, and all of them.
    MeetingsOfAll => "{} of {} meetings", "{} af {} møder";
    ItemsOne => "{} item", "{} punkt";
    ItemsMany => "{} items", "{} punkter";
    FilesOne => "{} file", "{} fil";
    FilesMany => "{} files", "{} filer";
    WarnFilesOne => "{} file with warnings", "{} fil med advarsler";
    WarnFilesMany => "{} files with warnings", "{} filer med advarsler";

    // Messages after a key.
    LastSection => "Last section", "Sidste afsnit";
    FirstSection => "First section", "Første afsnit";
    DecisionsOn => "Decisions of the meeting (d: back to the item)", "Mødets beslutninger (d: tilbage til punktet)";
    /// The citation copied.
    Copied => "Copied: {}", "Kopieret: {}";
    NothingToCopy => "Nothing to copy: no item selected", "Intet at kopiere: intet punkt er valgt";
    NoItemSelected => "No item selected", "Intet punkt er valgt";
    NoMeetingSelected => "No meeting selected", "Intet møde er valgt";
    ItemNoDecision => "Item {} has no decision", "Punkt {} har ingen beslutning";
    MeetingNoDecision => "No decision in this meeting", "Ingen beslutninger i dette møde";
    NoLaterDecision => "No later decision", "Ingen senere beslutning";
    NoEarlierDecision => "No earlier decision", "Ingen tidligere beslutning";
    NoSearch => "No search: press / to search the text", "Ingen søgning: tryk / for at søge i teksten";
    NoMatchFor => "No match for “{}”", "Intet fund for “{}”";
    /// The current hit and the number of hits.
    MatchOf => "Match {}/{}", "Fund {}/{}";
    ItemNoCase => "Item {} has no case number", "Punkt {} har intet sagsnummer";
    NoMatch => "No match", "Intet fund";
    NotLoadedJump => "That meeting is not loaded: showing the item whose case history names it",
        "Det møde er ikke indlæst: viser punktet, hvis sagsforløb nævner det";
    SearchCleared => "Search cleared", "Søgningen er ryddet";
    /// The number of hits and the query.
    MatchesFor => "{} matches for “{}” (n/N: next/previous)", "{} fund for “{}” (n/N: næste/forrige)";

    // The detail pane.
    NoCaseNumber => "No case number", "Intet sagsnummer";
    CaseOne => "Case {}", "Sag {}";
    CaseMany => "Cases {}", "Sager {}";
    /// Facts under an item's title: the item number.
    FactsItem => "item {}", "punkt {}";
    FactsPage => "page {}", "side {}";
    Closed => "Lukket (closed)", "Lukket";
    ClosedNote => "Lukket punkt: the content of a closed item is not public.",
        "Lukket punkt: indholdet er ikke offentligt.";
    NoText => "This item has no text.", "Punktet har ingen tekst.";
    /// Decisions view title; the meeting's label.
    DecisionsOf => "Decisions · {}", "Beslutninger · {}";
    /// Items and items with a decision.
    DecisionsSummary => "{} items, {} with a decision", "{} punkter, {} med beslutning";
    /// After an item heading in the decisions view: its case numbers.
    CaseSuffix => "(case {})", "(sag {})";
    NoDecision => "No decision", "Ingen beslutning";

    // Live reload, editor and session.
    /// While the minutes are read in the background: seconds so far.
    Loading => "Reading the minutes… {} s", "Læser referaterne… {} s";
    LoadingShort => "Reading the minutes…", "Læser referaterne…";
    LoadingFiles => "Reading the minutes… {} of {} files, {} s", "Læser referaterne… {} af {} filer, {} s";
    /// Files new, changed and gone.
    Reloaded => "Reloaded: {} new, {} changed, {} removed", "Indlæst igen: {} nye, {} ændrede, {} fjernede";
    /// A path and the reason.
    ReloadFailed => "Could not read {}: {}", "Kunne ikke læse {}: {}";
    /// The editor command and the reason.
    EditorFailed => "Could not start the editor {}: {}", "Kunne ikke starte editoren {}: {}";
    /// The editor command and its exit status.
    EditorExit => "The editor {} ended with {}", "Editoren {} sluttede med {}";
    /// The pager command and the reason.
    PagerFailed => "Could not start the pager {}: {}", "Kunne ikke starte pageren {}: {}";
    /// A meeting's source.
    NoFileOnDisk => "{} is not a file on disk", "{} er ikke en fil på disken";
    BundledNotEditable => "The bundled sample is built into referat and cannot be edited",
        "Det medfølgende eksempel er bygget ind i referat og kan ikke redigeres";
    BundledNoReload => "The bundled sample has no files to read again",
        "Det medfølgende eksempel har ingen filer at læse igen";
    /// The result's number and how many there are.
    ResultOf => "Result {} of {}", "Fund {} af {}";
    NoResults => "No results to step through: find (f) or search (S) first", "Ingen fund at gå igennem: find (f) eller søg (S) først";
    LastResult => "That was the last result", "Det var det sidste fund";
    FirstResult => "That was the first result", "Det var det første fund";
    /// How many findings.
    MeetingPageFooter => "Enter show item · Esc close", "Enter vis punkt · Esc luk";
    FactForum => "Forum", "Forum";
    FactWhen => "When", "Tid";
    FactPlace => "Place", "Sted";
    FactKind => "Kind", "Type";
    FactPresent => "Present", "Deltagere";
    FactAbsent => "Absent", "Fraværende";
    FactSource => "Source", "Kilde";
    /// The other files that hold the same meeting.
    FactAlsoIn => "Also in", "Også i";
    DateAtTime => "{} at {}", "{} kl. {}";
    KindMinutes => "minutes", "referat";
    KindAgenda => "agenda", "dagsorden";
    /// Meetings the filter leaves, and all meetings.
    FilterTitle => "Filter meetings ({} of {})", "Filtrér møder ({} af {})";
    FilterFooter => "Enter choose · X clear · Esc close", "Enter vælg · X ryd · Esc luk";
    FilterYear => "Year", "År";
    /// Meetings shown, all meetings, and the filter's choices.
    /// Meetings shown, and all meetings.
    MeetingsTitleOf => "Meetings ({} of {})", "Møder ({} af {})";
    MeetingsTitleFiltered => "Meetings ({} of {} · {})", "Møder ({} af {} · {})";
    FilterCleared => "Filter cleared: every meeting shows", "Filter ryddet: alle møder vises";
    WatchTitle => "Watch list ({})", "Følgeliste ({})";
    WatchFooter => "Enter show · x stop following · Esc close", "Enter vis · x hold op med at følge · Esc luk";
    WatchEmpty => "Nothing is followed yet: w on an item follows its case.", "Du følger intet endnu: w på et punkt følger dets sag.";
    WatchNew => "{} new", "{} nye";
    FollowedCase => "Following case {}: new items about it are marked ●", "Følger sag {}: nye punkter om den markeres ●";
    UnfollowedCase => "No longer following case {}", "Følger ikke længere sag {}";
    Unfollowed => "No longer following {}", "Følger ikke længere {}";
    WatchFileProblem => "Watch list: {}", "Følgeliste: {}";
    WatchFailed => "The watch list was not changed: {}", "Følgelisten blev ikke ændret: {}";
    FollowAfterLoad => "The minutes are still being read: follow once they are all in", "Referaterne læses stadig: følg, når de alle er læst";
    NoCaseToFollow => "Item {} has no case number to follow", "Punkt {} har intet sagsnummer at følge";
    MarkedSeen => "{} marked seen", "{} markeret som set";
    NothingNewHere => "Nothing new in this list", "Intet nyt i denne liste";
    NewArrived => "New about what you follow: {} ({}) · W shows the watch list", "Nyt om det, du følger: {} ({}) · W viser følgelisten";
    NothingMatches => "Nothing loaded matches {}", "Intet indlæst passer til {}";
    NoLinkInView => "No mention of another case in view", "Ingen omtale af en anden sag i billedet";
    LinkFollowed => "Case {}: {} · {} goes back · {} shows its timeline", "Sag {}: {} · {} går tilbage · {} viser sagsforløbet";
    MentionedIn => "mentioned in: {}", "nævnt i: {}";
    NoItemCarries => "No loaded item carries case {}", "Intet indlæst punkt har sag {}";
    NoFilter => "No filter to clear", "Intet filter at rydde";
    /// The meeting a jump went to.
    FilterClearedFor => "Filter cleared to show {}", "Filter ryddet for at vise {}";
    ProblemsTitle => "Problems ({})", "Problemer ({})";
    ProblemsFooter => "Enter open the file there · Esc close", "Enter åbn filen dér · Esc luk";
    NoProblems => "No file has warnings or errors.", "Ingen filer har advarsler eller fejl.";
    /// How many messages.
    MessagesTitle => "Messages ({})", "Beskeder ({})";
    MessagesFooter => "j/k scroll · Esc close", "j/k rul · Esc luk";
    NoMessages => "No messages yet.", "Ingen beskeder endnu.";
    /// After a message cut to the status line's width.
    WholeInLog => "M: all of it", "M: det hele";
    NoEarlierJump => "No earlier place to go back to", "Intet tidligere sted at gå tilbage til";
    NoLaterJump => "No later place to go forward to", "Intet senere sted at gå frem til";
    /// Where the last session left off: the meeting's label.
    Resumed => "Back where you left off: {}", "Tilbage hvor du slap: {}";

    // Why a file gave no meeting ([`ReadError`]): the English rows are the
    // command line's words, which a test holds them to.
    /// The reason (one of the two below, or the system's words).
    ErrCannotRead => "cannot read: {}", "kan ikke læse: {}";
    /// The reason.
    ErrCannotReadFolder => "cannot read folder: {}", "kan ikke læse mappen: {}";
    ErrNotFound => "no such file or folder", "filen eller mappen findes ikke";
    ErrPermission => "permission denied", "adgang nægtet";
    ErrIsFolder => "is a folder", "er en mappe";
    /// The size and the limit, in MB.
    ErrTooLarge => "skipped: {} MB is larger than the {} MB limit for a minutes file",
        "sprunget over: {} MB er mere end grænsen på {} MB for en referatfil";
    /// The limit, in MB.
    ErrGrew => "skipped: grew past the {} MB limit while being read",
        "sprunget over: voksede forbi grænsen på {} MB under læsningen";
    ErrBinary => "binary file, not minutes text", "binær fil, ikke referattekst";
    /// The program.
    ErrPdfMissing => "cannot read PDF: {} is not installed (Debian/Ubuntu: apt install poppler-utils); other files still load",
        "kan ikke læse PDF: {} er ikke installeret (Debian/Ubuntu: apt install poppler-utils); de andre filer indlæses stadig";
    /// The program and the system's reason.
    ErrPdfRun => "cannot read PDF: could not run {}: {}", "kan ikke læse PDF: kunne ikke køre {}: {}";
    /// The program and the limit in seconds.
    ErrPdfTimeout => "cannot read PDF: {} took longer than {} s", "kan ikke læse PDF: {} tog mere end {} s";
    /// The program and its exit status.
    ErrPdfFailed => "cannot read PDF: {} failed ({}); the file may be damaged or encrypted",
        "kan ikke læse PDF: {} fejlede ({}); filen er måske beskadiget eller krypteret";
    /// The system's reason.
    ErrPdfOutput => "cannot read PDF: {}", "kan ikke læse PDF: {}";
}

/// Why a file gave no meeting, in `lang`. The command line prints the
/// English `Display` of the error; the browser says it with these rows. The
/// loader's own reason for refusing a text ([`ReadError::NotMinutes`]) is
/// given as the loader words it.
pub fn read_error(lang: Lang, error: &ReadError) -> String {
    let reason = |reason: &IoReason| match reason {
        IoReason::NotFound => Msg::ErrNotFound.text(lang).to_string(),
        IoReason::PermissionDenied => Msg::ErrPermission.text(lang).to_string(),
        IoReason::Other(words) => words.clone(),
    };
    match error {
        ReadError::File(why) => Msg::ErrCannotRead.fill(lang, &[&reason(why)]),
        ReadError::Folder(why) => Msg::ErrCannotReadFolder.fill(lang, &[&reason(why)]),
        ReadError::IsFolder => Msg::ErrIsFolder.text(lang).to_string(),
        ReadError::TooLarge { size_mb, limit_mb } => {
            Msg::ErrTooLarge.fill(lang, &[size_mb, limit_mb])
        }
        ReadError::Grew { limit_mb } => Msg::ErrGrew.fill(lang, &[limit_mb]),
        ReadError::Binary => Msg::ErrBinary.text(lang).to_string(),
        ReadError::Pdf(pdf) => match pdf {
            PdfError::NotInstalled { program } => Msg::ErrPdfMissing.fill(lang, &[program]),
            PdfError::CouldNotRun { program, reason } => {
                Msg::ErrPdfRun.fill(lang, &[program, reason])
            }
            PdfError::TimedOut { program, seconds } => {
                Msg::ErrPdfTimeout.fill(lang, &[program, seconds])
            }
            PdfError::Failed { program, status } => {
                Msg::ErrPdfFailed.fill(lang, &[program, status])
            }
            PdfError::Output { reason } => Msg::ErrPdfOutput.fill(lang, &[reason]),
        },
        ReadError::NotMinutes(words) => words.clone(),
    }
}

impl Msg {
    /// The text in `lang` with each `{}` replaced by the next of `args`, in
    /// order. Missing arguments leave `{}`; extra ones are ignored (a test
    /// checks that both languages take the same number).
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut rest = self.text(lang);
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            match args.next() {
                Some(arg) => out.push_str(&arg.to_string()),
                None => out.push_str("{}"),
            }
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }

    /// How many `{}` the text takes.
    pub fn placeholders(self, lang: Lang) -> usize {
        self.text(lang).matches("{}").count()
    }
}

/// `n` with the singular or the plural message: `1 item`, `3 punkter`.
pub fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    if n == 1 { one } else { many }.fill(lang, &[&n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that are the same in both languages on purpose.
    const SAME_IN_DANISH: &[Msg] = &[Msg::HintFind, Msg::FactForum];

    #[test]
    fn every_message_has_both_languages() {
        for &msg in Msg::ALL {
            for lang in [Lang::En, Lang::Da] {
                let text = msg.text(lang);
                assert!(!text.trim().is_empty(), "{msg:?} is empty in {lang:?}");
                assert_eq!(text, text.trim(), "{msg:?} carries padding in {lang:?}");
                assert_ne!(text, format!("{msg:?}"), "{msg:?} is its own key");
            }
            assert_eq!(
                msg.placeholders(Lang::En),
                msg.placeholders(Lang::Da),
                "{msg:?}: the languages take different arguments"
            );
        }
    }

    #[test]
    fn danish_is_danish() {
        for &msg in Msg::ALL {
            let same = msg.text(Lang::En) == msg.text(Lang::Da);
            assert_eq!(
                same,
                SAME_IN_DANISH.contains(&msg),
                "{msg:?}: {:?}",
                msg.text(Lang::Da)
            );
        }
    }

    #[test]
    fn the_table_has_no_duplicate_rows() {
        let mut seen = std::collections::HashSet::new();
        for &msg in Msg::ALL {
            assert!(seen.insert(msg), "{msg:?}");
        }
        assert!(Msg::ALL.len() > 100);
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(
            Msg::MatchesFor.fill(Lang::Da, &[&3, &"budget"]),
            "3 fund for “budget” (n/N: næste/forrige)"
        );
        assert_eq!(
            Msg::ItemTitleOf.fill(Lang::En, &[&6, &"Kvarterhus"]),
            "Item 6 · Kvarterhus"
        );
        assert_eq!(Msg::PosLines.fill(Lang::En, &[&1]), "lines 1-{}/{}");
        assert_eq!(Msg::HelpTitle.fill(Lang::Da, &[&1]), "Taster");
    }

    /// One of each kind of read error.
    fn read_errors() -> Vec<ReadError> {
        let program = "pdftotext".to_string();
        vec![
            ReadError::File(IoReason::NotFound),
            ReadError::File(IoReason::Other("Input/output error".into())),
            ReadError::Folder(IoReason::PermissionDenied),
            ReadError::IsFolder,
            ReadError::TooLarge {
                size_mb: 70,
                limit_mb: 64,
            },
            ReadError::Grew { limit_mb: 64 },
            ReadError::Binary,
            ReadError::Pdf(PdfError::NotInstalled {
                program: program.clone(),
            }),
            ReadError::Pdf(PdfError::CouldNotRun {
                program: program.clone(),
                reason: "x".into(),
            }),
            ReadError::Pdf(PdfError::TimedOut {
                program: program.clone(),
                seconds: 30,
            }),
            ReadError::Pdf(PdfError::Failed {
                program,
                status: "exit status: 1".into(),
            }),
            ReadError::Pdf(PdfError::Output {
                reason: "broken pipe".into(),
            }),
            ReadError::NotMinutes("not minutes: read no items".into()),
        ]
    }

    #[test]
    fn read_errors_in_english_are_the_command_lines_words() {
        for error in read_errors() {
            assert_eq!(read_error(Lang::En, &error), error.to_string());
        }
    }

    #[test]
    fn read_errors_in_danish_are_danish() {
        assert_eq!(
            read_error(Lang::Da, &ReadError::File(IoReason::PermissionDenied)),
            "kan ikke læse: adgang nægtet"
        );
        for error in read_errors() {
            let (en, da) = (read_error(Lang::En, &error), read_error(Lang::Da, &error));
            // The loader's own words and the system's stay as they are.
            let foreign = matches!(error, ReadError::NotMinutes(_));
            assert_eq!(en == da, foreign, "{error:?}: {da}");
        }
    }

    #[test]
    fn counts_take_singular_and_plural() {
        let items = |lang, n| count(lang, n, Msg::ItemsOne, Msg::ItemsMany);
        assert_eq!(items(Lang::En, 1), "1 item");
        assert_eq!(items(Lang::En, 0), "0 items");
        assert_eq!(items(Lang::Da, 1), "1 punkt");
        assert_eq!(items(Lang::Da, 7), "7 punkter");
    }

    #[test]
    fn the_locale_chooses_when_the_setting_is_auto() {
        let auto = |l| Lang::detect(Language::Auto, l);
        for danish in ["da", "da_DK.UTF-8", "da-DK", "DA_dk", "da.utf8", "da@euro"] {
            assert_eq!(auto(Some(danish)), Lang::Da, "{danish}");
        }
        for other in ["en_US.UTF-8", "C", "POSIX", "", "dansk", "de_DE", "d"] {
            assert_eq!(auto(Some(other)), Lang::En, "{other}");
        }
        assert_eq!(auto(None), Lang::En);
        assert_eq!(Lang::detect(Language::Da, Some("en_GB")), Lang::Da);
        assert_eq!(Lang::detect(Language::En, Some("da_DK")), Lang::En);
    }
}
