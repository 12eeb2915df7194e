//! Dates and times as Danish minutes write them: `25-08-2025`, `22.04.2021`,
//! `d. 02. november 2015`, `1. oktober 2018`, `15-maj-2002`, `kl. 12:00`.

use crate::model::Date;

/// The Danish month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The English month names some portals print (`Onsdag, March 10, 2021 -
/// 16:00`), January first; ASCII, compared ignoring case.
const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date found in a text, with the byte range it occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The date written there; only dates that exist are found (`32-01-2025` is
    /// not).
    pub date: Date,
    /// Byte offset in the searched text where the date starts: its day's first
    /// digit, or the month name of an English date.
    pub start: usize,
    /// Byte offset just past the year's last digit, so `&text[start..end]` is the
    /// date as written.
    pub end: usize,
}

/// Every date in `text`, left to right.
pub fn find_dates(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let at = if !at_word_start {
            None
        } else if bytes[i].is_ascii_digit() {
            date_at(text, i)
        } else if matches!(
            bytes[i],
            b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'
        ) {
            // English month names are written with a capital.
            english_date_at(text, i)
        } else {
            None
        };
        if let Some(f) = at {
            found.push(f);
            i = f.end;
            continue;
        }
        i += 1;
    }
    found
}

/// The first date in `text`.
pub fn find_date(text: &str) -> Option<Found> {
    find_dates(text).into_iter().next()
}

/// Parses a date starting at byte `start` (a digit).
fn date_at(text: &str, start: usize) -> Option<Found> {
    let (day, mut i) = number(text, start, 2)?;
    let bytes = text.as_bytes();
    let sep = *bytes.get(i)?;
    // Numeric: 25-08-2025, 22.04.2021, 25/08/2025.
    if matches!(sep, b'-' | b'.' | b'/')
        && let Some((month, j)) = number(text, i + 1, 2)
        && bytes.get(j) == Some(&sep)
        && let Some((year, k)) = number(text, j + 1, 4)
        && k - (j + 1) == 4
        && !bytes.get(k).is_some_and(u8::is_ascii_digit)
    {
        let date = Date::new(year as u16, month as u8, day as u8)?;
        return Some(Found {
            date,
            start,
            end: k,
        });
    }
    // Long: "2. november 2015", "15-maj-2002", "27. august 2025".
    if sep == b'.' || sep == b'-' {
        i += 1;
    }
    let rest = &text[i..];
    let skipped = rest.len() - rest.trim_start().len();
    i += skipped;
    let (month, after_month) = month_at(text, i)?;
    let mut j = after_month;
    if bytes.get(j) == Some(&b'.') || bytes.get(j) == Some(&b'-') {
        j += 1;
    }
    while bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    let (year, k) = number(text, j, 4)?;
    if k - j != 4 {
        return None;
    }
    let date = Date::new(year as u16, month, day as u8)?;
    Some(Found {
        date,
        start,
        end: k,
    })
}

/// `March 10, 2021`, `December 5, 2017`: an English month name, the day, a
/// comma and the year, at byte `start` (a letter).
fn english_date_at(text: &str, start: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let word_len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    // "may" and "june" are the shortest names; a long word is none.
    if !(3..=9).contains(&word_len) {
        return None;
    }
    let word = &bytes[start..start + word_len];
    let month = ENGLISH_MONTHS
        .iter()
        .position(|m| m.as_bytes().eq_ignore_ascii_case(word))?;
    let mut i = start + word_len;
    if bytes.get(i) != Some(&b' ') {
        return None;
    }
    i += 1;
    let (day, j) = number(text, i, 2)?;
    let rest = text.get(j..)?.strip_prefix(", ")?;
    let (year, k) = number(text, text.len() - rest.len(), 4)?;
    if k - (text.len() - rest.len()) != 4 || bytes.get(k).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let date = Date::new(year as u16, month as u8 + 1, day as u8)?;
    Some(Found {
        date,
        start,
        end: k,
    })
}

/// Reads up to `max` ASCII digits at `start`.
fn number(text: &str, start: usize, max: usize) -> Option<(u32, usize)> {
    let digits = text
        .as_bytes()
        .get(start..)?
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    Some((text[start..start + digits].parse().ok()?, start + digits))
}

/// A Danish month name (or its three-letter abbreviation) at byte `start`.
fn month_at(text: &str, start: usize) -> Option<(u8, usize)> {
    let rest = text.get(start..)?;
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = rest[..word_len].to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let month = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && word.len() <= 4 && m.starts_with(&word)))?;
    Some((month as u8 + 1, start + word_len))
}

