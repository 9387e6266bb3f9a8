//! Cell values shown the way a person saw them in the spreadsheet.
//!
//! calamine gives a cell's value (a number, a date serial, a string); what
//! the plan's author saw was that value through the cell's number format:
//! `45444` under `mmm-yy` reads "Jun-14". The displayed text is what the
//! rest of the pipeline reads (so "Jun-14" means June 2014 whether it came
//! from Word or Excel), and the date itself travels beside it as an ISO date.
//!
//! Only what plans use is rendered: day, month and year tokens, times,
//! literal text, and General numbers. Anything else in a format (fractions,
//! scientific notation, conditions) falls back to the General rendering.

/// Excel's built-in number formats that are dates or times, by id, with the
/// UK rendering for the locale-dependent ones (id 14 is "the short date").
pub fn builtin_format(id: u32) -> Option<&'static str> {
    Some(match id {
        14 => "dd/mm/yyyy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "dd/mm/yyyy h:mm",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        9 => "0%",
        10 => "0.00%",
        _ => return None,
    })
}

/// A calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year.
    pub year: u16,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
    /// Hour 0-23.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

impl DateTime {
    /// The ISO date ("2014-06-01").
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parse the start of an ISO 8601 date or date-time ("2014-06-01",
    /// "2014-06-01T10:30:00").
    pub fn parse_iso(s: &str) -> Option<DateTime> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let (mut hour, mut minute, mut second) = (0, 0, 0);
        if b.len() >= 19 && b[10] == b'T' {
            hour = num(11..13)? as u8;
            minute = num(14..16)? as u8;
            second = num(17..19)? as u8;
        }
        Some(DateTime {
            year,
            month: month as u8,
            day: day as u8,
            hour,
            minute,
            second,
        })
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Day of the week, 0 = Monday (Sakamoto's method).
fn weekday(y: u16, m: u8, d: u8) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let mut y = i32::from(y);
    if m < 3 {
        y -= 1;
    }
    let dow = (y + y / 4 - y / 100 + y / 400 + T[usize::from(m - 1) % 12] + i32::from(d)) % 7;
    // dow: 0 = Sunday.
    ((dow + 6) % 7) as usize
}

/// One piece of a format code.
#[derive(Debug, PartialEq)]
enum Tok {
    Lit(String),
    Year(usize),
    Month(usize),
    Minute(usize),
    Day(usize),
    Hour(usize),
    Second(usize),
    AmPm,
}

/// Split the first section of a format code into tokens.
fn tokenize(code: &str) -> Vec<Tok> {
    let section = split_sections(code);
    let chars: Vec<char> = section.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut lit = String::new();
    let flush = |lit: &mut String, toks: &mut Vec<Tok>| {
        if !lit.is_empty() {
            toks.push(Tok::Lit(std::mem::take(lit)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    lit.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            '\\' => {
                if let Some(&n) = chars.get(i + 1) {
                    lit.push(n);
                }
                i += 2;
            }
            '[' => {
                // Locale, colour or elapsed-time brackets: [h] keeps its
                // letter; the others are dropped.
                let end = chars[i..].iter().position(|&c| c == ']').map(|p| i + p);
                let inner: String = chars[i + 1..end.unwrap_or(chars.len())].iter().collect();
                let lower = inner.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    flush(&mut lit, &mut toks);
                    toks.push(match lower.as_bytes()[0] {
                        b'h' => Tok::Hour(lower.len()),
                        b'm' => Tok::Minute(lower.len()),
                        _ => Tok::Second(lower.len()),
                    });
                }
                i = end.map_or(chars.len(), |e| e + 1);
            }
            '_' | '*' => i += 2,
            _ if c.eq_ignore_ascii_case(&'a')
                && chars[i..]
                    .iter()
                    .take(5)
                    .collect::<String>()
                    .eq_ignore_ascii_case("am/pm") =>
            {
                flush(&mut lit, &mut toks);
                toks.push(Tok::AmPm);
                i += 5;
            }
            _ if matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'h' | 's') => {
                flush(&mut lit, &mut toks);
                let lc = c.to_ascii_lowercase();
                let mut n = 0;
                while i < chars.len() && chars[i].to_ascii_lowercase() == lc {
                    n += 1;
                    i += 1;
                }
                toks.push(match lc {
                    'y' => Tok::Year(n),
                    'm' => Tok::Month(n),
                    'd' => Tok::Day(n),
                    'h' => Tok::Hour(n),
                    _ => Tok::Second(n),
                });
            }
            _ => {
                lit.push(c);
                i += 1;
            }
        }
    }
    flush(&mut lit, &mut toks);
    // "m" right after an hour or right before a second is minutes.
    for k in 0..toks.len() {
        if let Tok::Month(n) = toks[k] {
            let prev_hour = toks[..k]
                .iter()
                .rev()
                .find(|t| !matches!(t, Tok::Lit(_)))
                .is_some_and(|t| matches!(t, Tok::Hour(_)));
            let next_second = toks[k + 1..]
                .iter()
                .find(|t| !matches!(t, Tok::Lit(_)))
                .is_some_and(|t| matches!(t, Tok::Second(_)));
            if (prev_hour || next_second) && n <= 2 {
                toks[k] = Tok::Minute(n);
            }
        }
    }
    toks
}

/// The first section of a format code (sections are separated by `;`
/// outside quotes).
fn split_sections(code: &str) -> &str {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => return &code[..i],
            _ => {}
        }
    }
    code
}

