//! Text from saved web pages of minutes portals (HTML), so a page saved from a
//! municipality's agenda portal reads like the text extracted from its PDF.
//!
//! This is not an HTML parser: it drops scripts, styles and the document head,
//! turns block-level elements into line breaks and table cells into tabs, removes
//! every other tag and decodes entities. That is all the loader needs, because it
//! reads structure from lines, not from markup.

/// Elements whose content is never text for a reader.
const SKIPPED: [&str; 5] = ["script", "style", "head", "noscript", "template"];

/// Elements that start a new line.
const BLOCKS: [&str; 24] = [
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "nav", "main", "aside", "dt", "dd", "hr",
];

/// Whether bytes look like an HTML document rather than minutes text.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Converts an HTML page to plain text lines.
pub fn to_text(html: &str) -> String {
    // Lower-cased once (ASCII, so byte offsets match) for finding end tags.
    let lower_html = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            push_text(&mut out, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            let here = html.len() - rest.len();
            rest = match lower_html[here..].find(&close) {
                Some(at) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                None => "",
            };
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            if !out.ends_with('\n') {
                out.push('\n');
            }
        } else if name == "td" || name == "th" {
            if !closing {
                out.push('\t');
            }
        } else if !out.ends_with([' ', '\n', '\t']) {
            out.push(' ');
        }
    }
    push_text(&mut out, rest);
    tidy(&out)
}

/// Appends text content, decoding entities and folding white space (HTML source
/// line breaks are not line breaks on the page).
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_spaced(out, &rest[..amp]);
        rest = &rest[amp..];
        match crate::entities::decode_at(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            // Not a reference referat knows: the `&` stays, and what follows
            // is text.
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_spaced(out, rest);
}

fn push_spaced(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with([' ', '\n', '\t']) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Trims every line and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_html_documents() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("\n  <html lang=\"da\">"));
        assert!(!looks_like_html("REFERAT Direktionen d. 25-08-2025"));
    }

    #[test]
    fn blocks_become_lines_and_scripts_vanish() {
        let html = "<html><head><title>x</title><script>var a = '<p>';</script></head><body>\n<div class=\"item\"><span>2</span><br><h3>Udviklingsplan  Aarhus &Oslash;</h3>\n<p>EMN-2025-009242</p><!-- note --><style>p{}</style><p>Beslutninger</p><p>Et flertal &amp; et mindretal.</p></div></body></html>";
        assert_eq!(
            to_text(html),
            "2\nUdviklingsplan Aarhus Ø\nEMN-2025-009242\nBeslutninger\nEt flertal & et mindretal.\n"
        );
    }

    #[test]
    fn table_cells_become_tabs_and_unknown_entities_stay() {
        assert_eq!(
            to_text(
                "<table><tr><td>Dato</td><td>M&oslash;de</td></tr></table><p>a &foo; b &#229; &#xE6;</p>"
            ),
            "Dato\tMøde\na &foo; b å æ\n"
        );
    }
}
