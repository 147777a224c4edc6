"""Run every benchmark in turn and rebuild benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only actor_stage,extraction,long_article,store,view]

--quick uses smaller sizes (a part of ANERcorp, 100,000 triples, no 20,000-event page); the
committed results come from a full run. Benchmarks that need ../shared/eval or Chromium say so
and are skipped when it is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c  # noqa: E402

ALL = c.ORDER


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes, fewer rounds")
    ap.add_argument("--only", default=",".join(ALL), help=f"comma-separated subset of {', '.join(ALL)}")
    a = ap.parse_args()
    names = [n.strip() for n in a.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in ALL]
    if unknown:
        ap.error(f"unknown benchmark(s) {', '.join(unknown)}; valid: {', '.join(ALL)}")
    failed = []
    for name in names:
        t0 = time.perf_counter()
        print(f"== {name}", flush=True)
        # each in its own process: memory and first-call figures are its own
        done = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py"), *(["--quick"] if a.quick else [])], check=False
        )
        if done.returncode != 0:  # one broken benchmark must not cost the others their figures
            failed.append(name)
        print(f"== {name}: {time.perf_counter() - t0:.0f} s", flush=True)
    c.render_results()
    print(f"wrote {c.RESULTS_MD}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