/// Whether a format code shows a date or time.
pub fn is_date_format(code: &str) -> bool {
    tokenize(code).iter().any(|t| !matches!(t, Tok::Lit(_)))
}

/// Render a date through a format code ("mmm-yy" gives "Jun-14").
pub fn format_date(dt: &DateTime, code: &str) -> String {
    let toks = tokenize(code);
    if toks.iter().all(|t| matches!(t, Tok::Lit(_))) {
        return dt.iso_date();
    }
    let ampm = toks.contains(&Tok::AmPm);
    let mut out = String::new();
    for t in &toks {
        match *t {
            Tok::Lit(ref s) => out.push_str(s),
            Tok::Year(n) if n <= 2 => out.push_str(&format!("{:02}", dt.year % 100)),
            Tok::Year(_) => out.push_str(&format!("{:04}", dt.year)),
            Tok::Month(n) => {
                let name = MONTHS[usize::from(dt.month.clamp(1, 12) - 1)];
                match n {
                    1 => out.push_str(&dt.month.to_string()),
                    2 => out.push_str(&format!("{:02}", dt.month)),
                    3 => out.push_str(&name[..3]),
                    5 => out.push_str(&name[..1]),
                    _ => out.push_str(name),
                }
            }
            Tok::Day(n) => match n {
                1 => out.push_str(&dt.day.to_string()),
                2 => out.push_str(&format!("{:02}", dt.day)),
                3 => out.push_str(&DAYS[weekday(dt.year, dt.month, dt.day)][..3]),
                _ => out.push_str(DAYS[weekday(dt.year, dt.month, dt.day)]),
            },
            Tok::Hour(n) => {
                let h = if ampm {
                    match dt.hour % 12 {
                        0 => 12,
                        h => h,
                    }
                } else {
                    dt.hour
                };
                if n >= 2 {
                    out.push_str(&format!("{h:02}"));
                } else {
                    out.push_str(&h.to_string());
                }
            }
            Tok::Minute(n) if n >= 2 => out.push_str(&format!("{:02}", dt.minute)),
            Tok::Minute(_) => out.push_str(&dt.minute.to_string()),
            Tok::Second(n) if n >= 2 => out.push_str(&format!("{:02}", dt.second)),
            Tok::Second(_) => out.push_str(&dt.second.to_string()),
            Tok::AmPm => out.push_str(if dt.hour < 12 { "AM" } else { "PM" }),
        }
    }
    out
}

