//! One focused test per variant described in the format notes (`docs/FORMAT.md` of
//! the reference data), each on a small inline document.

use super::*;
use crate::model::{Date, Item, SectionKind};

fn meeting(text: &str) -> Meeting {
    let parsed = parse(text, "test.txt");
    parsed
        .meeting
        .unwrap_or_else(|| panic!("no meeting: {:?}", parsed.diagnostics))
}

fn only_item(text: &str) -> Item {
    let mut m = meeting(text);
    assert_eq!(m.items.len(), 1, "{:#?}", m.items);
    m.items.remove(0)
}

fn kinds(item: &Item) -> Vec<SectionKind> {
    item.sections.read().iter().map(|s| s.kind).collect()
}

const HEAD: &str = "REFERAT Direktionen d. 25-08-2025\n\n";

// ---- Document header ------------------------------------------------------

#[test]
fn title_line_with_leading_blank_lines() {
    let m = meeting("\n\n\nREFERAT Chefforum d. 29-01-2020\n\nPunkt 1: A\n\n24/1\n");
    assert_eq!(m.forum, "Chefforum");
    assert_eq!(m.date, Date::new(2020, 1, 29));
}

#[test]
fn title_line_as_markdown_heading() {
    let m = meeting("# REFERAT Direktionen d. 28-06-2021\n\n# Punkt 1: A\n\n20/1\n");
    assert_eq!(m.forum, "Direktionen");
    assert_eq!(m.date, Date::new(2021, 6, 28));
}

#[test]
fn meeting_date_line_with_zero_padded_day_and_time() {
    let m = meeting(
        "REFERAT Direktionen d. 02-11-2015\n\nMødedato Mandag d. 02. november 2015 kl. 09:00\n\nPunkt 1: A\n\n14/1\n",
    );
    assert_eq!(m.start_time.as_deref(), Some("09:00"));
    let parsed = parse(
        "Mødedato Mandag d. 02. november 2015 kl. 09:00\n\nPunkt 1: A\n\n14/1\n",
        "x",
    );
    // Without a title line the date comes from the meeting date line.
    assert_eq!(parsed.meeting.unwrap().date, Date::new(2015, 11, 2));
}

#[test]
fn bold_labels_and_participants_wrapped_mid_name_with_hard_break() {
    let m = meeting(
        "# REFERAT Direktionen d. 28-06-2021\n\n**Mødedato** Mandag d. 28. juni 2021 kl. 08:30\n\n**Mødested** Helenekilde Badehotel\n\n**Mødedeltagere** Lars Holte, Kathrine Seier  \nSkastrup, Anya Krogh Manghezi\n\nPunkt 1: A\n\n20/1\n",
    );
    assert_eq!(m.location.as_deref(), Some("Helenekilde Badehotel"));
    assert_eq!(m.start_time.as_deref(), Some("08:30"));
    assert_eq!(
        m.participants,
        [
            "Lars Holte",
            "Kathrine Seier Skastrup",
            "Anya Krogh Manghezi"
        ]
    );
}

#[test]
fn missing_header_fields_are_none() {
    let m = meeting(&format!("{HEAD}Punkt 1: A\n\n24/1\n"));
    assert_eq!(m.location, None);
    assert_eq!(m.start_time, None);
    assert!(m.participants.is_empty());
}

// ---- Table of contents ----------------------------------------------------

#[test]
fn toc_with_leaders_tabs_and_merged_full_stop() {
    let m = meeting(&format!(
        "{HEAD}Indholdsfortegnelse\n\nØvrige sager.....\t3\nStatus – august 2025.\t4\nCF - Evt.....\t15\n\nPunkt 1: Øvrige sager\n\n24/1\n\nPunkt 2: Status – august 2025\n\n24/2\n\nPunkt 3: CF - Evt.\n\n24/3\n"
    ));
    let pages: Vec<_> = m.items.iter().map(|i| i.toc_page).collect();
    assert_eq!(pages, [Some(3), Some(4), Some(15)]);
    let diags = parse(
        &format!("{HEAD}Indholdsfortegnelse\n\nCF - Evt.....\t15\n\nPunkt 1: CF - Evt.\n\n24/3\n"),
        "x",
    )
    .diagnostics;
    assert!(
        diags.iter().all(|d| d.severity == Severity::Info),
        "{diags:?}"
    );
}

