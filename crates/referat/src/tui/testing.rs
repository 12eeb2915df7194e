//! Corpora for the browser's tests and benchmark: small ones built from inline
//! minutes text, and a large synthetic one built in memory. Not part of the API.

use referat_core::corpus::Corpus;
use referat_core::model::{Date, Item, Meeting, Section, SectionKind};

/// A command's program and arguments, for tests of the commands the browser
/// builds (the editor, the viewer).
pub fn argv(cmd: &std::process::Command) -> Vec<String> {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// Three meetings: case `24/24964` (`Øvrige sager`) recurs, `25/8362` has a
/// decision, `18/15736` (Kvarterhus) was postponed and then decided, item 3 of
/// the Chefforum meeting is closed.
pub fn corpus() -> Corpus {
    Corpus::from_texts([
        ("a.txt".to_string(), MARCH.to_string()),
        ("b.txt".to_string(), AUGUST.to_string()),
        ("c.txt".to_string(), CHEFFORUM.to_string()),
    ])
}

/// A corpus whose forum, title, case number and text carry terminal escapes.
/// Built directly, not through the loader (which already drops controls), to
/// prove the browser's own defence.
pub fn hostile() -> Corpus {
    let evil = "Evil \u{1b}]0;x\u{7} title \u{1b}[2J end";
    let meeting = Meeting {
        source: "evil.txt".into(),
        also_in: Vec::new(),
        document: Default::default(),
        forum: "Direktionen\u{1b}[2J".into(),
        date: Date::new(2025, 4, 1),
        start_time: None,
        location: None,
        participants: Vec::new(),
        absent: Vec::new(),
        toc: Vec::new(),
        items: vec![Item {
            number: 1,
            title: evil.into(),
            case_numbers: vec!["99/1\u{1b}]0;x\u{7}".into()],
            closed: false,
            toc_page: Some(2),
            line: 1,
            history: Vec::new(),
            mentions: Vec::new(),
            sections: vec![
                Section {
                    heading: "Baggrund \u{1b}]0;x\u{7}".into(),
                    kind: SectionKind::Background,
                    date: None,
                    text: "Body \u{1b}[2J text.\nCell\u{1b}[2J\tcell \u{1b}]0;x\u{7}\n- list \u{1b}[2J".into(),
                    line: 2,
                },
                Section {
                    heading: "Beslutning \u{1b}[2J".into(),
                    kind: SectionKind::Decision,
                    date: None,
                    text: "Godkendt \u{1b}]0;x\u{7}.".into(),
                    line: 3,
                },
            ]
            .into(),
        }],
    };
    Corpus::from_meetings(vec![meeting])
}

pub const MARCH: &str = "REFERAT Direktionen d. 25-03-2025

Mødedato Tirsdag d. 25. marts 2025 kl. 09:30

Punkt 1: Øvrige sager

24/24964

Punkt 6: Kvarterhus Gadehavegård - uddannelsesreformen

18/15736

Baggrund

Tekst om Realdania.

Beslutning Direktionen den 11-03-2025

Sagen udsættes.

Beslutning Direktionen den 25-03-2025

Direktionen godkender at udbudsmaterialet er tilpasset.
";

pub const AUGUST: &str = "REFERAT Direktionen d. 25-08-2025

Mødedato Mandag d. 25. august 2025 kl. 12:00

Punkt 1: Øvrige sager

24/24964

Punkt 2: Status på indkøb og udrulning af kompetenceforløb for administrative medarbejdere – august 2025

25/8362

Baggrund

Direktionen får i denne sag status på indkøb og udrulning af et kompetenceforløb.

Indstilling

At Direktionen tager sagen til efterretning.

Beslutning Direktionen den 25-08-2025

Direktionen tager sagen til efterretning.

Sagsfremstilling

Alle administrative medarbejdere skal have et forløb:

- Analytisk og kritisk tænkning
- Forenkling og nysgerrighed

Økonomi

Post\tBeløb
Kompetenceforløb\t505.000 kr.
Pilotforløb\t45.000 kr.
";

pub const CHEFFORUM: &str = "REFERAT Chefforum d. 02-06-2025

Mødedato Mandag d. 2. juni 2025 kl. 13:00

Punkt 1: CF - Økonomiopfølgning

25/1000

Baggrund

Økonomien følges.

Punkt 2: CF - Evt.

Punkt 3: Lukket

25/2000
";

/// A corpus of `items` generated items (20 per meeting) with Danish-looking
/// titles, case numbers, forums and dates; deterministic. For benchmarks.
pub fn synthetic(items: usize) -> Corpus {
    const WORDS: [&str; 24] = [
        "kvarterhus",
        "økonomiopfølgning",
        "budget",
        "skoleområdet",
        "udbud",
        "ældrepleje",
        "rådhuset",
        "kompetenceforløb",
        "digitalisering",
        "trafiksikkerhed",
        "byggeri",
        "personale",
        "sundhed",
        "klima",
        "status",
        "handleplan",
        "evaluering",
        "årsrapport",
        "boligsocial",
        "indsats",
        "Gadehavegård",
        "Høje-Taastrup",
        "kommunens",
        "strategi",
    ];
    const FORUMS: [&str; 4] = ["Direktionen", "Chefforum", "Økonomiudvalget", "Byrådet"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut meetings = Vec::new();
    let mut made = 0;
    while made < items {
        let n = (items - made).min(20);
        let m = meetings.len() as u64;
        let date = Date::new(
            2000 + (m / 300 % 26) as u16,
            (m / 25 % 12) as u8 + 1,
            (m % 25) as u8 + 1,
        );
        let mut meeting = Meeting {
            source: format!("synthetic/{m}.txt"),
            also_in: Vec::new(),
            document: Default::default(),
            forum: FORUMS[(m % 4) as usize].into(),
            date,
            start_time: None,
            location: None,
            participants: Vec::new(),
            absent: Vec::new(),
            toc: Vec::new(),
            items: Vec::with_capacity(n),
        };
        for i in 0..n {
            let words = 3 + (next() % 5) as usize;
            let title: Vec<&str> = (0..words).map(|_| WORDS[(next() % 24) as usize]).collect();
            let case = format!("{}/{}", 10 + next() % 16, next() % 30000);
            meeting.items.push(Item {
                number: i as u32 + 1,
                title: title.join(" "),
                case_numbers: vec![case],
                closed: next() % 20 == 0,
                toc_page: Some(i as u32 + 3),
                line: i * 10 + 1,
                history: Vec::new(),
                mentions: Vec::new(),
                sections: vec![Section {
                    heading: "Beslutning".into(),
                    kind: SectionKind::Decision,
                    date,
                    text: "Godkendt.".into(),
                    line: i * 10 + 5,
                }]
                .into(),
            });
        }
        made += n;
        meetings.push(meeting);
    }
    Corpus::from_meetings(meetings)
}

/// The underlined runs of a laid-out line (search hits, case links), in order.
pub fn underlined(line: &ratatui::text::Line<'_>) -> Vec<String> {
    line.spans
        .iter()
        .filter(|s| {
            s.style
                .add_modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|s| s.content.to_string())
        .collect()
}

/// The browser drawn at its size into a `TestBackend`, every cell's symbol
/// in order (rows run together).
pub fn screen(app: &super::App) -> String {
    let backend = ratatui::backend::TestBackend::new(app.size.width, app.size.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| super::ui::draw(frame, app))
        .expect("drawn");
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

/// Lets the finder and the full-text worker finish, as the event loop would
/// between frames: tests then see the results a person would see.
pub fn settle(app: &mut super::App) {
    let wait = std::time::Duration::from_secs(10);
    if app.popup_is_finder() {
        app.finder.settle(wait);
        app.sync();
    }
    if app.fulltext_pending() {
        app.fulltext.settle(wait);
        app.sync();
    }
    let deadline = std::time::Instant::now() + wait;
    while app.following.pending() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
        app.handle(super::Message::Tick);
    }
}