/// A number as Excel's General format shows it: integers without a decimal
/// point, others with up to ten significant digits, trailing zeros dropped.
pub fn format_general(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let magnitude = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    let decimals = (9 - magnitude).clamp(0, 15) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// A number through a (non-date) format code: percentages are shown as
/// such, with the code's decimals; everything else as General.
pub fn format_number(v: f64, code: Option<&str>) -> String {
    let Some(code) = code else {
        return format_general(v);
    };
    let first = split_sections(code);
    if first.contains('%') {
        let decimals = first
            .split('.')
            .nth(1)
            .map_or(0, |d| d.chars().take_while(|&c| c == '0').count());
        return format!("{:.*}%", decimals, v * 100.0);
    }
    format_general(v)
}

/// The date and time of an Excel serial (1900 system, or 1904 when the
/// workbook says so). `None` for serials outside years 1900-9999.
pub fn from_serial(serial: f64, is_1904: bool) -> Option<DateTime> {
    if !serial.is_finite() || !(0.0..=2_958_465.999_999).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let mut secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    // Days since 1899-12-30 (the 1900 system, with Excel's phantom
    // 1900-02-29 below serial 61), or since 1904-01-01.
    let epoch_days = if is_1904 {
        days + days_from_civil(1904, 1, 1)
    } else if days < 61 {
        days + days_from_civil(1899, 12, 31)
    } else {
        days + days_from_civil(1899, 12, 30)
    };
    let (year, month, day) = civil_from_days(epoch_days);
    if !(1900..=9999).contains(&year) {
        return None;
    }
    Some(DateTime {
        year: year as u16,
        month,
        day,
        hour: (secs / 3600) as u8,
        minute: ((secs % 3600) / 60) as u8,
        second: (secs % 60) as u8,
    })
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An elapsed time (a duration cell, `[h]:mm:ss`) as Excel shows it:
/// total hours, then minutes and seconds ("255:10:10"); with a `[m]` or
/// `[mm]` code, total minutes then seconds; a negative one with its sign.
pub fn format_elapsed(serial: f64, code: Option<&str>) -> String {
    if !serial.is_finite() || serial.abs() > 1e9 {
        return format_general(serial);
    }
    let secs = (serial.abs() * 86_400.0).round() as u64;
    let sign = if serial < 0.0 { "-" } else { "" };
    let lower = code.unwrap_or("").to_ascii_lowercase();
    if lower.contains("[m") {
        format!("{sign}{}:{:02}", secs / 60, secs % 60)
    } else {
        format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        )
    }
}

/// A time of day (a cell holding only a time, serial below 1) as
/// "10:30", or "10:30:15" when it has seconds.
pub fn format_time_of_day(serial: f64) -> String {
    let secs = ((serial.fract().abs()) * 86_400.0).round() as u64 % 86_400;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// An ISO 8601 duration as OpenDocument stores it ("PT10H10M10S",
/// "P1DT2H") as elapsed hours, minutes and seconds ("10:10:10",
/// "26:00:00"); `None` when it is not one.
pub fn format_duration_iso(s: &str) -> Option<String> {
    let rest = s.trim().strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = 0f64;
    let mut read = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut num = String::new();
        for ch in part.chars() {
            if ch.is_ascii_digit() || ch == '.' {
                num.push(ch);
            } else {
                let scale = units.iter().find(|(u, _)| *u == ch)?.1;
                total += num.parse::<f64>().ok()? * scale;
                num.clear();
            }
        }
        num.is_empty().then_some(())
    };
    read(date, &[('D', 86_400.0), ('W', 604_800.0)])?;
    read(time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)])?;
    Some(format_elapsed(total / 86_400.0, None))
}

#[cfg(test)]
mod tests {
    use super::{format_duration_iso, format_elapsed, format_time_of_day};

