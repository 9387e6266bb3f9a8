//! Built-in encodings and glyph names (PDF 32000-1 Annex D).
//!
//! Simple fonts map a one-byte code to a glyph name through a base encoding
//! (WinAnsi, MacRoman, Standard) and `/Differences`; the glyph name gives the
//! character. The table here covers the Adobe Glyph List names of the Latin-1
//! and WinAnsi repertoire (what plans written in English use) plus the
//! `uniXXXX` / `uXXXX` conventions; other names are reported as unmapped.

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    /// `/WinAnsiEncoding` (Windows code page 1252).
    WinAnsi,
    /// `/MacRomanEncoding`.
    MacRoman,
    /// `/StandardEncoding`, Adobe's default for Type 1 text fonts.
    Standard,
    /// A symbolic font's built-in encoding: codes mean nothing without a
    /// ToUnicode map, except the bullets of Symbol and Wingdings.
    Symbol,
}

/// WinAnsi codes 0x80..=0x9F (the rest is Latin-1).
const WIN_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// MacRoman codes 0x80..=0xFF.
const MAC_80: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', 'ê', 'ë', 'í',
    'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', '†', '°', '¢', '£', '§', '•',
    '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏',
    'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}',
    'À', 'Ã', 'Õ', 'Œ', 'œ', '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›',
    'ﬁ', 'ﬂ', '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// StandardEncoding codes above 0x7F that are defined.
const STANDARD_HIGH: &[(u8, char)] = &[
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, 'ﬁ'),
    (0xAF, 'ﬂ'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xC1, '`'),
    (0xC2, '´'),
    (0xC3, 'ˆ'),
    (0xC4, '˜'),
    (0xC5, '¯'),
    (0xC6, '˘'),
    (0xC7, '˙'),
    (0xC8, '¨'),
    (0xCA, '˚'),
    (0xCB, '¸'),
    (0xCD, '˝'),
    (0xCE, '˛'),
    (0xCF, 'ˇ'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE3, 'ª'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xEB, 'º'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// The character a base encoding gives a code, if any.
pub fn base_char(enc: BaseEncoding, code: u8) -> Option<char> {
    let c = match enc {
        BaseEncoding::Symbol => return None,
        BaseEncoding::Standard => match code {
            0x27 => '’',
            0x60 => '‘',
            0x20..=0x7E => char::from(code),
            _ => STANDARD_HIGH.iter().find(|(c, _)| *c == code)?.1,
        },
        BaseEncoding::WinAnsi => match code {
            0x20..=0x7E => char::from(code),
            // Unused in WinAnsiEncoding; the PDF reference shows unused
            // codes as the bullet, and reportlab writes "•" here.
            0x7F => '•',
            0x80..=0x9F => WIN_80[usize::from(code - 0x80)],
            0xA0 => ' ',
            0xAD => '-',
            0xA1..=0xFF => char::from(code),
            _ => return None,
        },
        BaseEncoding::MacRoman => match code {
            0x20..=0x7E => char::from(code),
            0xCA => ' ',
            0x80..=0xFF => MAC_80[usize::from(code - 0x80)],
            _ => return None,
        },
    };
    (c != '\0').then_some(c)
}

/// Latin-1 glyph names for U+00A1..=U+00FF, in code order.
const LATIN1_NAMES: [&str; 95] = [
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "hyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// Other names: ASCII punctuation and digits, WinAnsi extras, ligatures.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("space", " "),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "’"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("quoteleft", "‘"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("nbspace", " "),
    ("nonbreakingspace", " "),
    ("uni00A0", " "),
    ("sfthyphen", "-"),
    ("softhyphen", "-"),
    ("minus", "−"),
    ("endash", "–"),
    ("emdash", "—"),
    ("bullet", "•"),
    ("ellipsis", "…"),
    ("quotedblleft", "“"),
    ("quotedblright", "”"),
    ("quotesinglbase", "‚"),
    ("quotedblbase", "„"),
    ("dagger", "†"),
    ("daggerdbl", "‡"),
    ("perthousand", "‰"),
    ("guilsinglleft", "‹"),
    ("guilsinglright", "›"),
    ("Euro", "€"),
    ("trademark", "™"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("OE", "Œ"),
    ("oe", "œ"),
    ("Scaron", "Š"),
    ("scaron", "š"),
    ("Zcaron", "Ž"),
    ("zcaron", "ž"),
    ("Ydieresis", "Ÿ"),
    ("florin", "ƒ"),
    ("circumflex", "ˆ"),
    ("tilde", "˜"),
    ("dotlessi", "ı"),
    ("Lslash", "Ł"),
    ("lslash", "ł"),
    ("fraction", "⁄"),
    ("breve", "˘"),
    ("dotaccent", "˙"),
    ("ring", "˚"),
    ("ogonek", "˛"),
    ("caron", "ˇ"),
    ("hungarumlaut", "˝"),
    ("checkmark", "✓"),
    ("arrowright", "→"),
    ("square", "■"),
    ("filledbox", "■"),
    ("H18533", "●"),
    ("H18543", "▪"),
    ("H22073", "□"),
    ("circle", "○"),
];

/// The text of a glyph name, or `None` for an unknown name.
pub fn glyph_text(name: &str) -> Option<String> {
    if name.is_empty() || name == ".notdef" {
        return None;
    }
    // "a.sc", "one.oldstyle": the part before the first period names it.
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        // A ligature of components: "f_f_i".
        return base
            .split('_')
            .map(glyph_text)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat());
    }
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return Some(base.to_string());
    }
    if let Some(&(_, t)) = OTHER_NAMES.iter().find(|(n, _)| *n == base) {
        return Some(t.to_string());
    }
    if let Some(i) = LATIN1_NAMES.iter().position(|n| *n == base) {
        if base != "hyphen" {
            return char::from_u32(0xA1 + i as u32).map(String::from);
        }
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let mut out = String::new();
            for chunk in hex.as_bytes().chunks(4) {
                let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
                out.push(char::from_u32(v)?);
            }
            return Some(out);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            if let Ok(v) = u32::from_str_radix(hex, 16) {
                return char::from_u32(v).map(String::from);
            }
        }
    }
    None
}

