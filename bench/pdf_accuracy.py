#!/usr/bin/env python3
"""PDF table accuracy and speed, in one run: our `tables` command against
pdfplumber (and camelot, when it is installed) on the same PDFs.

Two benchmarks, both optional (--only fixtures|icdar):

1. Fixtures: every fixtures/pdf/NAME.pdf that has a source document.
   Ground truth is the SOURCE tables, not the PDF expected grids:
   fixtures/expected/NAME.tables.json (the hand-written Word tables of
   fixtures/plans/NAME.docx); for NAME-sheet.pdf, the workbook's tables,
   fixtures/expected/NAME.xlsx.tables.json, cut where a section repeats the
   header row; for unruled-reportlab.pdf, the `rows` literal of
   fixtures/generate_pdf.py's unruled() that drew it. A PDF with neither is
   listed and skipped.

2. ICDAR 2013, EU half (read from ../shared/data/icdar2013-eu/, never copied
   into the project): every eu-NNN.pdf against its eu-NNN-str.xml (eu-009b-str.xml
   is a second annotation of eu-009a.pdf's table and has no PDF of its own: it is
   not used, so 27 documents, 76 tables).

Definitions (fixed before any result was looked at; identical for every tool):

- Normalised text: None -> ""; each line stripped, a leading list bullet
  (• \uf0b7 \uf0a7 ▪ ◦ ● ‣ ∙ followed by spaces) removed from each line; then all
  whitespace (newlines included) folded to one space. Case, punctuation,
  hyphens and numbers are kept as they are.
- Ground-truth cells: the non-empty normalised cells of a table, a merged
  (spanning) cell counted once, at its top-left (anchor) slot.
- A tool's tables: ours = every table of `actionplan tables FILE --format json`
  ("page" = the 1-based page where it starts); pdfplumber = page.extract_tables()
  with default settings on every page, in page order; camelot =
  camelot.read_pdf(FILE, pages="all") with its default flavor (lattice), or
  the flavor --camelot-flavor names (hybrid: lattice and stream together,
  camelot's most accurate).
- Fixtures only, cross-page joining (applied to every tool's output alike,
  ours included): tables in output order; a table that is the first one on
  page p+1 is appended to the table just before it when that one is the last
  table on page p (p = the page its last part came from) and both have the same
  number of columns (longest row); the continuation's first row is dropped when
  its normalised cells equal the first row of the table it continues (a repeated
  header). Nothing else is repaired (a row split by the page break stays two rows).
- Fixtures cell accuracy: for each ground-truth table, the joined table of the
  tool with the most ground-truth cells whose normalised text equals the
  normalised text at the same (row, col) (no offset; ties: the first); the
  score is correct cells / ground-truth cells, summed over all tables of all
  files. Several ground-truth tables may pick the same extracted table.
- ICDAR match: a detected table matches a ground-truth table when it is on the
  same page (for ours: the page it starts on) and at least 50% of the
  ground-truth table's non-empty cells (with multiplicity) have a normalised
  text equal to some cell of the detected table.
  Recall = ground-truth tables matched by at least one detected table / all
  ground-truth tables. Precision = detected tables matching at least one
  ground-truth table / all tables the tool returned (every page, empty tables
  included).
- ICDAR cell accuracy: for each ground-truth table, over the detected tables
  that match it and over every uniform (row, col) offset, the most ground-truth
  cells whose normalised text equals the detected table's cell at
  (start-row + dr, start-col + dc); an unmatched table scores 0; the figure is
  the sum over tables / all ground-truth cells.
- Text found (diagnostic, both benchmarks): share of ground-truth cells whose
  normalised text equals some cell of any table the tool returned for that
  file, wherever it is: it separates reading the text from placing it.
- Speed: every file is run --repeat times by each tool (camelot:
  --camelot-repeat), tools interleaved file by file; a file's time is the
  median of its runs, and pages/s = the benchmark's pages / the sum of those
  medians. Ours is timed as a whole process per file (start-up, reading,
  JSON to a pipe), and, on a line after the table, as one process over all
  the files (start-up paid once); the Python tools in-process after import (pdfplumber: open
  the file, extract_tables on every page, close). Accuracy is scored on the
  first run's output.

Usage:
  cargo build --release
  pip install -r bench/requirements.txt      # pdfplumber; camelot-py optional
  python3 bench/pdf_accuracy.py [--bin target/release/actionplan] [--repeat 5]
        [--camelot-repeat 1] [--no-camelot] [--only fixtures|icdar]
        [--icdar ../shared/data/icdar2013-eu] [--json PATH]
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
DEFAULT_ICDAR = ROOT.parent / "shared" / "data" / "icdar2013-eu"

BULLETS = "•\uf0b7\uf0a7▪◦●‣∙"

# --- text -------------------------------------------------------------------


def norm(text) -> str:
    if text is None:
        return ""
    text = str(text)
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line and line[0] in BULLETS:
            line = line[1:].lstrip()
        lines.append(line)
    return " ".join(" ".join(lines).split())


def n_cols(rows) -> int:
    return max((len(r) for r in rows), default=0)


# --- tools --------------------------------------------------------------------
# Each returns a list of {"page": int, "rows": [[str|None]]} in output order.


def run_ours(binary: Path, pdf: Path):
    t0 = time.perf_counter()
    p = subprocess.run(
        [str(binary), "tables", str(pdf), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return dt, [], "exit %d: %s" % (p.returncode, err[-1] if err else "")
    doc = json.loads(p.stdout)
    tables = [
        {"page": t.get("page") or 1, "rows": t.get("rows") or []}
        for t in doc.get("tables", [])
    ]
    return dt, tables, None


def run_pdfplumber(pdf: Path):
    import pdfplumber

    tables = []
    t0 = time.perf_counter()
    try:
        with pdfplumber.open(str(pdf)) as doc:
            for i, page in enumerate(doc.pages):
                for rows in page.extract_tables():
                    tables.append({"page": i + 1, "rows": rows})
    except Exception as e:  # a crash is scored as no tables, and reported
        return time.perf_counter() - t0, tables, "%s: %s" % (type(e).__name__, e)
    return time.perf_counter() - t0, tables, None


CAMELOT_FLAVOR = "lattice"


def run_camelot(pdf: Path):
    import camelot

    tables = []
    t0 = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = camelot.read_pdf(str(pdf), pages="all", flavor=CAMELOT_FLAVOR)
        for t in found:
            tables.append({"page": int(t.page), "rows": t.df.values.tolist()})
    except Exception as e:
        return time.perf_counter() - t0, tables, "%s: %s" % (type(e).__name__, e)
    return time.perf_counter() - t0, tables, None


def page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        return len(doc.pages)


def available_tools(args):
    tools = [("ours", lambda f: run_ours(args.bin, f), args.repeat)]
    import pdfplumber

    tools.append(("pdfplumber " + pdfplumber.__version__, run_pdfplumber, args.repeat))
    if not args.no_camelot:
        try:
            import camelot

            name = "camelot " + camelot.__version__
            if args.camelot_flavor != "lattice":
                name += " " + args.camelot_flavor
            tools.append((name, run_camelot, args.camelot_repeat))
        except Exception as e:  # not installed: say so, go on without it
            print("camelot not available (%s): left out" % e, file=sys.stderr)
    return tools


def run_all(tools, files):
    """Run every tool on every file; returns {tool: {file: (median s, tables, error)}}."""
    times = {name: defaultdict(list) for name, _, _ in tools}
    first = {name: {} for name, _, _ in tools}
    rounds = max(r for _, _, r in tools)
    for k in range(rounds):
        for f in files:
            for name, fn, reps in tools:
                if k >= reps:
                    continue
                dt, tables, err = fn(f)
                times[name][f].append(dt)
                if k == 0:
                    first[name][f] = (tables, err)
        print("  round %d/%d done" % (k + 1, rounds), file=sys.stderr)
    out = {}
    for name, _, _ in tools:
        out[name] = {
            f: (statistics.median(times[name][f]),) + first[name][f] for f in files
        }
    return out


# --- fixtures -----------------------------------------------------------------


def gt_cells_of_grid(rows, merges=()):
    covered = set()
    for m in merges:
        for r in range(m["row"], m["row"] + m["rows"]):
            for c in range(m["col"], m["col"] + m["cols"]):
                if (r, c) != (m["row"], m["col"]):
                    covered.add((r, c))
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t = norm(text)
            if t and (r, c) not in covered:
                cells.append((r, c, t))
    return cells


def reportlab_rows():
    """The `rows` literal in fixtures/generate_pdf.py's unruled(): the table it drew."""
    tree = ast.parse((FIX / "generate_pdf.py").read_text())
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and fn.name == "unruled":
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "rows" for t in node.targets)
                ):
                    return [list(r) for r in ast.literal_eval(node.value)]
    return None