    #[test]
    fn durations_and_times_show_as_excel_and_calc_show_them() {
        assert_eq!(
            format_elapsed(10.632_060_19, Some("[h]:mm:ss")),
            "255:10:10"
        );
        assert_eq!(format_elapsed(0.5, Some("[mm]:ss")), "720:00");
        assert_eq!(format_elapsed(-0.25, None), "-6:00:00");
        assert_eq!(format_time_of_day(0.4375), "10:30");
        assert_eq!(format_time_of_day(0.423_784_722), "10:10:15");
        assert_eq!(
            format_duration_iso("PT10H10M10S").as_deref(),
            Some("10:10:10")
        );
        assert_eq!(format_duration_iso("P1DT2H").as_deref(), Some("26:00:00"));
        assert_eq!(format_duration_iso("PT"), Some("0:00:00".to_string()));
        assert_eq!(format_duration_iso("10 hours"), None);
    }

    use super::*;

    fn d(year: u16, month: u8, day: u8) -> DateTime {
        DateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    #[test]
    fn serials_become_dates() {
        // 41791 is 2014-06-01 in the 1900 system.
        assert_eq!(from_serial(41791.0, false), Some(d(2014, 6, 1)));
        assert_eq!(from_serial(1.0, false), Some(d(1900, 1, 1)));
        assert_eq!(from_serial(61.0, false), Some(d(1900, 3, 1)));
        assert_eq!(from_serial(0.0, true), Some(d(1904, 1, 1)));
        let t = from_serial(41791.75, false).map(|t| (t.hour, t.minute));
        assert_eq!(t, Some((18, 0)));
        assert_eq!(from_serial(-1.0, false), None);
        assert_eq!(from_serial(f64::NAN, false), None);
        assert_eq!(from_serial(1e12, false), None);
    }

    #[test]
    fn dates_render_through_their_format() {
        let jun = d(2014, 6, 1);
        assert_eq!(format_date(&jun, "mmm-yy"), "Jun-14");
        assert_eq!(format_date(&jun, "dd/mm/yyyy"), "01/06/2014");
        assert_eq!(format_date(&jun, "d mmmm yyyy"), "1 June 2014");
        assert_eq!(format_date(&jun, "mmmm yyyy"), "June 2014");
        assert_eq!(format_date(&jun, "[$-809]dd mmm yyyy;@"), "01 Jun 2014");
        assert_eq!(format_date(&jun, "dddd d\\ mmm"), "Sunday 1 Jun");
        assert_eq!(format_date(&jun, "\"Due \"mmm-yy"), "Due Jun-14");
        assert_eq!(format_date(&jun, "mmmmm"), "J");
        let t = DateTime {
            hour: 14,
            minute: 5,
            ..jun
        };
        assert_eq!(format_date(&t, "h:mm AM/PM"), "2:05 PM");
        assert_eq!(format_date(&t, "dd/mm/yyyy hh:mm"), "01/06/2014 14:05");
    }

    #[test]
    fn date_formats_are_recognised() {
        assert!(is_date_format("mmm-yy"));
        assert!(is_date_format("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"));
        assert!(!is_date_format("0.00"));
        assert!(!is_date_format("\"Day\" 0"));
        assert!(!is_date_format("General"));
    }

    #[test]
    fn numbers_render_like_general() {
        assert_eq!(format_general(1.0), "1");
        assert_eq!(format_general(2.5), "2.5");
        assert_eq!(format_general(0.1 + 0.2), "0.3");
        assert_eq!(format_general(-3.0), "-3");
        assert_eq!(format_general(1234.5678), "1234.5678");
        assert_eq!(format_number(0.25, Some("0%")), "25%");
        assert_eq!(format_number(0.255, Some("0.0%")), "25.5%");
    }

    #[test]
    fn iso_dates_parse() {
        assert_eq!(DateTime::parse_iso("2014-06-01"), Some(d(2014, 6, 1)));
        assert_eq!(
            DateTime::parse_iso("2014-06-01T10:30:00").map(|t| t.hour),
            Some(10)
        );
        assert_eq!(DateTime::parse_iso("June 2014"), None);
    }
}
