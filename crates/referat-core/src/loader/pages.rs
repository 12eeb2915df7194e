//! Page furniture in text extracted from PDFs: the page number (`Side 2 af 9`)
//! and the running title printed again at the top of every page, after the
//! form feed that starts it. Neither is part of a title or a section, and a
//! running title read as a line of text would also end the section it falls in.

use super::SourceLine;
use super::header;

/// `Side 2 af 9`, `Side 2/9`, `side 2 af 9`: a page number line.
pub fn is_page_number(text: &str) -> bool {
    let text = text.trim_start();
    // Runs on every line: most differ in the first letter.
    if !matches!(text.as_bytes().first(), Some(b'S' | b's')) {
        return false;
    }
    let Some(rest) = super::strip_prefix_fold(text.trim_end(), "side ") else {
        return false;
    };
    let (page, total) = match rest.split_once(" af ").or_else(|| rest.split_once('/')) {
        Some((page, total)) => (page.trim(), total.trim()),
        None => return false,
    };
    let number = |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    number(page) && number(total)
}

/// Blanks page numbers, and the running title at the top of each page after
/// the first: the first line of a page that repeats the document's first line,
/// or the title it gives in other words (`Referat Udvalget 7. marts 2022`).
/// Blanked, not removed, so line numbers stay those of the source.
pub fn blank_furniture(lines: &mut [SourceLine<'_>]) {
    let first = lines
        .iter()
        .position(|l| !l.text.trim().is_empty())
        .unwrap_or(lines.len());
    let first_text = lines
        .get(first)
        .map(|l| l.text.trim().to_string())
        .unwrap_or_default();
    let mut page_top = false;
    for (i, line) in lines.iter_mut().enumerate() {
        if line.new_page && i > first {
            page_top = true;
        }
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        if is_page_number(text) {
            line.text = "".into();
            continue;
        }
        if std::mem::take(&mut page_top)
            && (text == first_text
                || header::title(text).is_some_and(|t| Some(t) == header::title(&first_text)))
        {
            line.text = "".into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert!(is_page_number("Side 2 af 9"));
        assert!(is_page_number("  side 12/40"));
        assert!(!is_page_number("Side 2 af planen"));
        assert!(!is_page_number("Sideløbende 2 af 9"));
    }

    fn lines(text: &str) -> Vec<SourceLine<'_>> {
        text.split('\n')
            .enumerate()
            .map(|(i, raw)| SourceLine {
                number: i + 1,
                new_page: raw.contains('\u{c}'),
                text: raw.trim_start_matches('\u{c}').into(),
                layout_only: false,
                may_head: false,
            })
            .collect()
    }

    #[test]
    fn the_running_title_goes_at_the_top_of_a_page_only() {
        let mut l = lines(
            "Udvalget – Referat – 7. marts 2022\nA\nSide 1 af 2\n\u{c}Udvalget – Referat – 7. marts 2022\nB\nUdvalget – Referat – 7. marts 2022\n",
        );
        blank_furniture(&mut l);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "Udvalget – Referat – 7. marts 2022",
                "A",
                "",
                "",
                "B",
                "Udvalget – Referat – 7. marts 2022",
                ""
            ]
        );
    }

    #[test]
    fn a_page_that_starts_with_a_heading_keeps_it() {
        let mut l = lines("REFERAT X d. 01-01-2020\n\u{c}\nPunkt 1: A\n");
        blank_furniture(&mut l);
        assert_eq!(l[2].text, "Punkt 1: A");
    }
}
