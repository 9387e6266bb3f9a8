#!/usr/bin/env python3
"""Plans printed by other writers, on plans the PDF work was not tuned on
(issue 21's held-out half).

`tests/writers.rs` holds the reader at a floor on four plans (Plymouth,
B&NES, Northamptonshire, Nottingham) printed by headless Chromium, reportlab
and pdfLaTeX; the rules for unruled tables were developed against those 24
PDFs. This script prints *other* Word plans the same way, with the same
generator (`fixtures/generate_browser_pdfs.py`: same styles, same fonts,
same page set-up), into a temporary folder, and measures each PDF's plan
against its Word original's with the test's two figures:

- action F1: actions equal to a Word action in every field (`source` left
  out), as a multiset;
- field accuracy: the Word actions' fields the PDF gives the same value,
  each Word action paired with a PDF action of the same id and action text.

Both up to the writer's typography, as the test: curly quotes read as
straight ones and an ellipsis as three periods on both sides (pdfLaTeX
prints ' as ’); the summary is printed both ways, and `--exact-typography`
compares only the text as printed.

The held-out plans, in two halves (`--half`):

- `dev`: `fixtures/plans/leicestershire-draft.docx`, the three
  `fixtures/edge/*.docx`, and of the layout fixtures `fixtures/layouts/*.docx`
  whose Word plan has at least three actions (in name order) the 1st, 7th,
  13th, ... (one in `--every`, default 6). Failures here may be looked at
  and fixed (by general rules).
- `test`: the 4th, 10th, 16th, ... of the same layout fixtures. Never looked
  at while developing: the figure to report.

Their table text for the generator comes from `actionplan tables` on the
.docx (the generator reads the Word grids).

    python3 bench/writers_heldout.py [--bin target/release/actionplan] \
        [--bin2 OTHER_BINARY] [--json out.json] [--keep DIR]

With `--bin2`, the same PDFs are read by both binaries (a before/after
comparison in one run). Needs chromium, python-docx, reportlab and, for the
LaTeX styles, pdflatex and lualatex (with luaotfload), for the groff styles
groff (with the ms macros) and ps2pdf; a writer that is missing is skipped
with a message. `--writers lualatex,groff` prints and reads only those
writers' styles (with `--reuse`, reads only theirs).
"""

import argparse
import importlib.util
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


# The generator's writer functions, and the prefix of their styles' names.
WRITERS = {
    "browser": "chromium-",
    "reportlab": "reportlab-",
    "latex": "latex-",
    "lualatex": "lualatex-",
    "groff": "groff-",
}


def generator():
    spec = importlib.util.spec_from_file_location(
        "generate_browser_pdfs", FIXTURES / "generate_browser_pdfs.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def plan_of(binary, path):
    r = subprocess.run([binary, "convert", "--stdout", str(path)], capture_output=True, text=True)
    if r.returncode not in (0, 1) or not r.stdout.strip():
        return None
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return None


def without_sources(v):
    if isinstance(v, dict):
        return {k: without_sources(x) for k, x in v.items() if k != "source"}
    if isinstance(v, list):
        return [without_sources(x) for x in v]
    return v


TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2026": "...",
    }
)


def typography(v):
    """`v` up to the writer's typography, as tests/writers.rs compares: curly
    quotes and primes read as straight ones, an ellipsis as three periods
    (pdfLaTeX prints ' as ’ and ... for …), in every string, keys included."""
    if isinstance(v, str):
        return v.translate(TYPOGRAPHY)
    if isinstance(v, dict):
        return {typography(k): typography(x) for k, x in v.items()}
    if isinstance(v, list):
        return [typography(x) for x in v]
    return v


FOLD = True


def actions(plan):
    out = [without_sources(a) for a in (plan or {}).get("actions", [])]
    return [typography(a) for a in out] if FOLD else out


def canon(v):
    return json.dumps(v, sort_keys=False, ensure_ascii=False)


def figures(word, pdf):
    """(action F1, field accuracy), as tests/writers.rs computes them."""
    left = Counter(canon(a) for a in pdf)
    matched = 0
    for a in word:
        k = canon(a)
        if left[k] > 0:
            left[k] -= 1
            matched += 1
    f1 = 1.0 if not word and not pdf else 2.0 * matched / (len(word) + len(pdf))

    def key(a):
        return (canon(a.get("id")), " ".join(str(a.get("action") or "").split()))

    by_key = {}
    for a in reversed(pdf):
        by_key.setdefault(key(a), []).append(a)
    same = total = 0
    for w in word:
        total += len(w)
        cands = by_key.get(key(w))
        if cands:
            p = cands.pop()
            same += sum(1 for k, v in w.items() if p.get(k) == v)
    return f1, same / max(total, 1)


