//! PDF minutes, end to end through the real binary and poppler's `pdftotext`.
//!
//! The PDFs are written by the test itself (a minimal PDF 1.4 writer below), from
//! a small excerpt in the shape of published FirstAgenda minutes, so no binary
//! fixture is needed and the expected facts are plain to see. `.ci/run` installs
//! poppler-utils; on a machine without `pdftotext` the tests that need it say so
//! and pass only outside CI.

use std::path::Path;
use std::process::{Command, Output};

use crate::common;
use common::referat_command;

/// Minutes text in the shape of a published PDF: title, labels, items with
/// `EMN-` case numbers and `Beslutninger`.
pub const EXCERPT: &[&str] = &[
    "REFERAT Aarhus Byråd d. 27-08-2025",
    "Mødedato",
    "",
    "Onsdag d. 27. august 2025 kl. 16:00",
    "",
    "Mødested",
    "",
    "Byrådssalen",
    "",
    "Punkt 1: Godkendelse af dagsorden",
    "EMN-2023-009832",
    "",
    "Beslutninger",
    "Godkendt.",
    "",
    "Punkt 2: Bro mellem Dokk1 og Balticagade",
    "EMN-2025-006675",
    "",
    "Beslutninger",
    "Fremsendes til Teknisk Udvalg til behandling.",
    "",
    "Resume",
    "Broen skal forbinde Dokk1 og Balticagade.",
];

/// Writes a one-page PDF showing `lines` in Helvetica (WinAnsi encoding, so Danish
/// letters are single bytes). A blank line becomes extra vertical space, which
/// `pdftotext` reads as a paragraph break.
fn write_pdf(path: &Path, lines: &[&str]) {
    write_pdf_pages(path, &[lines]);
}

/// [`write_pdf`] with one page for each of `pages`.
pub fn write_pdf_pages(path: &Path, pages: &[&[&str]]) {
    let content_of = |lines: &[&str]| {
        let mut content = String::from("BT /F1 11 Tf 50 800 Td 14 TL\n");
        for line in lines {
            if line.is_empty() {
                content.push_str("T*\n");
                continue;
            }
            content.push('(');
            for c in line.chars() {
                match c {
                    '(' | ')' | '\\' => {
                        content.push('\\');
                        content.push(c);
                    }
                    c if c.is_ascii() => content.push(c),
                    c => {
                        let mut buffer = [0; 4];
                        let (bytes, _, unmappable) =
                            encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
                        assert!(!unmappable, "{c} is not in WinAnsi");
                        content.push_str(&format!("\\{:03o}", bytes[0]));
                    }
                }
            }
            content.push_str(") Tj T*\n");
        }
        content.push_str("ET\n");
        content
    };
    // 1: catalog, 2: pages, 3: font, then a page and its content per page.
    let kids: Vec<String> = (0..pages.len())
        .map(|n| format!("{} 0 R", 4 + 2 * n))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    for (n, lines) in pages.iter().enumerate() {
        let content = content_of(lines);
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * n
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    std::fs::write(path, pdf).unwrap();
}

fn referat(args: &[&str], pdftotext: Option<&str>) -> Output {
    let mut command = referat_command();
    command.args(args);
    if let Some(program) = pdftotext {
        command.env("REFERAT_PDFTOTEXT", program);
    }
    command.output().expect("the binary runs")
}

/// Whether poppler is installed; outside CI a missing one skips the test.
pub fn have_pdftotext() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is missing in CI: .ci/run installs poppler-utils"
        );
        eprintln!("pdftotext not installed: skipping (apt install poppler-utils)");
    }
    found
}

#[test]
fn a_pdf_reads_like_its_text() {
    if !have_pdftotext() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("byraadet.pdf");
    write_pdf(&pdf, EXCERPT);
    let text = dir.path().join("byraadet.txt");
    std::fs::write(&text, EXCERPT.join("\n")).unwrap();

    let from_pdf = referat(&["export", pdf.to_str().unwrap()], None);
    let from_text = referat(&["export", text.to_str().unwrap()], None);
    assert!(
        from_pdf.status.success(),
        "{}",
        String::from_utf8_lossy(&from_pdf.stderr)
    );
    let facts = |out: &Output| {
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let m = &doc["meetings"][0];
        let items: Vec<_> = m["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let decisions: Vec<_> = i["sections"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| s["kind"] == "decision")
                    .map(|s| s["text"].clone())
                    .collect();
                (
                    i["number"].clone(),
                    i["title"].clone(),
                    i["case_numbers"].clone(),
                    decisions,
                )
            })
            .collect();
        (
            m["forum"].clone(),
            m["date"].clone(),
            m["start_time"].clone(),
            m["location"].clone(),
            items,
        )
    };
    let pdf_facts = facts(&from_pdf);
    assert_eq!(pdf_facts, facts(&from_text));
    assert_eq!(pdf_facts.0, "Aarhus Byråd");
    assert_eq!(pdf_facts.4.len(), 2);
    assert_eq!(
        pdf_facts.4[1].3,
        [serde_json::json!(
            "Fremsendes til Teknisk Udvalg til behandling."
        )]
    );
}

#[test]
fn a_folder_of_pdfs_is_read_and_check_says_how() {
    if !have_pdftotext() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_pdf(&dir.path().join("a.pdf"), EXCERPT);
    let out = referat(&["check", dir.path().to_str().unwrap()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("a.pdf: ok: Aarhus Byråd 27-08-2025, 2 items, PDF (pdftotext)"),
        "{stdout}"
    );
}

#[test]
fn without_pdftotext_the_pdf_is_named_and_everything_else_loads() {
    let dir = tempfile::tempdir().unwrap();
    write_pdf(&dir.path().join("a.pdf"), EXCERPT);
    std::fs::write(dir.path().join("b.txt"), EXCERPT.join("\n")).unwrap();
    let out = referat(
        &["export", dir.path().to_str().unwrap()],
        Some("/nonexistent/pdftotext"),
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a.pdf: cannot read PDF: /nonexistent/pdftotext is not installed"),
        "{stderr}"
    );
    assert!(stderr.contains("poppler-utils"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["meetings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_damaged_pdf_gives_a_clear_message() {
    if !have_pdftotext() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("broken.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\nthis is not really a pdf\n").unwrap();
    let out = referat(&["check", pdf.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("broken.pdf: FAILED"), "{stdout}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
