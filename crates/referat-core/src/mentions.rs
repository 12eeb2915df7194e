//! Cross-references: a case number written in an item's text (its title or
//! sections, not its case line) is a *mention* of that case.
//!
//! Only case numbers of the known schemes ([`crate::loader::casenum`], the one
//! table of them, which also reads them in text) count, written as a word of their own (`sag 24/24964.` is a
//! mention, `124/249641` is not). Which mentions lead anywhere is for the
//! caller to say: a mention of a case no loaded item carries has no timeline.
//!
//! The loader notes each item's mentions when it reads the item
//! ([`crate::model::Item::mentions`], kept in the cache's index), so finding
//! the items that mention a case reads no text.

use crate::corpus::{Corpus, ItemRef};

pub use crate::loader::casenum::{in_text, mentions_of as of_item};

/// Every item of `corpus` that mentions `case` and does not carry it, oldest
/// meeting first: a pass over the mentions each item got when it was read.
pub fn of_case(corpus: &Corpus, case: &str) -> Vec<ItemRef> {
    let case = case.trim();
    if case.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<ItemRef> = corpus
        .item_refs()
        .filter(|at| {
            let (_, item) = corpus.get(*at);
            item.mentions.iter().any(|c| c.eq_ignore_ascii_case(case))
        })
        .collect();
    found.sort_by_key(|at| corpus.order_key(*at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_warm_start_keeps_the_mentions_in_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let texts = [
            "REFERAT Direktionen d. 25-03-2025\n\nPunkt 1: Budget\n\n24/24964\n\nBaggrund\n\nOm budgettet.\n",
            "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Status\n\n25/8362\n\nBaggrund\n\nSe også sag 24/24964.\n",
        ];
        for (n, text) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{n}.txt")), text).unwrap();
        }
        let paths = [dir.path().to_path_buf()];
        let mode = crate::corpus::CacheMode::At(cache.path().join("c.bin"));
        let (cold, stats) = Corpus::load_with(&paths, &mode);
        assert_eq!(stats.parsed, 2);
        let (warm, stats) = Corpus::load_with(&paths, &mode);
        assert_eq!(stats.cached, 2, "read from the cache");
        let found = |c: &Corpus| -> Vec<u32> {
            of_case(c, "24/24964")
                .iter()
                .map(|at| c.get(*at).0.date.unwrap().month.into())
                .collect()
        };
        assert_eq!(found(&cold), [8]);
        assert_eq!(found(&warm), [8]);
    }

    #[test]
    fn an_item_mentioning_a_case_in_its_text_is_found_and_its_own_case_is_not_a_mention() {
        let corpus = corpus();
        let found = of_case(&corpus, "24/24964");
        assert_eq!(found.len(), 1);
        let (meeting, item) = corpus.get(found[0]);
        assert_eq!((meeting.date.unwrap().month, item.number), (8, 1));
        assert_eq!(of_item(item), ["24/24964"]);
        assert_eq!(item.mentions, ["24/24964"], "noted when read");
        let (_, carrier) = corpus.get(corpus.case("24/24964")[0]);
        assert!(of_item(carrier).is_empty(), "the case line is no mention");
        assert!(of_case(&corpus, "25/8362").is_empty());
        assert!(of_case(&corpus, " ").is_empty());
    }
}