def split_at_header(table):
    """A sheet's table cut where a row repeats its first (header) row, as a
    printed sheet's sections are separate tables: [(rows, merges)]."""
    rows, merges = table["rows"], table.get("merges") or []
    starts = [0] + [i for i in range(1, len(rows)) if rows[i] == rows[0]] + [len(rows)]
    parts = []
    for a, b in zip(starts, starts[1:]):
        ms = [dict(m, row=m["row"] - a) for m in merges if a <= m["row"] < b]
        parts.append((rows[a:b], ms))
    return parts


def fixture_sources():
    """[(pdf, source description, [gt table cells])], and skipped PDFs."""
    out, skipped = [], []
    for pdf in sorted((FIX / "pdf").glob("*.pdf")):
        name = pdf.stem
        source = name.removesuffix("-tagged")  # a tagged export of the same document
        expected = FIX / "expected" / (source + ".tables.json")
        docx = FIX / "plans" / (source + ".docx")
        sheet = FIX / "expected" / (name.removesuffix("-sheet") + ".xlsx.tables.json")
        if name.endswith("-sheet") and sheet.exists():
            doc = json.loads(sheet.read_text())
            gts = [gt_cells_of_grid(r, m) for t in doc["tables"] for r, m in split_at_header(t)]
            out.append((pdf, "sheets/%s.xlsx (expected/%s)" % (name.removesuffix("-sheet"), sheet.name), gts))
        elif expected.exists() and docx.exists():
            doc = json.loads(expected.read_text())
            gts = [gt_cells_of_grid(t["rows"], t.get("merges") or []) for t in doc["tables"]]
            out.append((pdf, "plans/%s.docx (expected/%s)" % (source, expected.name), gts))
        elif name == "unruled-reportlab" and reportlab_rows():
            out.append((pdf, "generate_pdf.py unruled() rows", [gt_cells_of_grid(reportlab_rows())]))
        else:
            skipped.append(pdf)
    return out, skipped