#[test]
fn toc_as_markdown_table() {
    let m = meeting(&format!(
        "{HEAD}Indholdsfortegnelse\n\n| | |\n|--|----|\n| Økonomiopfølgning..... | 3 |\n| Lukket..... | 19 |\n\nPunkt 1: Økonomiopfølgning\n\n14/1\n\nPunkt 2: Lukket\n\n14/2\n"
    ));
    assert_eq!(m.toc.len(), 2);
    assert_eq!(m.items[0].toc_page, Some(3));
    assert_eq!(m.items[1].toc_page, Some(19));
}

#[test]
fn toc_title_differing_from_item_title_keeps_page_and_warns() {
    let parsed = parse(
        &format!(
            "{HEAD}Indholdsfortegnelse\n\nØkonomiopfølgning.....\t3\n\nPunkt 1: Økonomifølging\n\n14/1\n"
        ),
        "x",
    );
    let m = parsed.meeting.unwrap();
    assert_eq!(m.items[0].toc_page, Some(3));
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("does not match") && d.line == Some(7))
    );
}

#[test]
fn toc_entry_wrapped_onto_next_line() {
    let m = meeting(&format!(
        "{HEAD}Indholdsfortegnelse\n\nGodkendelse af bemanning af brugergrupper og\nressourcer.....\t12\n\nPunkt 1: Godkendelse af bemanning af brugergrupper og ressourcer\n\n21/189\n"
    ));
    assert_eq!(m.toc.len(), 1);
    assert_eq!(m.items[0].toc_page, Some(12));
}

// ---- Items ------------------------------------------------------------------

#[test]
fn item_headings_plain_markdown_and_bold() {
    let m = meeting(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\n# Punkt 2: To\n\n24/2\n\n## **Punkt 3: Tre**\n\n24/3\n"
    ));
    let titles: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.number, i.title.as_str()))
        .collect();
    assert_eq!(titles, [(1, "Et"), (2, "To"), (3, "Tre")]);
    assert_eq!(m.items[2].line, 11);
}

#[test]
fn prose_starting_with_punkt_is_not_a_heading() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\nBaggrund\n\nPunkt 3 i dagsordenen behandles senere.\n"
    ));
    assert_eq!(
        item.sections.read()[0].text,
        "Punkt 3 i dagsordenen behandles senere."
    );
}

#[test]
fn case_numbers_in_both_forms_and_missing() {
    let parsed = parse(
        &format!(
            "{HEAD}Punkt 1: Et\n\n24/24964\n\nPunkt 2: To\n\n00.01.00-A21-6-19\n\nPunkt 3: Tre\n\nBaggrund\n\nTekst.\n"
        ),
        "x",
    );
    let m = parsed.meeting.unwrap();
    assert_eq!(m.items[0].case_numbers, ["24/24964"]);
    assert_eq!(m.items[1].case_numbers, ["00.01.00-A21-6-19"]);
    assert!(m.items[2].case_numbers.is_empty());
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message == "item 3 has no case number" && d.line == Some(11))
    );
}

#[test]
fn closed_items_have_only_a_case_number() {
    let m = meeting(&format!(
        "{HEAD}Punkt 9: Lukket\n\n21/2826\n\n## **Punkt 10: Lukket**\n\n21/500\n"
    ));
    assert!(m.items.iter().all(|i| i.closed && i.title == "Lukket"));
    assert!(m.items.iter().all(|i| i.sections.read().is_empty()));
    assert_eq!(m.items[1].case_numbers, ["21/500"]);
}

#[test]
fn chefforum_titles_keep_prefix_presenter_and_time_slot() {
    let item = only_item(
        "REFERAT Chefforum d. 29-01-2020\n\nPunkt 5: CF - Onboarding af ledere v. Søren (Bente Poulsen deltager) (13:55-14:15)\n\n81.05.00-A00-2-19\n",
    );
    assert_eq!(
        item.title,
        "CF - Onboarding af ledere v. Søren (Bente Poulsen deltager) (13:55-14:15)"
    );
}

#[test]
fn title_repeated_as_first_body_line_goes_to_an_other_section() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Økonomifølging\n\n14/32918\n\nØkonomiopfølgning 02-11-2015\n\nBESLUTNING DIREKTIONEN DEN 02-11-2015\n\nGodkendt.\n"
    ));
    assert_eq!(kinds(&item), [SectionKind::Other, SectionKind::Decision]);
    assert_eq!(item.sections.read()[0].heading, "");
    assert_eq!(item.sections.read()[0].text, "Økonomiopfølgning 02-11-2015");
    assert_eq!(item.sections.read()[1].text, "Godkendt.");
}

// ---- Sections -----------------------------------------------------------------