/// The code a pdfTeX bitmap font's glyph name gives: pdfTeX draws a PK
/// font (a TeX font with no Type 1 version installed) as a Type3 font
/// and names each glyph "a" and its code ("a163"), which says nothing of
/// what the glyph draws.
pub fn pk_glyph_code(name: &str) -> Option<usize> {
    let digits = name.strip_prefix('a')?;
    (!digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The symbol at `code` in TeX's text companion encoding (TS1, the
/// `textcomp` fonts: `\pounds` with `inputenc`, `\textcopyright`,
/// `\texteuro`), in its upper half, where its symbols sit at their
/// Latin-1 codes (the euro at 0xBF).
pub fn ts1_symbol(code: usize) -> Option<char> {
    Some(match code {
        0xA2 => '¢',
        0xA3 => '£',
        0xA4 => '¤',
        0xA5 => '¥',
        0xA6 => '¦',
        0xA7 => '§',
        0xA9 => '©',
        0xAC => '¬',
        0xAE => '®',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '²',
        0xB3 => '³',
        0xB5 => 'µ',
        0xB6 => '¶',
        0xB7 => '·',
        0xB9 => '¹',
        0xBC => '¼',
        0xBD => '½',
        0xBE => '¾',
        0xBF => '€',
        0xD6 => '×',
        0xF6 => '÷',
        _ => return None,
    })
}

/// A font whose codes draw symbols rather than letters, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolFont {
    /// Symbol: 0xB7 is its bullet.
    Symbol,
    /// Wingdings, Webdings, Zapf Dingbats: several bullets and boxes.
    Dingbats,
}

impl SymbolFont {
    /// The kind of symbol font a font name says, if any.
    pub fn of(font_name: &str) -> Option<SymbolFont> {
        let has = |needle: &str| {
            font_name
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        if has("symbol") {
            Some(SymbolFont::Symbol)
        } else if has("wingding") || has("webding") || has("dingbat") {
            Some(SymbolFont::Dingbats)
        } else {
            None
        }
    }

    /// The character a code of this font draws, for the codes plans use as
    /// bullets: Symbol's bullet (0xB7) and Wingdings' bullets and boxes,
    /// all read as "•". Plain ASCII codes of a symbol font are not text.
    pub fn bullet(self, code: u32) -> Option<&'static str> {
        let code = if (0xF000..=0xF0FF).contains(&code) {
            code - 0xF000
        } else {
            code
        };
        match self {
            SymbolFont::Symbol => (code == 0xB7).then_some("•"),
            SymbolFont::Dingbats => matches!(
                code,
                0x6C | 0x6E | 0x71 | 0x76 | 0x77 | 0x9F | 0xA7 | 0xD8 | 0xFC
            )
            .then_some("•"),
        }
    }
}

/// [`SymbolFont::bullet`] for a font known by name.
#[cfg(test)]
pub fn symbol_bullet(font_name: &str, code: u32) -> Option<&'static str> {
    SymbolFont::of(font_name).and_then(|f| f.bullet(code))
}

/// A character in the Private Use Area that a symbol font uses for a bullet
/// (Word writes Symbol's bullet as U+F0B7), read as "•".
pub fn private_use_bullet(c: char) -> Option<char> {
    match c as u32 {
        0xF0B7 | 0xF0A7 | 0xF06C | 0xF06E | 0xF0D8 | 0xF0FC | 0xF076 | 0xE00A | 0xE00C => Some('•'),
        _ => None,
    }
}

/// `text` with the Latin ligature presentation forms (U+FB00 to U+FB06)
/// replaced by the letters they join; other text is returned as it is.
pub fn decompose_ligatures(text: String) -> String {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_text() {
        assert_eq!(glyph_text("a").as_deref(), Some("a"));
        assert_eq!(glyph_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text("endash").as_deref(), Some("–"));
        assert_eq!(glyph_text("uni2022").as_deref(), Some("•"));
        assert_eq!(glyph_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_text("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_text("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_text("hyphen").as_deref(), Some("-"));
        assert_eq!(glyph_text("g123"), None);
    }

    #[test]
    fn base_encodings_differ_where_they_should() {
        assert_eq!(base_char(BaseEncoding::WinAnsi, 0x93), Some('“'));
        assert_eq!(base_char(BaseEncoding::MacRoman, 0xD2), Some('“'));
        assert_eq!(base_char(BaseEncoding::Standard, 0xAA), Some('“'));
        assert_eq!(base_char(BaseEncoding::Standard, 0x27), Some('’'));
        assert_eq!(base_char(BaseEncoding::WinAnsi, 0xE9), Some('é'));
        assert_eq!(base_char(BaseEncoding::WinAnsi, 0x81), None);
        assert_eq!(base_char(BaseEncoding::WinAnsi, 0x7F), Some('•'));
        assert_eq!(symbol_bullet("Symbol", 0xB7), Some("•"));
    }

    #[test]
    fn ligature_forms_are_written_out() {
        assert_eq!(decompose_ligatures("O\u{FB03}cer".into()), "Officer");
        assert_eq!(decompose_ligatures("identi\u{FB01}ed".into()), "identified");
        assert_eq!(
            decompose_ligatures("e\u{FB00}ect \u{FB02}ow".into()),
            "effect flow"
        );
        assert_eq!(decompose_ligatures("plain".into()), "plain");
    }
}
