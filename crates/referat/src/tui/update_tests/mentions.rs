//! Cross-references: a case number in another item's text is underlined in
//! the detail, Enter goes there as a jump, and the case timeline lists the
//! item as "mentioned in".

use super::*;

/// MARCH and AUGUST (both carrying 24/24964) and a later meeting whose item
/// names 24/24964 in its text.
fn app_with_a_mention() -> App {
    let later = "REFERAT Chefforum d. 01-10-2025\n\nPunkt 1: Budget\n\n25/1000\n\nBaggrund\n\nSe Direktionens sag 24/24964 om øvrige sager.\n";
    let mut app = App::new(Corpus::from_texts([
        ("a.txt".to_string(), testing::MARCH.to_string()),
        ("b.txt".to_string(), testing::AUGUST.to_string()),
        ("c.txt".to_string(), later.to_string()),
    ]));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

#[test]
fn a_mention_in_the_text_is_a_link_that_enter_follows_and_ctrl_o_undoes() {
    let mut app = app_with_a_mention();
    press(&mut app, "<Enter><Enter>");
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 01-10-2025");
    assert_eq!(app.focus, Focus::Detail);
    let links = app.view().links.clone();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].1, "24/24964");
    // The mention is drawn underlined.
    let underlined = testing::underlined(&app.view().lines[links[0].0]);
    assert_eq!(underlined, ["24/24964"]);
    press(&mut app, "<Enter>");
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-08-2025");
    assert_eq!(title(&app), "Øvrige sager");
    assert_eq!(
        app.message.as_deref(),
        Some("Case 24/24964: 2 items · Ctrl-o goes back · c shows its timeline")
    );
    // The carrier's own case line is no link.
    assert!(app.view().links.is_empty());
    press(&mut app, "<Enter>");
    assert_eq!(
        app.message.as_deref(),
        Some("No mention of another case in view")
    );
    press(&mut app, "<C-o>");
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 01-10-2025");
}

#[test]
fn the_case_timeline_lists_the_items_that_mention_it() {
    let mut app = app_with_a_mention();
    // To the August meeting, its first item (24/24964).
    press(&mut app, "j<Enter>c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline")
    };
    assert_eq!(t.rows.len(), 3);
    assert!(matches!(
        t.rows[2],
        crate::tui::timeline::TimelineRow::Mention(_)
    ));
    let screen = testing::screen(&app);
    assert!(screen.contains("mentioned in: Budget"), "{screen}");
    press(&mut app, "G<Enter>");
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 01-10-2025");
    assert_eq!(app.message, None, "a loaded item, not a case-history row");
}