#[test]
fn section_headings_in_every_case_and_markup() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\n## Baggrund\n\nb\n\nINDSTILLING\n\ni\n\n### **Beslutning**\n\nd\n\nSagsfremstilling\n\ns\n\nAnledning\n\na\n\n## **Bilag**\n\nfil.pdf\n\nØKONOMI\n\nø\n"
    ));
    assert_eq!(
        kinds(&item),
        [
            SectionKind::Background,
            SectionKind::Recommendation,
            SectionKind::Decision,
            SectionKind::Presentation,
            SectionKind::Occasion,
            SectionKind::Attachments,
            SectionKind::Finance
        ]
    );
    let headings: Vec<_> = item
        .sections
        .read()
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Baggrund",
            "INDSTILLING",
            "Beslutning",
            "Sagsfremstilling",
            "Anledning",
            "Bilag",
            "ØKONOMI"
        ]
    );
    let texts: Vec<_> = item
        .sections
        .read()
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(texts, ["b", "i", "d", "s", "a", "fil.pdf", "ø"]);
}

#[test]
fn decisions_carry_forum_and_date_and_an_item_can_hold_two() {
    let item = only_item(&format!(
        "{HEAD}Punkt 6: Kvarterhus\n\n18/15736\n\nBeslutning Direktionen den 11-03-2025\n\nSagen udsættes.\n\nBeslutning Direktionen den 25-03-2025\n\nDirektionen godkender.\n\nSagsfremstilling\n\nSom led i udviklingsplanen.\n"
    ));
    let decisions: Vec<_> = item
        .decisions()
        .map(|d| (d.date, d.text.as_str()))
        .collect();
    assert_eq!(
        decisions,
        [
            (Date::new(2025, 3, 11), "Sagen udsættes."),
            (Date::new(2025, 3, 25), "Direktionen godkender.")
        ]
    );
    assert_eq!(item.decision_summary(), Some("Direktionen godkender."));
}

#[test]
fn sections_in_any_order_and_decision_ends_at_next_heading() {
    let item = only_item(&format!(
        "{HEAD}Punkt 3: Et\n\n14/21159\n\nBilag\n\nDagsorden.pdf\n\nBaggrund\n\nb\n\nBESLUTNING DIREKTIONEN DEN 02-11-2015\n\nEvaluering af ledernetværk\n\nDette blev vendt.\n\nSagsfremstilling\n\nFast punkt på dagsordenen.\n"
    ));
    assert_eq!(
        kinds(&item),
        [
            SectionKind::Attachments,
            SectionKind::Background,
            SectionKind::Decision,
            SectionKind::Presentation
        ]
    );
    // A short sub-heading inside a decision stays part of it.
    assert_eq!(
        item.last_decision().unwrap().text,
        "Evaluering af ledernetværk\n\nDette blev vendt."
    );
}

#[test]
fn prose_line_starting_with_a_heading_word_stays_in_the_section() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\nBaggrund\n\nBeslutning om budgettet træffes i byrådet.\n\nBilag 1: Skitse\n"
    ));
    assert_eq!(kinds(&item), [SectionKind::Background]);
    assert_eq!(
        item.sections.read()[0].text,
        "Beslutning om budgettet træffes i byrådet.\n\nBilag 1: Skitse"
    );
}

// ---- Body text ------------------------------------------------------------------

#[test]
fn paragraphs_bullets_and_numbered_lists_keep_their_lines() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\nIndstilling\n\nKommunaldirektøren indstiller,\n\n1. at A\n2. at B\n\n- Analytisk\nVi analyserer.\n•  Punkt med bullet\n"
    ));
    assert_eq!(
        item.sections.read()[0].text,
        "Kommunaldirektøren indstiller,\n\n1. at A\n2. at B\n\n- Analytisk\nVi analyserer.\n• Punkt med bullet"
    );
}

#[test]
fn tables_with_html_fragments_become_clean_tab_separated_rows() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\nSagsfremstilling\n\n\tAktivitet\tEvt. opmærksomhedspunkter\nAugust\t<ul style=\"list-style-type: none\"> • Kontrakt med KP \t\n"
    ));
    assert_eq!(
        item.sections.read()[0].text,
        "\tAktivitet\tEvt. opmærksomhedspunkter\nAugust\t• Kontrakt med KP"
    );
}

#[test]
fn emphasis_autolinks_and_hard_breaks_are_cleaned() {
    let item = only_item(&format!(
        "{HEAD}## **Punkt 1: Et**\n\n24/1\n\n### **Baggrund**\n\nSe **vigtigt** her:  \n<https://htk.dk/x.pdf>\n"
    ));
    assert_eq!(item.title, "Et");
    assert_eq!(
        item.sections.read()[0].text,
        "Se vigtigt her:\nhttps://htk.dk/x.pdf"
    );
}

