"""The booklet PDF: WeasyPrint's time on lp-coach's guide against plain HTML of the same text.

Target (issue 24): `guide --all --format pdf` takes at most 1.2x WeasyPrint's time on the same
HTML without lp-coach's stylesheet. CPU time of the rendering, in alternating rounds in one
process (CPU, not wall time: other work on a shared machine stretches wall time alone).
Needs the pdf extra. Run:  python bench/guide_pdf.py [--runs N] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import lp_coach  # bench/common.py, beside this script

TARGET = 1.2


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def booklet_html(work: Path) -> str:
    env = dict(os.environ, LP_COACH_HOME=str(work / "home"))
    out = work / "all.html"
    args = [lp_coach(), "guide", "--all", "--format", "html", "--out", str(out)]
    subprocess.run(args, env=env, check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep both PDFs here, to look at them")
    opts = parser.parse_args()
    from weasyprint import HTML

    with tempfile.TemporaryDirectory(prefix="lp-coach-pdf-") as tmp:
        ours = booklet_html(Path(tmp))
    plain = re.sub(r"<style>.*?</style>", "", ours, flags=re.S)
    cases = {"lp-coach's booklet": ours, "plain HTML, same text": plain}
    HTML(string="<p>warm</p>").write_pdf()
    times: dict[str, list[float]] = {name: [] for name in cases}
    pdfs: dict[str, bytes] = {}
    for _ in range(opts.runs):
        for name, html in cases.items():
            start = cpu()
            pdfs[name] = HTML(string=html).write_pdf()
            times[name].append(cpu() - start)
    for name, samples in times.items():
        print(f"{name:24} {statistics.median(samples):6.2f}s CPU  ({len(pdfs[name]) // 1024} KB)")
    ratio = statistics.median(times["lp-coach's booklet"]) / statistics.median(
        times["plain HTML, same text"]
    )
    print(f"ratio {ratio:.2f}x (target {TARGET}x: {'ok' if ratio <= TARGET else 'MISSED'})")
    if opts.out:
        opts.out.mkdir(parents=True, exist_ok=True)
        for name, pdf in zip(("booklet", "plain"), pdfs.values(), strict=True):
            (opts.out / f"{name}.pdf").write_bytes(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
