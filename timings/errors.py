"""The engine's one error. Standard library only: the measuring subprocess imports it."""

from __future__ import annotations


class TimingError(Exception):
    """A timing marker, benchmark or measurement that cannot produce a table. Fails the build."""