#[test]
fn mojibake_lone_a_tilde_and_full_pairs_are_repaired_and_reported() {
    let parsed = parse(
        &format!(
            "{HEAD}Punkt 1: Et\n\n24/1\n\nBilag\n\nUdkast_hensigtserklÃring.pdf\nKommunens Ã¸konomi\n"
        ),
        "x",
    );
    let m = parsed.meeting.unwrap();
    assert_eq!(
        m.items[0].sections.read()[0].text,
        "Udkast_hensigtserklæring.pdf\nKommunens økonomi"
    );
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message == "repaired 2 mojibake sequences")
    );
}

// ---- Encodings and line ends -------------------------------------------------------

#[test]
fn windows_1252_bom_and_crlf_read_like_utf8() {
    let utf8 = format!(
        "{HEAD}Mødested Rådhuset\n\nPunkt 1: Økonomi\n\n24/1\n\nBeslutning\n\nGodkendt – med ændringer.\n"
    );
    let reference = meeting(&utf8);

    let crlf_bom = format!("\u{feff}{}", utf8.replace('\n', "\r\n"));
    let decoded = crate::decode::decode(crlf_bom.as_bytes());
    assert_eq!(meeting(&decoded.text), reference);

    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!unmappable);
    let decoded = crate::decode::decode(&cp1252);
    assert_eq!(decoded.encoding, "windows-1252");
    assert_eq!(meeting(&decoded.text), reference);
}

// ---- Not minutes -----------------------------------------------------------------------

#[test]
fn text_that_is_not_minutes_gives_no_meeting_and_says_why() {
    for text in ["", "\n\n", "Indkøbsliste\nmælk\nbrød\n", "\u{0}\u{1}\u{2}"] {
        let parsed = parse(text, "x");
        assert!(parsed.meeting.is_none(), "{text:?}");
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.message.starts_with("not minutes"))
        );
    }
}

#[test]
fn out_of_order_item_heading_is_text_and_reported() {
    let parsed = parse(
        &format!("{HEAD}Punkt 2: To\n\n24/2\n\nBaggrund\n\nPunkt 1: se ovenfor\n"),
        "x",
    );
    let m = parsed.meeting.unwrap();
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].sections.read()[0].text, "Punkt 1: se ovenfor");
    assert!(parsed.diagnostics.iter().any(|d| d.line == Some(9)));
}

// ---- Published minutes beyond the reference family (PDF text, portals) -------------

/// An excerpt in the shape `pdftotext` gives for FirstAgenda minutes: labels with the
/// value on a later line, form feeds, TOC page numbers in a block of their own, a
/// wrapped item title, `EMN-` case numbers, `Beslutninger` right after the case
/// number, capitals and colon headings, a case history and a closed item with a title.
const PDF_TEXT: &str = "REFERAT Aarhus Byråd d. 27-08-2025
Mødedato

Onsdag d. 27. august 2025 kl. 16:00

Mødested

Byrådssalen

\u{c}Indholdsfortegnelse
Godkendelse af dagsorden..........................................
Svar på forslag fra DD om at sikre Havnens Perles fremtid på Aarhus Ø.........
Lukket: Køb af landbrugsejendom...................................

3
4
28

\u{c}Punkt 1: Godkendelse af dagsorden
EMN-2023-009832

Beslutninger
Godkendt.

\u{c}Punkt 2: Svar på forslag fra DD om at sikre Havnens
Perles fremtid på Aarhus Ø
EMN-2025-003383

Beslutninger
Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde den 27. august
2025.
BESLUTNINGSFORSLAG FRA DD
Baggrund:
Havnens Perle har været en fast del af Aarhus Havns identitet siden 1962 og er en elsket institution blandt
mange.
Sagsforløb
Udvalg: Aarhus Byråd

\u{c}Dato: 26-03-2025
Punktnummer: 21
Sagens behandling blev udsat i byrådets møde den 26. marts 2025.
Udvalg: Magistraten
Dato: 19-08-2025
Punktnummer: 4
Fremsendes til Aarhus Byråd.

Bilag
Indstilling
Bilag 1: Beslutningsforslag

\u{c}Punkt 3: Lukket: Køb af landbrugsejendom
EMN-2025-007940
Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit møde den 27. august 2025 har
vedtaget Magistratens foranstående indstilling af 19. august 2025.
";

