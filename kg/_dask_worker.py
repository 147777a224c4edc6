"""Imported by each worker process of kg's local Dask cluster (a worker preload): it dies with
the `kg build` that started it (see kg.lifetime), keeps ignoring SIGINT (it starts so, see
kg.batch._connect_dask: Ctrl-C is the build's to handle), and logs only critical errors, since
kg reports every failed document itself and a worker stopped with its cluster would otherwise
log that the scheduler went away."""

import logging
import signal

from kg.lifetime import die_with_parent

die_with_parent()
signal.signal(signal.SIGINT, signal.SIG_IGN)
logging.getLogger("distributed").setLevel(logging.CRITICAL)
