#!/usr/bin/env python3
"""The held-out plans printed by two more writers, WeasyPrint and Typst
(issue 21, twelfth pass).

The same halves and figures as `bench/writers_heldout.py` (its functions
are imported: which plans are in `--half dev` / `--half test`, how a PDF's
plan is read and compared with its Word original's, up to the writer's
typography), but printed by `fixtures/generate_more_writers.py`: WeasyPrint
(the Chromium generator's HTML pages: bordered, booktabs, zebra) and Typst
(`#table`: ruled, booktabs, zebra). Neither writer had been seen by the
reader before this pass; the test half is the figure to quote.

    python3 bench/writers_more.py --half test [--bin BIN] [--bin2 BIN2] \
        [--keep DIR] [--reuse] [--json out.json] [--only weasyprint|typst]

A writer that is not installed is skipped with a message. `--generator
fixtures/OTHER.py` measures another generator's writers the same way (any
module with `gen`, the imported Chromium generator, and `WRITERS`, a name
-> function dict that prints every prepared plan into `gen`'s folder).
"""

import argparse
import importlib.util
import json
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


held = load("writers_heldout", ROOT / "bench" / "writers_heldout.py")


def generator(argv):
    """The generator module named by `--generator` (default: WeasyPrint and
    Typst's), read before the other options so that `--only` can list its
    writers."""
    path = ROOT / "fixtures" / "generate_more_writers.py"
    for i, a in enumerate(argv):
        if a == "--generator" and i + 1 < len(argv):
            path = pathlib.Path(argv[i + 1]).resolve()
        elif a.startswith("--generator="):
            path = pathlib.Path(a.split("=", 1)[1]).resolve()
    return load(path.stem, path)


def main():
    more = generator(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--generator",
        default=str(ROOT / "fixtures" / "generate_more_writers.py"),
        help="a generator module with `gen` (the Chromium generator, imported) and `WRITERS` (name -> function)",
    )
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "actionplan"))
    ap.add_argument("--bin2", help="a second binary to read the same PDFs")
    ap.add_argument("--every", type=int, default=6, help="one layout fixture in N")
    ap.add_argument("--half", choices=["dev", "test"], default="test")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--keep", help="write the PDFs here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="read the PDFs already in --keep, print none")
    ap.add_argument("--only", choices=sorted(more.WRITERS), help="one writer only")
    ap.add_argument("--plan", action="append", help="only this held-out plan (repeatable)")
    ap.add_argument("--exact-typography", action="store_true", help="compare the text as printed")
    args = ap.parse_args()
    held.FOLD = not args.exact_typography

    gen = more.gen
    work = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="writers-more-"))
    ok, out = held.prepare(gen, args.bin, args.every, args.half, work, args.plan)
    writers = [args.only] if args.only else list(more.WRITERS)
    if not args.reuse:
        for w in writers:
            try:
                more.WRITERS[w]()
            except Exception as e:  # noqa: BLE001
                print(f"{w}: failed ({e})", file=sys.stderr)

    bins = [args.bin] + ([args.bin2] if args.bin2 else [])
    rows = []
    for name, path in ok:
        word_plan = held.plan_of(args.bin, path)
        word = held.actions(word_plan)
        word_exact = [held.without_sources(a) for a in (word_plan or {}).get("actions", [])]
        for w in writers:
            for pdf in sorted(out.glob(f"{name}-{w}-*.pdf")):
                style = pdf.stem[len(name) + 1 :]
                got = [held.plan_of(b, pdf) for b in bins]
                rows.append(
                    {
                        "plan": name,
                        "style": style,
                        "word_actions": len(word),
                        "figures": [held.figures(word, held.actions(p)) for p in got],
                        "figures_exact_typography": [
                            held.figures(word_exact, [held.without_sources(a) for a in (p or {}).get("actions", [])])
                            for p in got
                        ],
                    }
                )

    names = [pathlib.Path(b).name for b in bins]
    print("| plan | style | Word actions | " + " | ".join(f"F1 / fields ({n})" for n in names) + " |")
    print("|" + "---|" * (3 + len(bins)))
    for r in rows:
        cells = " | ".join(f"{f1:.2f} / {fa:.2f}" for f1, fa in r["figures"])
        print(f"| {r['plan']} | {r['style']} | {r['word_actions']} | {cells} |")
    print()

    styles = sorted({r["style"] for r in rows})
    groups = styles + sorted({s.split("-")[0] for s in styles}) + ["all"]

    def summary(key):
        print("| style | PDFs | " + " | ".join(f"mean F1 / fields ({n})" for n in names) + " |")
        print("|" + "---|" * (2 + len(bins)))
        for g in groups:
            sel = [r for r in rows if g == "all" or r["style"] == g or r["style"].startswith(g + "-")]
            if not sel:
                continue
            cells = []
            for i in range(len(bins)):
                f1 = sum(r[key][i][0] for r in sel) / len(sel)
                fa = sum(r[key][i][1] for r in sel) / len(sel)
                cells.append(f"{f1:.2f} / {fa:.2f}")
            print(f"| {g} | {len(sel)} | " + " | ".join(cells) + " |")

    summary("figures")
    if held.FOLD:
        print("\nText as printed (no typography folded):\n")
        summary("figures_exact_typography")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"bins": bins, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
