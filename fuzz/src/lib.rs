//! Shared pieces of the fuzz targets: the panic policy, what "read a file"
//! means for a target, and the in-memory packages the structure-aware
//! targets wrap their input into.
//!
//! Panic policy. The PDF reader runs lopdf under `catch_unwind` and the
//! Word reader runs docx-rs under it too: a panic inside those libraries
//! becomes an error or a warning for that file, which is what the tool
//! promises. A panic in *our* code caught the same way still loses the file
//! (or a part of it) for nothing, so the targets treat it as a crash: a
//! panic hook records where every panic happened, and after each input a
//! panic whose location is outside the cargo registry (our code, or the
//! standard library called from it) aborts the run. Uncaught panics abort
//! anyway (libfuzzer-sys catches them at the top).

use std::cell::RefCell;
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::{Once, OnceLock};

use actionplan::read::Limits;

thread_local! {
    /// The first panic of the current input that was not in a dependency.
    static OURS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install the panic hook (once). It runs after the PDF reader has
/// installed its own quiet hook, and replaces both that and libfuzzer-sys's
/// aborting hook: contained panics in dependencies are allowed, the rest is
/// decided after the input (see [`finish`]).
fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Let the PDF reader install its hook first, so ours is outermost.
        let _ = actionplan::read::read_bytes(b"%PDF-1.4\n%%EOF\n", &Limits::default());
        std::panic::set_hook(Box::new(|info| {
            let loc = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if loc.contains("/.cargo/registry/") || loc.contains("/.cargo/git/") {
                // A dependency's panic: fine if the reader contains it (if
                // not, libfuzzer-sys aborts when it reaches the top).
                eprintln!("panic in a dependency at {loc}: {msg}");
                return;
            }
            eprintln!("panic at {loc}: {msg}");
            OURS.with(|o| {
                o.borrow_mut().get_or_insert(format!("{loc}: {msg}"));
            });
        }));
    });
}

/// Run one input through `f` under the panic policy.
pub fn run(f: impl FnOnce()) {
    init();
    OURS.with(|o| o.borrow_mut().take());
    f();
    if let Some(p) = OURS.with(|o| o.borrow_mut().take()) {
        // Caught by the reader, but a bug in our code all the same.
        eprintln!("a panic in actionplan's own code was caught and turned into an error: {p}");
        std::process::abort();
    }
}

/// The crate's default limits: what the CLI uses.
pub fn limits() -> Limits {
    Limits::default()
}

/// Read the bytes as a file, then write the tables output (JSON and CSV),
/// as `actionplan tables` does.
pub fn read_and_write_tables(data: &[u8]) {
    if let Ok(doc) = actionplan::read::read_bytes(data, &limits()) {
        let mut sink = Vec::new();
        actionplan::write::tables::write_json(&mut sink, "fuzz", &doc).expect("write to a Vec");
        sink.clear();
        actionplan::write::tables::write_csv(&mut sink, Some("fuzz"), &doc).expect("write to a Vec");
    }
}

/// The whole pipeline from bytes: read, normalise, check gaps, then every
/// plan output (JSON, NDJSON, CSV, the HTML report, the gap CSV and both
/// workbooks), as `actionplan convert`, `check` and `report` do.
pub fn pipeline(data: &[u8]) {
    let opts = actionplan::Options {
        check: actionplan::gaps::CheckOptions {
            as_of: Some("2024-06-30".into()),
            ..Default::default()
        },
        ..actionplan::Options::default()
    };
    if let Ok(plan) = actionplan::convert_bytes(data, Path::new("fuzz.bin"), &opts) {
        let json = serde_json::to_vec_pretty(&plan).expect("a plan serialises");
        // What we write must be JSON we can read back.
        let _: serde_json::Value = serde_json::from_slice(&json).expect("plan JSON reads back");
        let mut sink = Vec::new();
        actionplan::write::actions::write_ndjson(&mut sink, &plan).expect("write to a Vec");
        sink.clear();
        actionplan::write::actions::write_csv(&mut sink, &plan).expect("write to a Vec");
        sink.clear();
        actionplan::write::html::write_report(&mut sink, &[&plan], &[]).expect("write to a Vec");
        sink.clear();
        let rows = actionplan::write::gaps::rows(&plan);
        actionplan::write::gaps::write_csv(&mut sink, &rows).expect("write to a Vec");
        actionplan::write::xlsx::gap_workbook(&rows).expect("the gap workbook");
        actionplan::write::xlsx::tracker_workbook(&[&plan]).expect("the tracker workbook");
    }
}

/// The parts of a zip package, in archive order.
pub type Parts = Vec<(String, Vec<u8>)>;

/// Unpack a (known good) zip into its parts.
pub fn unzip(bytes: &[u8]) -> Parts {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a good fixture");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("a good fixture");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).expect("a good fixture");
        parts.push((f.name().to_string(), data));
    }
    parts
}

