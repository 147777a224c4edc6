"""Where kg may write: never into an Oxigraph store's folder. Kept apart from kg.graph.store so
that ``kg extract`` checks its output path without importing rdflib and pyoxigraph."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import InputError

FORMAT_FILE = "kg-store.json"  # a kg store's layout version (kg.graph.store.STORE_FORMAT)


def is_store_folder(folder: Path) -> bool:
    """True for a folder holding an Oxigraph (RocksDB) store."""
    return (folder / "CURRENT").is_file() and ((folder / "IDENTITY").is_file() or (folder / FORMAT_FILE).is_file())


def check_output_path(path: str | os.PathLike[str], store_path: str | os.PathLike[str] | None = None) -> Path:
    """``path`` when writing there cannot touch a store; InputError when it is the store folder
    ``store_path``, lies inside it, or inside any folder holding an Oxigraph store
    (``kg export -o STORE/CURRENT`` would overwrite a file of the store and corrupt it)."""
    target = Path(path).expanduser().resolve()
    stores = [Path(store_path).expanduser().resolve()] if store_path is not None else []
    stores += [folder for folder in (target, *target.parents) if is_store_folder(folder)]
    for store in stores:
        if target == store or store in target.parents:
            raise InputError(
                f"refusing to write {path}: it is inside the store at {store}, whose files only the "
                "store may write; choose a path outside the store folder"
            )
    return Path(path)
