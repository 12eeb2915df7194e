//! Case history (`Sagsforløb`): the earlier meetings of a case as an item lists
//! them, each as labelled lines followed by that meeting's text:
//!
//! ```text
//! Udvalg: Aarhus Byråd
//! Dato: 26-03-2025
//! Punktnummer: 21
//! Sagens behandling blev udsat i byrådets møde den 26. marts 2025.
//! ```

use super::dates;
use crate::model::HistoryEntry;

/// Which label a history line carries.
enum Label<'a> {
    Forum(&'a str),
    Date(&'a str),
    Number(&'a str),
}

fn label(line: &str) -> Option<Label<'_>> {
    let (name, value) = line.split_once(':')?;
    let value = value.trim();
    match name.trim().to_lowercase().as_str() {
        "udvalg" | "forum" | "mødeforum" => Some(Label::Forum(value)),
        "dato" | "mødedato" => Some(Label::Date(value)),
        "punktnummer" | "punkt" | "pkt." | "pkt" => Some(Label::Number(value)),
        _ => None,
    }
}

/// Parses the text of a case-history section. An entry starts at each `Udvalg:`
/// line; lines that are not labels are that entry's text. Text before the first
/// entry is not an entry and is left in the section.
pub fn parse(text: &str) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = Vec::new();
    for line in text.lines().map(str::trim) {
        match label(line) {
            Some(Label::Forum(forum)) => entries.push(HistoryEntry {
                forum: forum.into(),
                date: None,
                number: None,
                text: String::new(),
            }),
            Some(Label::Date(value)) => {
                if let Some(entry) = entries.last_mut() {
                    entry.date = dates::find_date(value).map(|f| f.date);
                }
            }
            Some(Label::Number(value)) => {
                if let Some(entry) = entries.last_mut() {
                    entry.number = value.trim_end_matches('.').parse().ok();
                }
            }
            None => {
                if let Some(entry) = entries.last_mut()
                    && !line.is_empty()
                {
                    if !entry.text.is_empty() {
                        entry.text.push('\n');
                    }
                    entry.text.push_str(line);
                }
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn entries_with_labels_and_text() {
        let entries = parse(
            "Udvalg: Aarhus Byråd\n\nDato: 26-03-2025\nPunktnummer: 21\nSagens behandling blev udsat.\nUdvalg: Magistraten\nDato: 19-08-2025\nPunktnummer: 4\nFremsendes til Aarhus Byråd.\nSocialdemokratiet tog forbehold.",
        );
        assert_eq!(
            entries,
            [
                HistoryEntry {
                    forum: "Aarhus Byråd".into(),
                    date: Date::new(2025, 3, 26),
                    number: Some(21),
                    text: "Sagens behandling blev udsat.".into()
                },
                HistoryEntry {
                    forum: "Magistraten".into(),
                    date: Date::new(2025, 8, 19),
                    number: Some(4),
                    text: "Fremsendes til Aarhus Byråd.\nSocialdemokratiet tog forbehold.".into()
                }
            ]
        );
    }

    #[test]
    fn text_without_labels_gives_no_entries() {
        assert!(parse("Sagen har tidligere været behandlet.").is_empty());
    }
}