#[test]
fn pdf_text_header_labels_with_values_on_later_lines() {
    let m = meeting(PDF_TEXT);
    assert_eq!(m.forum, "Aarhus Byråd");
    assert_eq!(m.date, Date::new(2025, 8, 27));
    assert_eq!(m.start_time.as_deref(), Some("16:00"));
    assert_eq!(m.location.as_deref(), Some("Byrådssalen"));
}

#[test]
fn pdf_text_toc_pages_in_a_block_and_wrapped_titles() {
    let m = meeting(PDF_TEXT);
    let pages: Vec<_> = m.items.iter().map(|i| i.toc_page).collect();
    assert_eq!(pages, [Some(3), Some(4), Some(28)]);
    assert_eq!(
        m.items[1].title,
        "Svar på forslag fra DD om at sikre Havnens Perles fremtid på Aarhus Ø"
    );
    assert_eq!(m.items[1].case_numbers, ["EMN-2025-003383"]);
}

#[test]
fn pdf_text_decision_under_beslutninger_ends_at_capitals_heading() {
    let m = meeting(PDF_TEXT);
    let decision = m.items[1].last_decision().unwrap();
    assert_eq!(decision.heading, "Beslutninger");
    assert_eq!(
        decision.text,
        "Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde den 27. august 2025."
    );
    let headings: Vec<_> = m.items[1]
        .sections
        .read()
        .iter()
        .map(|s| (s.heading.as_str(), s.kind))
        .collect();
    assert_eq!(
        headings,
        [
            ("Beslutninger", SectionKind::Decision),
            ("BESLUTNINGSFORSLAG FRA DD", SectionKind::Other),
            ("Baggrund", SectionKind::Background),
            ("Sagsforløb", SectionKind::Other),
            ("Bilag", SectionKind::Attachments),
        ]
    );
    assert_eq!(
        m.items[1].sections.read()[4].text,
        "Indstilling\nBilag 1: Beslutningsforslag"
    );
}

#[test]
fn pdf_text_case_history_becomes_structured_entries() {
    let m = meeting(PDF_TEXT);
    let history: Vec<_> = m.items[1]
        .history
        .iter()
        .map(|h| (h.forum.as_str(), h.date, h.number, h.text.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (
                "Aarhus Byråd",
                Date::new(2025, 3, 26),
                Some(21),
                "Sagens behandling blev udsat i byrådets møde den 26. marts 2025."
            ),
            (
                "Magistraten",
                Date::new(2025, 8, 19),
                Some(4),
                "Fremsendes til Aarhus Byråd."
            )
        ]
    );
}

#[test]
fn pdf_text_closed_item_with_a_title_and_unheaded_decision() {
    let m = meeting(PDF_TEXT);
    let item = &m.items[2];
    assert!(item.closed);
    assert_eq!(item.title, "Køb af landbrugsejendom");
    assert_eq!(
        item.decision_summary(),
        Some(
            "Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit møde den 27. august 2025 har vedtaget Magistratens foranstående indstilling af 19. august 2025."
        )
    );
}

#[test]
fn layout_mode_toc_pages_at_the_far_end_of_the_line() {
    let m = meeting(
        "REFERAT Aarhus Byråd d. 27-08-2025\nIndholdsfortegnelse\nGodkendelse af dagsorden........          3\nLokalplan 1221 – Erhvervsområde ved Kattrup, med ti               17\n\nPunkt 1: Godkendelse af dagsorden\nEMN-2023-009832\n\nPunkt 2: Lokalplan 1221 – Erhvervsområde ved\nKattrup, med tillæg 1\nEMN-2025-008468\n",
    );
    let pages: Vec<_> = m.items.iter().map(|i| i.toc_page).collect();
    assert_eq!(pages, [Some(3), Some(17)]);
    assert_eq!(
        m.items[1].title,
        "Lokalplan 1221 – Erhvervsområde ved Kattrup, med tillæg 1"
    );
}

#[test]
fn portal_items_as_number_then_title() {
    let m = meeting(
        "Referat 1. oktober 2025 kl. 15.45\n\nUdvalg:\n\nTeknisk Udvalg\n\n1\nReferat fra sidste udvalgsmøde\n\nEMN-2025-010561\n\nBeslutninger\n\nIngen bemærkninger.\n\nBilag\n\n1\n\nHent som PDF\n\n2\nEventuelt\n\nBeslutninger\n\nIntet.\n",
    );
    assert_eq!(m.forum, "Teknisk Udvalg");
    assert_eq!(m.date, Date::new(2025, 10, 1));
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.number, i.title.as_str(), i.decision_summary()))
        .collect();
    assert_eq!(
        items,
        [
            (
                1,
                "Referat fra sidste udvalgsmøde",
                Some("Ingen bemærkninger.")
            ),
            (2, "Eventuelt", Some("Intet."))
        ]
    );
}