def join_across_pages(tables):
    joined = []
    for t in tables:
        rows = [list(r) for r in t["rows"]]
        if joined:
            prev = joined[-1]
            first_on_page = all(
                not (u["page_start"] <= t["page"] <= u["page_end"]) for u in joined
            )
            if (
                first_on_page
                and t["page"] == prev["page_end"] + 1
                and n_cols(rows) == n_cols(prev["rows"])
                and n_cols(rows) > 0
            ):
                if rows and prev["rows"] and [norm(x) for x in rows[0]] == [
                    norm(x) for x in prev["rows"][0]
                ]:
                    rows = rows[1:]
                prev["rows"].extend(rows)
                prev["page_end"] = t["page"]
                continue
        joined.append({"page_start": t["page"], "page_end": t["page"], "rows": rows})
    return joined


def at(rows, r, c) -> str:
    if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
        return norm(rows[r][c])
    return ""


def all_texts(tables):
    s = set()
    for t in tables:
        for row in t["rows"]:
            for x in row:
                s.add(norm(x))
    return s


def score_fixture(gts, tables, joined_by_tool=False):
    """Tables of a tool that joins tables across pages itself (ours) are
    scored as given; other tools' per-page tables are joined first, where
    a table is the first on its page and the one before ended on the page
    before with as many columns."""
    if joined_by_tool:
        joined = [{"rows": [list(r) for r in t["rows"]]} for t in tables]
    else:
        joined = join_across_pages(tables)
    texts = all_texts(tables)
    total = correct = found = 0
    for cells in gts:
        total += len(cells)
        best = 0
        for t in joined:
            best = max(best, sum(1 for r, c, x in cells if at(t["rows"], r, c) == x))
        correct += best
        found += sum(1 for _, _, x in cells if x in texts)
    return {"cells": total, "correct": correct, "found": found, "tables": len(joined)}