/// A time of day as `HH:MM`: after `kl.` (`kl. 9.30`, `kl 12`), or the first
/// `HH:MM` in the text (`STARTTIDSPUNKT 04-06-2020 09:00:00`).
pub fn find_time(text: &str) -> Option<String> {
    // ASCII lower-casing keeps byte offsets valid in `text`; "kl" is ASCII.
    let lower = text.to_ascii_lowercase();
    let mut candidates: Vec<usize> = Vec::new();
    let mut search = 0;
    while let Some(pos) = lower[search..].find("kl") {
        let at = search + pos;
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphabetic();
        let mut j = at + 2;
        if lower.as_bytes().get(j) == Some(&b'.') {
            j += 1;
        }
        while lower.as_bytes().get(j) == Some(&b' ') {
            j += 1;
        }
        if before_ok {
            candidates.push(j);
        }
        search = at + 2;
    }
    for start in candidates {
        if let Some(time) = time_at(text, start, true) {
            return Some(time);
        }
    }
    (0..text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| i == 0 || !text.as_bytes()[i - 1].is_ascii_digit())
        .find_map(|i| time_at(text, i, false))
}

fn time_at(text: &str, start: usize, after_kl: bool) -> Option<String> {
    let (hour, i) = number(text, start, 2)?;
    let bytes = text.as_bytes();
    let minute = match bytes.get(i) {
        Some(b':') | Some(b'.') if after_kl || bytes[i] == b':' => {
            let (minute, j) = number(text, i + 1, 2)?;
            if j - (i + 1) != 2 {
                return None;
            }
            minute
        }
        _ if after_kl => 0,
        _ => return None,
    };
    (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(find_date("den 25-08-2025").unwrap().date, d(2025, 8, 25));
        assert_eq!(find_date("22.04.2021").unwrap().date, d(2021, 4, 22));
        assert_eq!(find_date("DEN 02-11-2015").unwrap().date, d(2015, 11, 2));
        assert!(find_date("den 32-01-2025").is_none());
        assert!(find_date("version 1.2.3").is_none());
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            find_date("Mandag d. 25. august 2025 kl. 12:00")
                .unwrap()
                .date,
            d(2025, 8, 25)
        );
        assert_eq!(
            find_date("Mandag d. 02. november 2015").unwrap().date,
            d(2015, 11, 2)
        );
        assert_eq!(
            find_date("den 1. oktober 2018:").unwrap().date,
            d(2018, 10, 1)
        );
        assert_eq!(find_date("15-maj-2002").unwrap().date, d(2002, 5, 15));
        assert_eq!(find_date("27. August 2025").unwrap().date, d(2025, 8, 27));
        assert_eq!(find_date("3. dec. 2019").unwrap().date, d(2019, 12, 3));
        assert!(find_date("4 temaer i 2025").is_none());
    }

    /// The forms the layout families print (`FAMILIES.md`).
    #[test]
    fn the_families_date_forms() {
        let date = |t: &str| find_date(t).map(|f| f.date);
        assert_eq!(date("6. april 2016"), Some(d(2016, 4, 6)));
        assert_eq!(date("09.01.2020"), Some(d(2020, 1, 9)));
        assert_eq!(date("30. aug 2022"), Some(d(2022, 8, 30)));
        assert_eq!(date("28. mar 2023"), Some(d(2023, 3, 28)));
        assert_eq!(
            date("Tirsdag, December 5, 2017 - 08:15"),
            Some(d(2017, 12, 5))
        );
        assert_eq!(date("Onsdag, March 10, 2021 - 16:00"), Some(d(2021, 3, 10)));
        assert_eq!(date("04-06-2020 09:00:00"), Some(d(2020, 6, 4)));
        assert_eq!(
            find_time("Tirsdag, December 5, 2017 - 08:15").as_deref(),
            Some("08:15")
        );
        assert_eq!(
            find_time("Ordinært møde - Mødelokale F3 kl. 15.30").as_deref(),
            Some("15:30")
        );
    }

    #[test]
    fn range_of_found_date() {
        let f = find_date("Beslutning den 25-08-2025:").unwrap();
        assert_eq!(&"Beslutning den 25-08-2025:"[f.start..f.end], "25-08-2025");
    }

    #[test]
    fn times() {
        assert_eq!(
            find_time("Mandag d. 25. august 2025 kl. 12:00").as_deref(),
            Some("12:00")
        );
        assert_eq!(find_time("kl. 9.30").as_deref(), Some("09:30"));
        assert_eq!(find_time("kl 8").as_deref(), Some("08:00"));
        assert_eq!(
            find_time("STARTTIDSPUNKT 04-06-2020 09:00:00").as_deref(),
            Some("09:00")
        );
        assert_eq!(find_time("Mandag d. 25. august 2025"), None);
        assert_eq!(
            find_time("İstanbul d. 1. september 2025 kl. 12:00").as_deref(),
            Some("12:00")
        );
    }
}
