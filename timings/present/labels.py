"""A column's header: a built-in column's (texts.COLUMN_LABELS) or the metric's own label."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec import Lang, text
from .texts import COLUMN_LABELS

if TYPE_CHECKING:
    from ..results import Result


def column_label(result: Result, column: str, lang: Lang) -> str:
    if column in COLUMN_LABELS:
        return text(COLUMN_LABELS[column], lang)
    for metric in result.bench.metrics:
        if metric.key == column:
            return text(metric.label, lang)
    raise KeyError(f"timing {result.bench.id!r} has no column {column!r}")


def plain(label: str) -> str:
    """A label without Markdown code marks, for places that show text as is (charts)."""
    return label.replace("`", "")
