"""Child processes that die with their parent.

A `kg build --workers N` killed with SIGKILL cannot stop its workers, the multiprocessing fork
server or an Oxigraph server it started: they would be orphaned and live on (each ~100 MB). On
Linux a process can ask the kernel to signal it when its parent dies (``prctl`` with
``PR_SET_PDEATHSIG``); kg asks it in every child it starts:

- the fork server of ``--workers`` (imported there as ``kg._die_with_parent``), and through its
  initializer every worker the fork server makes;
- Dask's local workers (the same module as a worker preload);
- the ``oxigraph`` server of ``kg serve`` (started as ``python -m kg.lifetime oxigraph ...``,
  which asks and then becomes the server).

Children also stay in their parent's process group, so Ctrl-C in a terminal or a
``kill -- -PGID`` reaches them all at once. Elsewhere than Linux the request is a no-op.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> bool:
    """Have the kernel send ``sig`` to this process when its parent exits. If the parent is
    already gone (``parent`` given and no longer ours, or adopted by init), exit at once.
    Returns False where unsupported (not Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (AttributeError, OSError):
        return False
    if os.getppid() == 1 or (parent is not None and os.getppid() != parent):
        os._exit(1)  # the parent died before the request was made
    return True


def main(argv: list[str]) -> None:
    """``python -m kg.lifetime PROGRAM ARGS...``: run PROGRAM so that it dies with the process
    that started this one (the parent's pid is in $KG_PARENT_PID)."""
    if not argv:
        sys.exit("usage: python -m kg.lifetime PROGRAM [ARGS...]")
    parent = os.environ.get("KG_PARENT_PID")
    die_with_parent(signal.SIGTERM, int(parent) if parent and parent.isdigit() else None)
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