/// Pack parts into a zip, replacing the part `name` by `data`, or adding it
/// where the package has none (stored, not deflated: the target is the XML,
/// not the inflater).
pub fn zip_with(parts: &Parts, name: &str, data: &[u8]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (n, d) in parts {
            w.start_file(n.as_str(), opts).expect("zip to memory");
            w.write_all(if n == name { data } else { d })
                .expect("zip to memory");
        }
        if !parts.iter().any(|(n, _)| n == name) {
            w.start_file(name, opts).expect("zip to memory");
            w.write_all(data).expect("zip to memory");
        }
        w.finish().expect("zip to memory");
    }
    buf.into_inner()
}

/// The base packages of the structure-aware targets, unpacked once.
pub fn base(which: &'static str) -> &'static Parts {
    static DOCX: OnceLock<Parts> = OnceLock::new();
    static XLSX: OnceLock<Parts> = OnceLock::new();
    static ODS: OnceLock<Parts> = OnceLock::new();
    match which {
        "docx" => DOCX.get_or_init(|| {
            let mut parts = unzip(include_bytes!("../../fixtures/edge/word-features.docx"));
            // python-docx's template carries 800 KB of styles no plan uses;
            // parsing them on every input would cost most of the time.
            parts.retain(|(n, _)| n != "word/stylesWithEffects.xml" && !n.ends_with(".jpeg"));
            for (n, d) in parts.iter_mut() {
                if n == "word/styles.xml" {
                    *d = trim_styles(d);
                }
            }
            parts
        }),
        "xlsx" => XLSX.get_or_init(|| {
            unzip(include_bytes!(
                "../../fixtures/sheets/tracker-features.xlsx"
            ))
        }),
        "ods" => ODS.get_or_init(|| {
            unzip(include_bytes!(
                "../../fixtures/sheets/plymouth-milestones.ods"
            ))
        }),
        other => panic!("no base package {other}"),
    }
}

/// A python-docx styles part without its latent styles and its 100 table
/// styles (LightShading, MediumGrid3-Accent6...): what make_corpus.py does to
/// the styles seeds too.
pub fn trim_styles(xml: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    loop {
        let latent = rest.find("<w:latentStyles");
        let style = rest.find("<w:style ");
        let (start, end_tag) = match (latent, style) {
            (Some(l), Some(s)) if l < s => (l, "</w:latentStyles>"),
            (Some(l), None) => (l, "</w:latentStyles>"),
            (_, Some(s)) => (s, "</w:style>"),
            (None, None) => break,
        };
        let Some(len) = rest[start..].find(end_tag) else {
            break;
        };
        let end = start + len + end_tag.len();
        let element = &rest[start..end];
        out.push_str(&rest[..start]);
        let table_style = ["Light", "Medium", "Dark", "Colorful"]
            .iter()
            .any(|p| element.contains(&format!("w:styleId=\"{p}")));
        if !(element.starts_with("<w:latentStyles") || table_style) {
            out.push_str(element);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The parts the `docx_xml` target replaces; the input's first byte picks
/// one (modulo the count), the rest is its content.
pub const DOCX_PARTS: &[&str] = &[
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/comments.xml",
];

/// The parts the `sheet_xml` target replaces: (base package, part).
pub const SHEET_PARTS: &[(&str, &str)] = &[
    ("xlsx", "xl/worksheets/sheet1.xml"),
    ("xlsx", "xl/sharedStrings.xml"),
    ("xlsx", "xl/styles.xml"),
    ("xlsx", "xl/workbook.xml"),
    ("ods", "content.xml"),
];

/// A one-page PDF whose page content is `content` and whose Type0 font F2
/// has `cmap` as its ToUnicode CMap. F1 is a simple WinAnsi Helvetica; the
/// page also has a form XObject /Fm1 that draws a ruled cell.
pub fn pdf_with(content: &[u8], cmap: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    let stream = |dict: &str, data: &[u8]| -> Vec<u8> {
        let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    // 1 catalog, 2 pages, 3 page, 4 content, 5 F1, 6 F2, 7 CIDFont, 8 CMap, 9 form
    obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    obj(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    obj(
        &mut out,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /Fm1 9 0 R >> >> >>",
    );
    obj(&mut out, &stream("", content));
    obj(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    obj(
        &mut out,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H \
          /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
    );
    obj(
        &mut out,
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
          /DW 1000 /W [1 [556 556 556] 10 20 500] >>",
    );
    obj(&mut out, &stream("", cmap));
    obj(
        &mut out,
        &stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>",
            b"0.5 w 72 700 m 300 700 l S 72 680 m 300 680 l S 72 680 m 72 700 l S \
              300 680 m 300 700 l S BT /F1 10 Tf 75 685 Td (Cell) Tj ET",
        ),
    );
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for off in &offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The content the `pdf_content` target uses when it fuzzes the CMap: a
/// ruled two-cell table whose second cell is shown with F2.
pub const FIXED_CONTENT: &[u8] = b"0.5 w 72 720 m 540 720 l S 72 700 m 540 700 l S \
72 700 m 72 720 l S 300 700 m 300 720 l S 540 700 m 540 720 l S \
BT /F1 10 Tf 75 705 Td (No.) Tj ET BT /F2 10 Tf 305 705 Td <000100020003> Tj ET /Fm1 Do";

/// The ToUnicode CMap the `pdf_content` target uses when it fuzzes the
/// content.
pub const FIXED_CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def \
/CMapName /Adobe-Identity-UCS def /CMapType 2 def \
1 begincodespacerange <0000> <FFFF> endcodespacerange \
2 beginbfchar <0001> <0041> <0002> <0063> endbfchar \
1 beginbfrange <0003> <0010> <0061> endbfrange \
endcmap CMapName currentdict /CMap defineresource pop end end";

/// A one-page PDF (the ruled cell of `pdf_with`) whose cross-reference is a
/// stream: `dict` is written into the stream's dictionary after `/Type
/// /XRef /Root 1 0 R` (the fuzzed /W, /Index, /Size...), `entries` is the
/// stream's data, unfiltered. The offsets in `entries` are the fuzzer's to
/// get right; what lopdf is given is checked first whatever they are.
pub fn pdf_with_xref_stream(dict: &[u8], entries: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let content: &[u8] = b"0.5 w 72 700 m 300 700 l S 72 680 m 300 680 l S 72 680 m 72 700 l S \
          186 680 m 186 700 l S 300 680 m 300 700 l S BT /F1 10 Tf 75 685 Td (Cell) Tj ET";
    let bodies: [Vec<u8>; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
    ];
    for (i, body) in bodies.iter().enumerate() {
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    out.extend_from_slice(
        b"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n",
    );
    let at = out.len();
    out.extend_from_slice(b"6 0 obj\n<< /Type /XRef /Root 1 0 R ");
    out.extend_from_slice(dict);
    out.extend_from_slice(format!(" /Length {} >>\nstream\n", entries.len()).as_bytes());
    out.extend_from_slice(entries);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    out
}

/// The xlsx base workbook with its first sheet's merged regions replaced by
/// one per line of `refs` (at most 4,096; characters that would end the
/// attribute are dropped).
pub fn xlsx_with_merges(refs: &[u8]) -> Vec<u8> {
    let parts = base("xlsx");
    let name = "xl/worksheets/sheet1.xml";
    let Some((_, sheet)) = parts.iter().find(|(n, _)| n == name) else {
        return zip_with(parts, name, b"");
    };
    let sheet = String::from_utf8_lossy(sheet);
    // Without its own merges.
    let sheet = match (sheet.find("<mergeCells"), sheet.find("</mergeCells>")) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &sheet[..a], &sheet[b + 13..]),
        _ => sheet.into_owned(),
    };
    let mut merges = String::from("<mergeCells>");
    for line in refs.split(|&b| b == b'\n').take(4096) {
        let r: String = String::from_utf8_lossy(line)
            .chars()
            .filter(|c| !matches!(c, '"' | '<' | '&' | '>'))
            .collect();
        merges.push_str(&format!("<mergeCell ref=\"{r}\"/>"));
    }
    merges.push_str("</mergeCells>");
    let sheet = sheet.replacen("</sheetData>", &format!("</sheetData>{merges}"), 1);
    zip_with(parts, name, sheet.as_bytes())
}

/// A .docx whose one table is made from the bytes, one cell each: bits 0-1
/// the vertical merge (none, restart, continue), bits 2-4 the grid span
/// (1 to 8, or a huge one), bit 5 a horizontal merge continuing, bit 6 the
/// cell's text, bit 7 the end of its row.
pub fn docx_with_merged_table(cells: &[u8]) -> Vec<u8> {
    let mut body = String::from("<w:tbl><w:tblGrid>");
    for _ in 0..8 {
        body.push_str("<w:gridCol w:w=\"1000\"/>");
    }
    body.push_str("</w:tblGrid><w:tr>");
    for (i, &b) in cells.iter().take(20_000).enumerate() {
        body.push_str("<w:tc><w:tcPr>");
        match b & 3 {
            1 => body.push_str("<w:vMerge w:val=\"restart\"/>"),
            2 => body.push_str("<w:vMerge/>"),
            _ => {}
        }
        let span = match (b >> 2) & 7 {
            7 => 100_000,
            s => u32::from(s) + 1,
        };
        body.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
        if b & 32 != 0 {
            body.push_str("<w:hMerge/>");
        }
        body.push_str("</w:tcPr><w:p>");
        if b & 64 != 0 {
            body.push_str(&format!("<w:r><w:t>Cell {i} text</w:t></w:r>"));
        }
        body.push_str("</w:p></w:tc>");
        if b & 128 != 0 {
            body.push_str("</w:tr><w:tr>");
        }
    }
    body.push_str("</w:tr></w:tbl>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
         <w:p><w:r><w:t>Plan</w:t></w:r></w:p>{body}</w:body></w:document>"
    );
    zip_with(base("docx"), "word/document.xml", document.as_bytes())
}