# --- ICDAR 2013 ---------------------------------------------------------------


def icdar_docs(root: Path):
    docs = []
    for pdf in sorted(root.glob("eu-*.pdf")):
        xml = root / (pdf.stem + "-str.xml")
        if not xml.exists():
            continue
        gts = []
        for table in ET.parse(xml).getroot().findall("table"):
            for region in table.findall("region"):
                cells = []
                for cell in region.findall("cell"):
                    text = norm(cell.findtext("content"))
                    if text:
                        cells.append((int(cell.get("start-row")), int(cell.get("start-col")), text))
                gts.append(
                    {"table": table.get("id"), "page": int(region.get("page")), "cells": cells}
                )
        docs.append((pdf, gts))
    unused = sorted(
        x.name for x in root.glob("eu-*-str.xml") if not (root / (x.name[: -len("-str.xml")] + ".pdf")).exists()
    )
    return docs, unused


def contains_share(cells, texts) -> float:
    if not cells:
        return 0.0
    return sum(1 for _, _, x in cells if x in texts) / len(cells)


def best_offset_correct(cells, rows) -> int:
    index = defaultdict(list)
    for r, row in enumerate(rows):
        for c, x in enumerate(row):
            t = norm(x)
            if t:
                index[t].append((r, c))
    votes = Counter()
    for r, c, x in cells:
        for er, ec in index.get(x, ()):
            votes[(er - r, ec - c)] += 1
    return max(votes.values(), default=0)


def score_icdar(gts, tables):
    det_texts = [set(norm(x) for row in t["rows"] for x in row) for t in tables]
    det_matched = [False] * len(tables)
    texts = set().union(*det_texts) if det_texts else set()
    res = {"gt_tables": len(gts), "detected": len(tables), "gt_matched": 0,
           "cells": 0, "correct": 0, "found": 0}
    for g in gts:
        res["cells"] += len(g["cells"])
        res["found"] += sum(1 for _, _, x in g["cells"] if x in texts)
        best, hit = 0, False
        for i, t in enumerate(tables):
            if t["page"] != g["page"] or not g["cells"]:
                continue
            if contains_share(g["cells"], det_texts[i]) >= 0.5:
                hit = True
                det_matched[i] = True
                best = max(best, best_offset_correct(g["cells"], t["rows"]))
        res["gt_matched"] += hit
        res["correct"] += best
    res["det_matched"] = sum(det_matched)
    return res


# --- report -------------------------------------------------------------------


def pct(a, b) -> str:
    return "%5.1f%%" % (100.0 * a / b) if b else "   n/a"


def md_table(header, rows) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows])


def bench_fixtures(tools, args):
    sources, skipped = fixture_sources()
    for pdf in skipped:
        print("fixtures: %s has no source document: skipped" % pdf.name)
    files = [pdf for pdf, _, _ in sources]
    pages = {f: page_count(f) for f in files}
    print("fixtures: running %d PDFs (%d pages) ..." % (len(files), sum(pages.values())), file=sys.stderr)
    runs = run_all(tools, files)
    per_file, summary = [], []
    for pdf, src, gts in sources:
        line = {"file": pdf.name, "source": src, "pages": pages[pdf], "gt_tables": len(gts)}
        for name, _, _ in tools:
            dt, tables, err = runs[name][pdf]
            s = score_fixture(gts, tables, joined_by_tool=(name == "ours"))
            s.update(seconds=dt, error=err)
            line[name] = s
        per_file.append(line)
    header = ["file", "pages", "GT tables", "GT cells"]
    for name, _, _ in tools:
        header += [name.split()[0] + " tables", name.split()[0] + " cells right"]
    rows = []
    for line in per_file:
        first = line[tools[0][0]]
        r = [line["file"], line["pages"], line["gt_tables"], first["cells"]]
        for name, _, _ in tools:
            s = line[name]
            r += [s["tables"], "%d (%s)%s" % (s["correct"], pct(s["correct"], s["cells"]).strip(),
                                             " ERR" if s["error"] else "")]
        rows.append(r)
    print("\nFixtures: cells at the right (row, col) of the best-matching joined table\n")
    print(md_table(header, rows))
    total_pages = sum(pages.values())
    for name, _, reps in tools:
        cells = sum(l[name]["cells"] for l in per_file)
        correct = sum(l[name]["correct"] for l in per_file)
        found = sum(l[name]["found"] for l in per_file)
        secs = sum(l[name]["seconds"] for l in per_file)
        summary.append({"tool": name, "cells": cells, "correct": correct, "found": found,
                        "cell_accuracy": correct / cells if cells else None,
                        "text_found": found / cells if cells else None,
                        "pages": total_pages, "seconds": secs, "repeat": reps,
                        "pages_per_s": total_pages / secs if secs else None})
    print_summary("Fixtures summary (%d PDFs, %d pages)" % (len(files), total_pages), summary,
                  with_detection=False)
    summary[0]["one_process_pages_per_s"] = one_process(args, files, total_pages, summary)
    for line in per_file:
        for name, _, _ in tools:
            if line[name]["error"]:
                print("  %s on %s: %s" % (name, line["file"], line[name]["error"]))
    return {"files": per_file, "summary": summary, "skipped": [p.name for p in skipped]}