def held_out(binary, every, half):
    names = []
    if half == "dev":
        names = [FIXTURES / "plans" / "leicestershire-draft.docx"]
        names += sorted((FIXTURES / "edge").glob("*.docx"))
    layouts = []
    for p in sorted((FIXTURES / "layouts").glob("*.docx")):
        plan = plan_of(binary, p)
        if plan and len(plan.get("actions", [])) >= 3:
            layouts.append(p)
    names += layouts[(0 if half == "dev" else every // 2) :: every]
    return names


def prepare(gen, bin_, every, half, work, only=None):
    """Lay out `work` for the generator `gen` and point it there: each
    held-out plan of `half` (or only those named in `only`) as
    `plans/<name>.docx` with the Word grids `actionplan tables` gives in
    `expected/<name>.tables.json`. Returns the plans the generator can print,
    as (name, path), and the PDFs' folder."""
    (work / "plans").mkdir(parents=True, exist_ok=True)
    (work / "expected").mkdir(parents=True, exist_ok=True)
    out = work / "pdf" / "writers"
    (out / "src").mkdir(parents=True, exist_ok=True)
    plans = []
    for path in held_out(bin_, every, half):
        name = f"{path.parent.name}-{path.stem}"
        if only and name not in only:
            continue
        tables = subprocess.run([bin_, "tables", str(path)], capture_output=True, text=True)
        if tables.returncode != 0:
            print(f"skip {path}: tables failed", file=sys.stderr)
            continue
        shutil.copy(path, work / "plans" / f"{name}.docx")
        (work / "expected" / f"{name}.tables.json").write_text(tables.stdout)
        plans.append((name, path))
    gen.HERE, gen.OUT, gen.SRC = work, out, out / "src"
    ok = []
    for name, path in plans:
        try:
            gen.blocks(name)  # nested tables or a table count the grids miss: skip
            gen.numbered_in_cells(name)
            ok.append((name, path))
        except Exception as e:  # noqa: BLE001 - a plan the generator cannot print
            print(f"skip {name}: {e}", file=sys.stderr)
    gen.PLANS = [n for n, _ in ok]
    print(f"{len(ok)} held-out plans; printing into {out}", file=sys.stderr)
    return ok, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "actionplan"))
    ap.add_argument("--bin2", help="a second binary to read the same PDFs")
    ap.add_argument("--every", type=int, default=6, help="one layout fixture in N")
    ap.add_argument("--half", choices=["dev", "test"], default="test")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--keep", help="write the PDFs here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="read the PDFs already in --keep, print none")
    ap.add_argument(
        "--writers",
        default=",".join(WRITERS),
        help="comma-separated writers to print and read (default all: " + ",".join(WRITERS) + ")",
    )
    ap.add_argument(
        "--exact-typography",
        action="store_true",
        help="compare the text as printed (no folding of curly quotes and ellipses)",
    )
    args = ap.parse_args()
    global FOLD
    FOLD = not args.exact_typography

    gen = generator()
    work = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="writers-heldout-"))
    ok, out = prepare(gen, args.bin, args.every, args.half, work)
    writers = [WRITERS[w] for w in args.writers.split(",")]
    for writer in () if args.reuse else [getattr(gen, w) for w in args.writers.split(",")]:
        try:
            writer()
        except Exception as e:  # noqa: BLE001 - a writer missing here
            print(f"{writer.__name__}: skipped ({e})", file=sys.stderr)

    bins = [args.bin] + ([args.bin2] if args.bin2 else [])
    rows = []
    for name, path in ok:
        word_plan = plan_of(args.bin, path)
        word = actions(word_plan)
        word_exact = [without_sources(a) for a in (word_plan or {}).get("actions", [])]
        for pdf in sorted(out.glob(f"{name}-*.pdf")):
            style = pdf.stem[len(name) + 1 :]
            if not any(style.startswith(prefix) for prefix in writers):
                continue
            plans = [plan_of(b, pdf) for b in bins]
            figs = [figures(word, actions(p)) for p in plans]
            # The other comparison too, from the same reading: text as
            # printed (no typography folded).
            exact = [
                figures(word_exact, [without_sources(a) for a in (p or {}).get("actions", [])])
                for p in plans
            ]
            rows.append(
                {
                    "plan": name,
                    "style": style,
                    "word_actions": len(word),
                    "figures": figs,
                    "figures_exact_typography": exact,
                }
            )

    head = "| plan | style | Word actions | " + " | ".join(
        f"F1 / fields ({pathlib.Path(b).name})" for b in bins
    ) + " |"
    print(head)
    print("|" + "---|" * (3 + len(bins)))
    for r in rows:
        cells = " | ".join(f"{f1:.2f} / {fa:.2f}" for f1, fa in r["figures"])
        print(f"| {r['plan']} | {r['style']} | {r['word_actions']} | {cells} |")
    print()
    def summary(key):
        print("| style | PDFs | " + " | ".join(f"mean F1 / fields ({pathlib.Path(b).name})" for b in bins) + " |")
        print("|" + "---|" * (2 + len(bins)))
        for s in styles + ["all"]:
            sel = [r for r in rows if s == "all" or r["style"] == s]
            cells = []
            for i in range(len(bins)):
                f1 = sum(r[key][i][0] for r in sel) / len(sel)
                fa = sum(r[key][i][1] for r in sel) / len(sel)
                cells.append(f"{f1:.2f} / {fa:.2f}")
            print(f"| {s} | {len(sel)} | " + " | ".join(cells) + " |")

    styles = sorted({r["style"] for r in rows})
    summary("figures")
    if FOLD:
        print()
        print("Text as printed (no typography folded):")
        print()
        summary("figures_exact_typography")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"bins": bins, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