#[test]
fn toc_entry_starting_like_a_header_label_stays_in_the_toc() {
    let m = meeting(&format!(
        "{HEAD}Indholdsfortegnelse\n\nGodkendelse af dagsorden.....\t3\nMøde med Ældrerådet.....\t4\nHandicappolitik.....\t5\n\nPunkt 1: Godkendelse af dagsorden\n\n24/1\n\nPunkt 2: Møde med Ældrerådet\n\n24/2\n\nPunkt 3: Handicappolitik\n\n24/3\n"
    ));
    assert_eq!(m.toc.len(), 3);
    let pages: Vec<_> = m.items.iter().map(|i| i.toc_page).collect();
    assert_eq!(pages, [Some(3), Some(4), Some(5)]);
}

#[test]
fn a_sentence_ending_in_a_date_is_not_a_decision_heading() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Et\n\n24/1\n\nIndstilling\n\nBeslutning om anlægsbevillingen træffes af Byrådet den 24-06-2025.\n\nBeslutning Direktionen den 25-08-2025\n\nGodkendt.\n"
    ));
    assert_eq!(item.decisions().count(), 1);
    assert_eq!(item.decision_summary(), Some("Godkendt."));
}

#[test]
fn toc_entries_written_as_item_headings_are_entries() {
    let m = meeting(&format!(
        "{HEAD}Indholdsfortegnelse\n\nPunkt 1: Øvrige sager.....\t3\nPunkt 2: Budget.....\t4\n\nPunkt 1: Øvrige sager\n\n24/1\n\nPunkt 2: Budget\n\n24/2\n"
    ));
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.title.as_str(), i.toc_page, i.case_numbers.len()))
        .collect();
    assert_eq!(
        items,
        [("Øvrige sager", Some(3), 1), ("Budget", Some(4), 1)]
    );
}

#[test]
fn a_sentence_right_under_the_heading_is_not_part_of_the_title() {
    let item = only_item(&format!("{HEAD}Punkt 1: Eventuelt\nIntet at bemærke.\n"));
    assert_eq!(item.title, "Eventuelt");
    assert_eq!(item.sections.read()[0].text, "Intet at bemærke.");
}

#[test]
fn a_decision_on_the_same_line_as_its_heading() {
    let item = only_item(&format!(
        "{HEAD}Punkt 1: Budget\n\n24/1\n\nIndstilling: At budgettet godkendes.\n\nBeslutning: Godkendt som indstillet.\n"
    ));
    assert_eq!(
        kinds(&item),
        [SectionKind::Recommendation, SectionKind::Decision]
    );
    assert_eq!(item.decision_summary(), Some("Godkendt som indstillet."));
}

#[test]
fn sag_nr_is_an_item_number_not_a_case_number() {
    let m = meeting(&format!(
        "{HEAD}Punkt 1: Budget\nSag nr. 4711\n\nPunkt 2: Anlæg\nSag nr. 4712\n"
    ));
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.number, i.case_numbers.clone()))
        .collect();
    assert_eq!(items, [(1, vec![]), (2, vec![])]);
}

// ---- Item-heading schemes of other publishing systems ----------------------

/// The numbers and titles of a document's items.
fn headings(text: &str) -> Vec<(u32, String)> {
    meeting(text)
        .items
        .iter()
        .map(|i| (i.number, i.title.clone()))
        .collect()
}

fn owned(pairs: &[(u32, &str)]) -> Vec<(u32, String)> {
    pairs.iter().map(|(n, t)| (*n, t.to_string())).collect()
}

#[test]
fn number_dot_headings_numbered_lines_in_sections_are_text() {
    let text = "Byrådet - Referat\n\n2. Godkendelse af dagsorden\n\nIndstilling\n1.    at dagsordenen godkendes.\n2. at mødet holdes.\n\nBeslutning\nGodkendt.\n\n3.Fordeling af midler (B)\n\nBeslutning\nVedtaget.\n";
    assert_eq!(
        headings(text),
        owned(&[(2, "Godkendelse af dagsorden"), (3, "Fordeling af midler")])
    );
    let m = meeting(text);
    assert_eq!(m.forum, "Byrådet");
}

