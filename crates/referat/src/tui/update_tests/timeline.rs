//! The case timeline, with case history of meetings not loaded.

use super::*;

#[test]
fn timeline_lists_the_case_oldest_first_and_jumps() {
    let mut app = app();
    press(&mut app, "<Enter>c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline")
    };
    assert_eq!(t.cases, "24/24964");
    assert_eq!(t.rows.len(), 2);
    assert!(
        app.corpus().order_key(t.rows[0].target()) < app.corpus().order_key(t.rows[1].target()),
        "oldest first"
    );
    assert_eq!(t.cursor.selected, 1, "the item it was opened from");
    press(&mut app, "k<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-03-2025");
    assert_eq!(title(&app), "Øvrige sager");
    press(&mut app, "cj<Esc>");
    assert_eq!(app.popup, None);
    press(&mut app, "cc");
    assert_eq!(app.popup, None);
}

#[test]
fn timeline_needs_a_case_number() {
    let mut app = app();
    press(&mut app, "j<Enter>j");
    assert_eq!(title(&app), "CF - Evt.");
    press(&mut app, "c");
    assert_eq!(app.popup, None);
    assert_eq!(app.message.as_deref(), Some("Item 2 has no case number"));
}

#[test]
fn timeline_shows_case_history_of_meetings_not_loaded() {
    let text = "REFERAT Direktionen d. 25-08-2025\n\nMødedato Mandag d. 25. august 2025 kl. 12:00\n\n\
        Punkt 1: Havnens Perle\n\nEMN-2025-003383\n\nBeslutning\n\nFremsendes til Teknisk Udvalg.\n\n\
        Sagsforløb\n\nUdvalg: Aarhus Byråd\nDato: 26-03-2025\nPunktnummer: 21\n\
        Sagens behandling blev udsat.\n";
    let corpus = Corpus::from_texts([("h.txt".to_string(), text.to_string())]);
    let mut app = App::new(corpus);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    press(&mut app, "c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline: {:?}", app.message)
    };
    assert_eq!(t.rows.len(), 2, "{:?}", t.rows);
    assert!(
        matches!(t.rows[0], crate::tui::app::TimelineRow::History { .. }),
        "history is older"
    );
    assert_eq!(t.cursor.selected, 1);
    press(&mut app, "k<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    assert!(app.message.as_deref().unwrap().contains("not loaded"));
}
