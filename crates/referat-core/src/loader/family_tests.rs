//! Documents of the layout families (`docs/FAMILIES.md` of the reference data)
//! in forms their one reference document does not show: closed items, two
//! decisions in one item, quoted decisions of earlier bodies, page furniture
//! and several case numbers on one line. Each is written the way that
//! family's system prints it.

use super::*;
use crate::model::{Date, Item, Meeting, SectionKind};

fn meeting(text: &str) -> Meeting {
    let parsed = parse(text, "family.txt");
    parsed
        .meeting
        .unwrap_or_else(|| panic!("no meeting: {:?}", parsed.diagnostics))
}

/// The texts of an item's sections of one kind.
fn texts(item: &Item, kind: SectionKind) -> Vec<&str> {
    item.sections
        .read()
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.text.as_str())
        .collect()
}

#[test]
fn slagelse_pdf_with_page_furniture_two_case_numbers_and_a_quoted_committee() {
    let m = meeting(
        "Byrådet – Referat – 26. september 2022\n\n\
         1. Salg af grund ved Havnen (B)\n\n\
         Sagsnr.: 347-2022-1208 - 347-2021-22914      Dok.nr.: 347-2022-61877      Åbent\n\
         Beslutningstema\nByrådet skal tage stilling til salget.\n\
         Beslutning i Økonomiudvalget den 12. september 2022:\nFraværende: \nAnbefales.\n\n\
         Side 1 af 2\n\u{c}Byrådet – Referat – 26. september 2022\n\
         Beslutning i Byrådet den 26. september 2022:\nFraværende: Lise Bech (V)\nGodkendt.\n\n\
         Side 2 af 2\n\u{c}Byrådet – Referat – 26. september 2022\n\
         2. Meddelelser (O)\n\n\
         Sagsnr.: 347-2022-2000      Dok.nr.: 347-2022-2001      Lukket\n",
    );
    assert_eq!(m.forum, "Byrådet");
    assert_eq!(m.date, Date::new(2022, 9, 26));
    let item = &m.items[0];
    assert_eq!(item.title, "Salg af grund ved Havnen");
    assert_eq!(item.case_numbers, ["347-2022-1208", "347-2021-22914"]);
    assert_eq!(texts(item, SectionKind::Decision), ["Godkendt."]);
    assert_eq!(texts(item, SectionKind::EarlierDecision), ["Anbefales."]);
    assert_eq!(item.history.len(), 1);
    assert_eq!(item.history[0].forum, "Økonomiudvalget");
    assert_eq!(item.history[0].date, Date::new(2022, 9, 12));
    // The page number and the running title are in no section.
    for section in item.sections.read().iter() {
        assert!(!section.text.contains("Side 1"), "{section:?}");
        assert!(!section.text.contains("Referat"), "{section:?}");
    }
    assert_eq!(m.items[1].title, "Meddelelser");
    assert!(m.items[1].closed);
}