#[test]
fn headings_printed_twice_and_listed_first_are_read_once() {
    let text = "Plan- og Boligudvalget – Referat – 7. marts 2022\n\nPUNKTER\n9. Dagsorden\n10. Lokaletilskud\n\n9. Dagsorden\n\n9.     Dagsorden\n\nSagsnr.: 347-2022-1208      Dok.nr.: 347-2022-61877      Åbent\nBeslutning i Plan- og Boligudvalget den 7. marts 2022:\nFraværende: \nGodkendt.\n\n10. Lokaletilskud\nSagsnr.: 347-2021-22914      Dok.nr.: 347-2022-58120      Lukket\nBeslutning\nGodkendt.\n";
    let m = meeting(text);
    assert_eq!(m.forum, "Plan- og Boligudvalget");
    assert_eq!(m.date, Date::new(2022, 3, 7));
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.number, i.title.as_str(), i.case_numbers.clone(), i.closed))
        .collect();
    assert_eq!(
        items,
        [
            (9, "Dagsorden", vec!["347-2022-1208".to_string()], false),
            (
                10,
                "Lokaletilskud",
                vec!["347-2021-22914".to_string()],
                true
            )
        ]
    );
    assert_eq!(m.items[0].decision_summary(), Some("Godkendt."));
}

#[test]
fn nr_dash_headings() {
    assert_eq!(
        headings(
            "Referat\n\nNr.12 - Godkendelse af dagsorden\n\nSagsnr.: 22/100\n\nBeslutning\nGodkendt.\n\nNr. 13 – Salg af grund\n\nBeslutning\nUdsat.\n"
        ),
        owned(&[(12, "Godkendelse af dagsorden"), (13, "Salg af grund")])
    );
}

#[test]
fn double_numbers_bullets_pkt_and_glued_numbers() {
    assert_eq!(
        headings(
            "Referat\n\n 1.  1. Godkendelse\n\nBeslutning i Kommunalbestyrelsen den 10-04-2019\n\nGodkendt.\n\n  Afbud:\n  1. Marcus Tranberg, Ø\n 2.  2. Meddelelser\n"
        ),
        owned(&[(1, "Godkendelse"), (2, "Meddelelser")])
    );
    assert_eq!(
        headings(
            "Referat\n\n  • 2 Status på jobindsatsen\n    • Beslutning i Beskæftigelsesudvalget den 11-03-2020\n      Taget til efterretning.\n  • 3 Ny aftale\n"
        ),
        owned(&[(2, "Status på jobindsatsen"), (3, "Ny aftale")])
    );
    assert_eq!(
        headings(
            "Referat\n\n • Pkt. 41 Godkendelse af dagsorden\n\n  Pkt. 41\n\n  Godkendelse af dagsorden\n\n  Sagsnr. 311847 Plan- og Teknikudvalget Åbent punkt\n\n • Pkt. 42 Lokalplan\n\n  Pkt. 42\n\n  Lokalplan\n"
        ),
        owned(&[(41, "Godkendelse af dagsorden"), (42, "Lokalplan")])
    );
    assert_eq!(
        headings(
            "Referat\n\n61Godkendelse af dagsorden\n\nBeslutning\nGodkendt\n\n62Forslag til lokalplan 142\n"
        ),
        owned(&[
            (61, "Godkendelse af dagsorden"),
            (62, "Forslag til lokalplan 142")
        ])
    );
}

#[test]
fn forum_and_date_from_decisions_when_the_header_has_none() {
    let m = meeting(
        "Referat\n\n • Pkt. 41 Godkendelse\n\n  Sagsnr. 311847 Plan- og Teknikudvalget Åbent punkt\n\n  Plan- og Teknikudvalget, 10-03-2021 pkt. 41\n\n  Godkendt.\n\n  Fraværende: Ulrik Brask (V).\n",
    );
    assert_eq!(m.forum, "Plan- og Teknikudvalget");
    assert_eq!(m.date, Date::new(2021, 3, 10));
    assert_eq!(m.items[0].case_numbers, ["311847"]);
    assert_eq!(m.items[0].decision_summary(), Some("Godkendt."));
}

#[test]
fn case_lines_with_access_flags_and_portal_noise() {
    let m = meeting(
        "Referat\n\n1. Budgetopfølgning\nA. Sager til afgørelse i byrådet\nÅbent - 02.34.02P19 - 2015/31207\n\nBESLUTNING\nAnbefales.\n\nTil toppen\n\n2. Salg af grunde\nLukket - 20.00.00-Ø40-8-16\n",
    );
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.title.as_str(), i.case_numbers.clone(), i.closed))
        .collect();
    assert_eq!(
        items,
        [
            (
                "Budgetopfølgning",
                vec!["02.34.02P19".to_string(), "2015/31207".to_string()],
                false
            ),
            (
                "Salg af grunde",
                vec!["20.00.00-Ø40-8-16".to_string()],
                true
            )
        ]
    );
    assert_eq!(m.items[0].decision_summary(), Some("Anbefales."));
}

