//! Cross-references: a case number written in an item's text (its title or
//! sections, not its case line) is a *mention* of that case.
//!
//! Only case numbers of the known schemes ([`crate::loader::casenum`], the one
//! table of them) count, written as a word of their own (`sag 24/24964.` is a
//! mention, `124/249641` is not). Which mentions lead anywhere is for the
//! caller to say: a mention of a case no loaded item carries has no timeline.
//!
//! Finding the items that mention a case uses full-text search to narrow the
//! corpus (on a cached corpus, a scan of the mapped folded text, reading no
//! sections), then confirms each candidate on its own text.

use crate::corpus::{Corpus, ItemRef};
use crate::loader::casenum::is_case_number;
use crate::model::Item;
use crate::search::{Filters, Query, SearchIndex};

/// Byte ranges of the case numbers written in `text`, in order.
pub fn in_text(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        // A word without its white space and the punctuation around it.
        let trimmed = word.trim_end_matches(char::is_whitespace);
        let lead = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| "([{\"'«»“”".contains(c))
                .len();
        let core = trimmed[lead..].trim_end_matches(|c: char| ".,;:!?)]}\"'«»“”".contains(c));
        if !core.is_empty() && core.bytes().any(|b| b.is_ascii_digit()) && is_case_number(core) {
            found.push((start + lead, start + lead + core.len()));
        }
    }
    found
}

/// The case numbers `item` mentions in its title and sections, each once, in
/// order of first mention; its own case numbers are not among them.
pub fn of_item(item: &Item) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        for (start, end) in in_text(text) {
            let case = &text[start..end];
            let own = item
                .case_numbers
                .iter()
                .any(|c| c.eq_ignore_ascii_case(case));
            if !own && !found.iter().any(|f| f.eq_ignore_ascii_case(case)) {
                found.push(case.to_string());
            }
        }
    };
    add(&item.title);
    for section in item.sections.read() {
        add(&section.text);
    }
    found
}

/// Every item of `corpus` that mentions `case` and does not carry it, oldest
/// meeting first.
pub fn of_case(corpus: &Corpus, case: &str) -> Vec<ItemRef> {
    let case = case.trim();
    if case.is_empty() {
        return Vec::new();
    }
    let query = Query::parse(&format!("\"{}\"", case.replace('"', "")));
    let filters = Filters::default();
    let mut found: Vec<ItemRef> = SearchIndex::for_query(corpus, &query, &filters)
        .search(corpus, &query, &filters)
        .into_iter()
        .map(|m| m.at)
        .filter(|at| {
            let (_, item) = corpus.get(*at);
            of_item(item).iter().any(|c| c.eq_ignore_ascii_case(case))
        })
        .collect();
    found.sort_by_key(|at| corpus.order_key(*at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_are_found_as_words_of_their_own() {
        let text = "Jf. sag 24/24964, (EMN-2025-003383) og 00.01.00-A21-6-19. Ikke 124/2496411x eller 1/2.";
        let found: Vec<&str> = in_text(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, ["24/24964", "EMN-2025-003383", "00.01.00-A21-6-19"]);
        assert!(in_text("Beslutning: godkendt.").is_empty());
        assert!(in_text("").is_empty());
    }

    fn corpus() -> Corpus {
        Corpus::from_texts([
            (
                "a.txt".to_string(),
                "REFERAT Direktionen d. 25-03-2025\n\nPunkt 1: Budget\n\n24/24964\n\nBaggrund\n\nOm budgettet.\n"
                    .to_string(),
            ),
            (
                "b.txt".to_string(),
                "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Status\n\n25/8362\n\nBaggrund\n\nSe også sag 24/24964 om budgettet.\n\nPunkt 2: Andet\n\n25/9000\n\nBaggrund\n\nIntet om 24/249640.\n"
                    .to_string(),
            ),
        ])
    }

    #[test]
    fn an_item_mentioning_a_case_in_its_text_is_found_and_its_own_case_is_not_a_mention() {
        let corpus = corpus();
        let found = of_case(&corpus, "24/24964");
        assert_eq!(found.len(), 1);
        let (meeting, item) = corpus.get(found[0]);
        assert_eq!((meeting.date.unwrap().month, item.number), (8, 1));
        assert_eq!(of_item(item), ["24/24964"]);
        let (_, carrier) = corpus.get(corpus.case("24/24964")[0]);
        assert!(of_item(carrier).is_empty(), "the case line is no mention");
        assert!(of_case(&corpus, "25/8362").is_empty());
        assert!(of_case(&corpus, " ").is_empty());
    }
}
