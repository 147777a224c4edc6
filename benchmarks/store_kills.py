"""SIGKILLs of the store's write paths survived (fuzz/kill_store.py): bulk writes of new
articles, in-place replacements, `kg compact`.

    .venv/bin/python benchmarks/store_kills.py [--kills 20]

Writes benchmarks/results/store_kills.json and its section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import _common as c

NAME = "store_kills"


def _kill_store() -> Any:
    spec = importlib.util.spec_from_file_location("kill_store", c.ROOT / "fuzz" / "kill_store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_store"] = module
    spec.loader.exec_module(module)
    return module


def run(kills: int) -> dict[str, Any]:
    ks = _kill_store()
    work = Path(tempfile.mkdtemp(prefix="kg-store-kills-"))
    try:
        writes = ks.kill_writes(work / "writes", kills, seed=16).as_json()
        nquads = ks.kill_writes(work / "nquads", kills, seed=18, via="nquads").as_json()
        compaction = ks.kill_compaction(work / "compaction", max(1, kills // 4), seed=17).as_json()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    data = {"writes": writes, "nquads": nquads, "compaction": compaction, "articles": ks.ARTICLES, "group": ks.GROUP}
    c.write_result(NAME, data, _markdown(data))
    return data


def _markdown(d: dict[str, Any]) -> str:
    w, n, k = d["writes"], d["nquads"], d["compaction"]
    return f"""## Store kills (issue 16)

{c.header_lines(".venv/bin/python benchmarks/store_kills.py", c.machine())}

`fuzz/kill_store.py`: a writer stores {d["articles"]} synthetic articles with `Store.put_graphs`,
{d["group"]} a call (through the bulk loader), then a second version of each (in-place replacement),
and is SIGKILLed at random moments of that run ({w["full_s"]:.1f} s unkilled); after each kill the
store is opened for writing, every article graph must be exactly one version of its article and
the shared entity graph hold only known statements; a last run must finish. Then `kg compact` of
a store whose articles were all replaced is killed at random moments. The writer runs again with
`Store.put_nquads`, each group as one Dask partition's N-Quads (new articles straight to the bulk
loader, {n["full_s"]:.1f} s unkilled).

| path | kills | survived | finished before the kill | kills that left a bulk load's files | problems |
|---|---|---|---|---|---|
| bulk writes and replacements | {w["kills"]} | {w["survived"]} | {w["finished_before_kill"]} | {w["unfinished_bulk_loads"]} | {len(w["problems"])} |
| `put_nquads` partitions (bulk writes and replacements) | {n["kills"]} | {n["survived"]} | {n["finished_before_kill"]} | {n["unfinished_bulk_loads"]} | {len(n["problems"])} |
| `kg compact` | {k["kills"]} | {k["survived"]} | {k["finished_before_kill"]} | – | {len(k["problems"])} |
{"".join(f"{chr(10)}- {p}" for p in (w["problems"] + n["problems"] + k["problems"])[:10])}
"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    a = ap.parse_args()
    result = run(a.kills)
    print(result["writes"], result["nquads"], result["compaction"])