#[test]
fn title_then_sag_nr_is_an_item_heading() {
    let m = meeting(
        "Kommunalbestyrelsen\n\n23-03-2021\n\nSager 41 - 47\n\nMeddelelser\nSag nr. 41\n\nBeslutning\nTaget til efterretning.\n\nRegnskab 2020\nSag nr. 42\n\nBeslutning\nGodkendt.\n",
    );
    assert_eq!(m.forum, "Kommunalbestyrelsen");
    assert_eq!(m.date, Date::new(2021, 3, 23));
    let items: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.number, i.title.as_str(), i.case_numbers.len()))
        .collect();
    assert_eq!(items, [(41, "Meddelelser", 0), (42, "Regnskab 2020", 0)]);
}

#[test]
fn decisions_of_other_bodies_are_earlier_decisions() {
    let m = meeting(
        "Byrådet - Referat\n\n2. Lokalplan 161\n\nTeknik- og Miljøudvalget, 9. marts 2021, pkt. 28:\nAnbefales.\n\nBeslutning i Økonomiudvalget den 17. marts 2021\nIndstilles godkendt.\n\nBeslutning i Byrådet den 23. marts 2021\nGodkendt.\n",
    );
    let kinds: Vec<_> = m.items[0]
        .sections
        .read()
        .iter()
        .map(|s| (s.kind, s.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (SectionKind::EarlierDecision, "Anbefales."),
            (SectionKind::EarlierDecision, "Indstilles godkendt."),
            (SectionKind::Decision, "Godkendt.")
        ]
    );
    assert_eq!(m.items[0].decision_summary(), Some("Godkendt."));
}

#[test]
fn header_as_running_text_one_part_a_line() {
    let m = meeting(
        "Referat\ntil\nmødet i Økonomiudvalget\nden 14. september 2016 kl. 08:30\ni Mødelokale 1.12, Rådhuset\n\n1. Budgetopfølgning\nÅbent - 00.30.10-S55-3-16\n\nBESLUTNING\nGodkendt.\n",
    );
    assert_eq!(m.forum, "Økonomiudvalget");
    assert_eq!(m.date, Date::new(2016, 9, 14));
    assert_eq!(m.start_time.as_deref(), Some("08:30"));
    assert_eq!(m.location.as_deref(), Some("Mødelokale 1.12, Rådhuset"));
    let m = meeting(
        "Referat af møde i Børne- og Ungdomsudvalget\n\nDen 12.05.2021 kl. 16:30 i Mødelokale 3, Rådhuset\n\n1.   Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n",
    );
    assert_eq!(m.forum, "Børne- og Ungdomsudvalget");
    assert_eq!(m.date, Date::new(2021, 5, 12));
    assert_eq!(m.location.as_deref(), Some("Mødelokale 3, Rådhuset"));
}

#[test]
fn case_number_on_the_line_before_the_heading() {
    let m = meeting(
        "Referat\ntil\nmødet i Udvalg for trafik\nden 8. marts 2023 kl. 13:00\n\nSagnr.: 1-30-72-118-22\n\n1. Status på udbud\n\nBeslutning\nTaget til efterretning.\n\nSagnr.: 1-30-72-9-23, 1-30-72-2-23\n\n2. Høringssvar\n\nBeslutning\nGodkendt.\n",
    );
    let cases: Vec<_> = m.items.iter().map(|i| i.case_numbers.clone()).collect();
    assert_eq!(
        cases,
        [
            vec!["1-30-72-118-22".to_string()],
            vec!["1-30-72-9-23".to_string(), "1-30-72-2-23".to_string()]
        ]
    );
    assert_eq!(
        m.items[0].decision_summary(),
        Some("Taget til efterretning.")
    );
}

#[test]
fn numbered_paragraphs_of_a_letter_are_not_minutes() {
    let parsed = parse(
        "Til Byrådet - 26. august 2025\n\n1. Vi skriver til jer om stien.\n\n2. Stien er farlig om vinteren.\n\n3. Vi beder om en løsning.\n",
        "letter.txt",
    );
    assert!(parsed.meeting.is_none(), "{:?}", parsed.meeting);
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.message.starts_with("not minutes")),
        "{:?}",
        parsed.diagnostics
    );
}
