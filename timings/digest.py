"""The one digest every cache of the site is keyed by: timing results, charts, the build cache of
`hooks/build_cache.py` and the notebooks' folders of `hooks/notebooks.py`. Standard library only."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(*parts: object, length: int = 16) -> str:
    """A hex digest of `parts`: bytes as they are, a `Path` by its contents, anything else by its
    `repr` (so a tuple of versions, names and numbers hashes the same in every process)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            part = part.read_bytes()
        elif not isinstance(part, bytes):
            part = repr(part).encode()
        h.update(len(part).to_bytes(8, "little"))  # (b"ab", b"c") and (b"a", b"bc") differ
        h.update(part)
    return h.hexdigest()[:length]
