//! The summary information property set ([MS-OLEPS], the
//! `\x05SummaryInformation` stream): the document's title, the application
//! that wrote it and its page count, as the .docx reader takes them from
//! `docProps/`. Anything malformed is simply absent.

use super::le::{slice, u16_at, u32_at};
use super::pieces::cp1252;

const PID_CODEPAGE: u32 = 1;
const PID_TITLE: u32 = 2;
const PID_PAGECOUNT: u32 = 14;
const PID_APPNAME: u32 = 18;
/// The most properties read from the set.
const MAX_PROPERTIES: usize = 256;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub title: Option<String>,
    pub producer: Option<String>,
    pub pages: Option<u32>,
}

/// Parse the stream; an empty [`Summary`] when it is absent or damaged.
pub fn parse(b: &[u8]) -> Summary {
    let mut out = Summary::default();
    if u16_at(b, 0) != Some(0xFFFE) {
        return out;
    }
    let Some(set_at) = u32_at(b, 44).map(|v| v as usize) else {
        return out;
    };
    let Some(set) = b.get(set_at..) else {
        return out;
    };
    let n = u32_at(set, 4).unwrap_or(0) as usize;
    let mut codepage = 1252u32;
    let mut props = Vec::new();
    for i in 0..n.min(MAX_PROPERTIES) {
        let (Some(id), Some(at)) = (u32_at(set, 8 + 8 * i), u32_at(set, 12 + 8 * i)) else {
            break;
        };
        props.push((id, at as usize));
        if id == PID_CODEPAGE {
            codepage = u16_at(set, at as usize + 4).unwrap_or(1252) as u32;
        }
    }
    for (id, at) in props {
        match id {
            PID_TITLE => out.title = string(set, at, codepage).filter(|t| !t.trim().is_empty()),
            PID_APPNAME => out.producer = string(set, at, codepage).filter(|t| !t.is_empty()),
            PID_PAGECOUNT if u16_at(set, at) == Some(3) => out.pages = u32_at(set, at + 4),
            _ => {}
        }
    }
    out
}

/// A VT_LPSTR (in the set's code page: UTF-8 or Windows-1252) or
/// VT_LPWSTR property value.
fn string(set: &[u8], at: usize, codepage: u32) -> Option<String> {
    let kind = u16_at(set, at)?;
    let n = u32_at(set, at + 4)? as usize;
    let s = match kind {
        0x1E => {
            let bytes = slice(set, at + 8, n)?;
            if codepage == 65001 {
                String::from_utf8_lossy(bytes).into_owned()
            } else {
                String::from_utf16_lossy(&bytes.iter().map(|&b| cp1252(b)).collect::<Vec<_>>())
            }
        }
        0x1F => {
            let units: Vec<u16> = (0..n).map_while(|i| u16_at(set, at + 8 + 2 * i)).collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    Some(s.trim_end_matches('\0').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(props: &[(u32, Vec<u8>)]) -> Vec<u8> {
        let mut b = vec![0u8; 48];
        b[0..2].copy_from_slice(&0xFFFEu16.to_le_bytes());
        b[44..48].copy_from_slice(&48u32.to_le_bytes());
        let mut set = vec![0u8; 8 + 8 * props.len()];
        set[4..8].copy_from_slice(&(props.len() as u32).to_le_bytes());
        for (i, (id, value)) in props.iter().enumerate() {
            let at = set.len() as u32;
            set[8 + 8 * i..12 + 8 * i].copy_from_slice(&id.to_le_bytes());
            set[12 + 8 * i..16 + 8 * i].copy_from_slice(&at.to_le_bytes());
            set.extend(value);
        }
        b.extend(set);
        b
    }

    #[test]
    fn the_title_application_and_pages_are_read() {
        let lpstr = |s: &[u8]| {
            let mut v = vec![0x1E, 0, 0, 0];
            v.extend(((s.len() + 1) as u32).to_le_bytes());
            v.extend(s);
            v.push(0);
            v
        };
        let b = stream(&[
            (PID_CODEPAGE, vec![2, 0, 0, 0, 0xE4, 0x04, 0, 0]),
            (PID_TITLE, lpstr(b"Business plan \x96 2016")),
            (PID_APPNAME, lpstr(b"LibreOffice")),
            (PID_PAGECOUNT, vec![3, 0, 0, 0, 12, 0, 0, 0]),
        ]);
        let s = parse(&b);
        assert_eq!(s.title.as_deref(), Some("Business plan – 2016"));
        assert_eq!(s.producer.as_deref(), Some("LibreOffice"));
        assert_eq!(s.pages, Some(12));
        for cut in 0..b.len() {
            let _ = parse(&b[..cut]);
        }
        assert_eq!(parse(b"garbage"), Summary::default());
    }
}