def bench_icdar(tools, args):
    root = Path(args.icdar)
    if not root.is_dir():
        print("icdar: %s not found: skipped" % root)
        return None
    docs, unused = icdar_docs(root)
    for name in unused:
        print("icdar: %s has no PDF of its own: not used" % name)
    files = [pdf for pdf, _ in docs]
    pages = {f: page_count(f) for f in files}
    print("icdar: running %d PDFs (%d pages) ..." % (len(files), sum(pages.values())), file=sys.stderr)
    runs = run_all(tools, files)
    per_doc = []
    for pdf, gts in docs:
        line = {"file": pdf.name, "pages": pages[pdf], "gt_tables": len(gts),
                "gt_cells": sum(len(g["cells"]) for g in gts)}
        for name, _, _ in tools:
            dt, tables, err = runs[name][pdf]
            s = score_icdar(gts, tables)
            s.update(seconds=dt, error=err)
            line[name] = s
        per_doc.append(line)
    header = ["doc", "pages", "GT tables", "GT cells"]
    for name, _, _ in tools:
        short = name.split()[0]
        header += [short + " GT found", short + " det. right", short + " cells right"]
    rows = []
    for line in per_doc:
        r = [line["file"], line["pages"], line["gt_tables"], line["gt_cells"]]
        for name, _, _ in tools:
            s = line[name]
            r += [s["gt_matched"], "%d/%d%s" % (s["det_matched"], s["detected"], " ERR" if s["error"] else ""),
                  "%d (%s)" % (s["correct"], pct(s["correct"], s["cells"]).strip())]
        rows.append(r)
    tot = ["total", sum(l["pages"] for l in per_doc), sum(l["gt_tables"] for l in per_doc),
           sum(l["gt_cells"] for l in per_doc)]
    summary = []
    total_pages = sum(pages.values())
    for name, _, reps in tools:
        g = lambda k: sum(l[name][k] for l in per_doc)
        tot += [g("gt_matched"), "%d/%d" % (g("det_matched"), g("detected")),
                "%d (%s)" % (g("correct"), pct(g("correct"), g("cells")).strip())]
        secs = g("seconds")
        summary.append({"tool": name, "gt_tables": g("gt_tables"), "gt_matched": g("gt_matched"),
                        "detected": g("detected"), "det_matched": g("det_matched"),
                        "cells": g("cells"), "correct": g("correct"), "found": g("found"),
                        "recall": g("gt_matched") / g("gt_tables") if g("gt_tables") else None,
                        "precision": g("det_matched") / g("detected") if g("detected") else None,
                        "cell_accuracy": g("correct") / g("cells") if g("cells") else None,
                        "text_found": g("found") / g("cells") if g("cells") else None,
                        "pages": total_pages, "seconds": secs, "repeat": reps,
                        "pages_per_s": total_pages / secs if secs else None})
    rows.append(tot)
    print("\nICDAR 2013 EU: GT found = ground-truth tables matched; det. right = detected tables "
          "matching a ground-truth table / all detected;\ncells right = ground-truth cells at the "
          "right row and col of a matching table (best uniform offset)\n")
    print(md_table(header, rows))
    print_summary("ICDAR 2013 EU summary (%d documents, %d tables, %d pages)"
                  % (len(docs), tot[2], total_pages), summary, with_detection=True)
    summary[0]["one_process_pages_per_s"] = one_process(args, files, total_pages, summary)
    for line in per_doc:
        for name, _, _ in tools:
            if line[name]["error"]:
                print("  %s on %s: %s" % (name, line["file"], line[name]["error"]))
    return {"documents": per_doc, "summary": summary, "unused": unused}