#[test]
fn roskilde_closed_item_and_a_byraad_marker_quoted_before_its_own() {
    let m = meeting(
        "You are here\n\nReferat\n\nDato: Onsdag, March 10, 2021 - 16:00\n\nSted: Mødelokale 1.05\n\n \
         • Pkt. 41 Godkendelse af dagsorden\n\n  Pkt. 41\n\n  Godkendelse af dagsorden\n\n  \
         Sagsnr. 311847 Plan- og Teknikudvalget Åbent punkt\n\n  \
         Plan- og Teknikudvalget, 10-03-2021 pkt. 41\n\n  Godkendt.\n\n \
         • Pkt. 42 Lukket punkt: Køb af areal\n\n  Pkt. 42\n\n  Lukket punkt: Køb af areal\n\n  \
         Sagsnr. 300001 Plan- og Teknikudvalget Lukket punkt\n\n \
         • Pkt. 43 Cykelsti ved Skovvej\n\n  Pkt. 43\n\n  Cykelsti ved Skovvej\n\n  \
         Sagsnr. 300002, 300003 Plan- og Teknikudvalget Åbent punkt\n\n  \
         Resume\n\n  Stien skal binde skolerne sammen.\n\n  \
         Byrådet, 24-02-2021 pkt. 30\n\n  Oversendes til udvalget.\n\n  \
         Plan- og Teknikudvalget, 10-03-2021 pkt. 43\n\n  Godkendt.\n\n  Fraværende: Ulrik Brask (V).\n",
    );
    assert_eq!(m.forum, "Plan- og Teknikudvalget");
    assert_eq!(m.date, Date::new(2021, 3, 10));
    assert_eq!(m.start_time.as_deref(), Some("16:00"));
    let numbers: Vec<u32> = m.items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [41, 42, 43]);
    assert!(m.items[1].closed);
    assert!(!m.items[0].closed && !m.items[2].closed);
    let item = &m.items[2];
    assert_eq!(item.case_numbers, ["300002", "300003"]);
    assert_eq!(texts(item, SectionKind::Decision), ["Godkendt."]);
    assert_eq!(
        texts(item, SectionKind::EarlierDecision),
        ["Oversendes til udvalget."]
    );
    assert_eq!(item.history[0].forum, "Byrådet");
    assert_eq!(item.history[0].number, Some(30));
}

#[test]
fn vejen_stacked_decisions_of_a_byraad_item() {
    let m = meeting(
        "Udvalg: Byrådet\nMødedato: 10-06-2020\nMødested: Byrådssalen\n\n\
         2.Salg af jord ved Lindå (B)\nSagsnummer: 19/8812\nSalg af jord ved Lindå (B)\n\
         Administrativ indstilling\n • at jorden sælges\n\
         Beslutning Økonomiudvalget den 02-06-2020\nAnbefales.\n\
         Beslutning Byrådet den 10-06-2020\nGodkendt.\nAfbud: Kasper Hyldgaard (V)\n\
         Sagsfremstilling\nJorden har været udbudt.\n",
    );
    assert_eq!(m.forum, "Byrådet");
    let item = &m.items[0];
    assert_eq!(item.title, "Salg af jord ved Lindå");
    assert_eq!(item.case_numbers, ["19/8812"]);
    assert_eq!(texts(item, SectionKind::Decision), ["Godkendt."]);
    assert_eq!(texts(item, SectionKind::EarlierDecision), ["Anbefales."]);
    assert_eq!(
        texts(item, SectionKind::Recommendation),
        ["• at jorden sælges"]
    );
}

#[test]
fn glostrup_two_own_decisions_and_an_absentee() {
    let m = meeting(
        "Referat\n\nDeltagere:\n\n\nClaus Ravn, V\nEva Lindemann, A\nMaja Elkjær, V\n\n\nFraværende:\nAfbud:\n\n\nEva Lindemann, A\n\n\n \
         1.  1. Godkendelse af dagsordenen\n\n  Beslutning i Kommunalbestyrelsen den 10-04-2019\n\n  Godkendt.\n\n  Afbud:\n  1. Eva Lindemann, A\n \
         2.  2. Salg af Rådhusvej 3\n\n  Sagsfremstilling\n\n  Ejendommen er vurderet.\n\n  \
         Beslutning i Kommunalbestyrelsen den 10-04-2019\n\n  Sagen blev udsat til efter pausen.\n\n  \
         Beslutning i Kommunalbestyrelsen den 10-04-2019\n\n  Godkendt.\n",
    );
    assert_eq!(m.forum, "Kommunalbestyrelsen");
    assert_eq!(m.date, Date::new(2019, 4, 10));
    assert_eq!(m.participants, ["Claus Ravn", "Maja Elkjær"]);
    assert_eq!(m.absent, ["Eva Lindemann"]);
    assert_eq!(texts(&m.items[0], SectionKind::Decision), ["Godkendt."]);
    assert_eq!(
        texts(&m.items[1], SectionKind::Decision),
        ["Sagen blev udsat til efter pausen.", "Godkendt."]
    );
}