def vs_ours(ours, theirs) -> str:
    if not ours or not theirs:
        return ""
    r = ours / theirs
    return "%.1f× slower" % r if r >= 1 else "%.1f× faster" % (1 / r)


def one_process(args, files, total_pages, summary):
    """Ours over all the files in one `tables` process (start-up paid once, as
    the Python tools pay their import once, outside their timing), --repeat
    times; the median, against each Python tool's pages/s from the table."""
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        p = subprocess.run([str(args.bin), "tables", *map(str, files), "--format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 2):
            return None
    rate = total_pages / statistics.median(times)
    others = ", ".join("%.1f× %s" % (rate / s["pages_per_s"], s["tool"].split()[0])
                       for s in summary[1:] if s["pages_per_s"])
    print("\nours, all %d files in one `tables` process: %.1f pages/s (%s)" % (len(files), rate, others))
    return rate


def print_summary(title, summary, with_detection):
    header = ["tool"]
    if with_detection:
        header += ["recall", "precision"]
    header += ["cell accuracy", "text found", "pages/s", "runs", "vs ours"]
    ours = summary[0]["pages_per_s"]
    rows = []
    for s in summary:
        r = [s["tool"]]
        if with_detection:
            r += [pct(s["gt_matched"], s["gt_tables"]), pct(s["det_matched"], s["detected"])]
        r += [pct(s["correct"], s["cells"]), pct(s["found"], s["cells"]),
              "%.1f" % s["pages_per_s"] if s["pages_per_s"] else "n/a", s["repeat"],
              vs_ours(ours, s["pages_per_s"]) if s is not summary[0] else ""]
        rows.append(r)
    print("\n" + title + "\n")
    print(md_table(header, rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "actionplan")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--camelot-repeat", type=int, default=1)
    ap.add_argument("--no-camelot", action="store_true")
    ap.add_argument("--camelot-flavor", default="lattice", choices=["lattice", "stream", "network", "hybrid"])
    ap.add_argument("--only", choices=["fixtures", "icdar"])
    ap.add_argument("--icdar", default=str(DEFAULT_ICDAR))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not args.bin.exists():
        sys.exit("%s not found: cargo build --release, or --bin PATH" % args.bin)
    args.repeat = max(1, args.repeat)
    args.camelot_repeat = max(1, args.camelot_repeat)
    global CAMELOT_FLAVOR
    CAMELOT_FLAVOR = args.camelot_flavor
    tools = available_tools(args)
    version = subprocess.run([str(args.bin), "--version"], capture_output=True, text=True).stdout.strip()
    try:
        load = "%.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = "n/a"
    meta = {"date": datetime.date.today().isoformat(), "binary": str(args.bin), "binary_version": version,
            "tools": [n for n, _, _ in tools], "repeat": args.repeat, "camelot_repeat": args.camelot_repeat,
            "cpus": os.cpu_count(), "load_before": load, "python": platform.python_version(),
            "machine": platform.platform()}
    print("%s; %s; %s CPUs, load %s; tools: %s" % (meta["date"], version or args.bin, meta["cpus"], load,
                                                 ", ".join(meta["tools"])))
    result = {"meta": meta}
    if args.only in (None, "fixtures"):
        result["fixtures"] = bench_fixtures(tools, args)
    if args.only in (None, "icdar"):
        result["icdar"] = bench_icdar(tools, args)
    try:
        meta["load_after"] = "%.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        pass
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n")
        print("\nwrote " + str(args.json))


if __name__ == "__main__":
    main()