#[test]
fn odense_closed_item_flagged_on_the_case_line() {
    let m = meeting(
        "Referat\ntil\nmødet i Økonomiudvalget\nden 14. september 2016 kl. 08:30\ni Mødelokale 1.12, Rådhuset\n\n\
         A. Sager til afgørelse i byrådet\n\n1. Budgetopfølgning\n\nA. Sager til afgørelse i byrådet\n\n\
         Åbent - 00.30.10-S55-3-16\n\nResume\n\nOpfølgningen viser balance.\n\nBeslutning\n\nAnbefales.\n\n\
         2. Køb af ejendom\n\nLukket - 82.02.00-G01-1-16\n\n\
         3. Meddelelser\n\nÅbent - 00.01.00-A00-1-16 - 00.01.00-A00-2-16\n\nBeslutning\n\nTaget til efterretning.\n",
    );
    assert_eq!(m.forum, "Økonomiudvalget");
    assert_eq!(m.location.as_deref(), Some("Mødelokale 1.12, Rådhuset"));
    let closed: Vec<bool> = m.items.iter().map(|i| i.closed).collect();
    assert_eq!(closed, [false, true, false]);
    assert_eq!(
        m.items[2].case_numbers,
        ["00.01.00-A00-1-16", "00.01.00-A00-2-16"]
    );
    assert_eq!(texts(&m.items[0], SectionKind::Decision), ["Anbefales."]);
}

#[test]
fn roedovre_absence_for_some_items_keeps_the_member() {
    let m = meeting(
        "Kommunalbestyrelsen\n\n23-03-2021\n\nMedlemmer\n\nFormand Jens Kristian Høyer (A)\n\
         Tina Holm (A), Suppleant for Ole Krogsgaard (A)\nLouise Wiberg (C)\n\n\
         Fraværende\n\nOle Krogsgaard (A), sag 41-47\nLouise Wiberg (C), sag 42\n\n\
         Sager 41 - 42\n\nFold alle ud\n\n\
         Meddelelser\nSag nr. 41\n\nBeslutningskompetence: KB\n\nSagens kerne\n\nIntet.\n\nBeslutning\n\nTaget til efterretning.\n\n\
         Salg af areal\nSag nr. 42\n\nSagens kerne\n\nEt areal.\n\n\
         Teknik- og Miljøudvalget, 9. marts 2021, pkt. 28:\n\nAnbefales.\n\nBeslutning\n\nGodkendt.\n",
    );
    assert_eq!(m.forum, "Kommunalbestyrelsen");
    assert_eq!(
        m.participants,
        ["Jens Kristian Høyer", "Tina Holm", "Louise Wiberg"]
    );
    assert_eq!(m.absent, ["Ole Krogsgaard", "Louise Wiberg"]);
    let titles: Vec<&str> = m.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Meddelelser", "Salg af areal"]);
    assert_eq!(texts(&m.items[1], SectionKind::Decision), ["Godkendt."]);
    assert_eq!(
        texts(&m.items[1], SectionKind::EarlierDecision),
        ["Anbefales."]
    );
}

#[test]
fn an_agenda_quotes_proposals_not_decisions() {
    let m = meeting(
        "Dagsorden 8. oktober 2025 kl. 16.00\n\nUdvalg:\nAarhus Byråd\n\n\
         Punkt 1: Forslag fra V om cykelparkering\nEMN-2025-010825\n\n\
         Baggrund\nVenstre foreslår flere pladser.\n\nBeslutning:\nByrådet beslutter at etablere 500 pladser.\n\n\
         Beslutning i Magistraten den 30-09-2025\nOversendes.\n",
    );
    assert_eq!(m.document, crate::model::Document::Agenda);
    let item = &m.items[0];
    assert!(texts(item, SectionKind::Decision).is_empty(), "{item:#?}");
    assert_eq!(texts(item, SectionKind::EarlierDecision), ["Oversendes."]);
}
