"""How numbers read: durations, shares, plain numbers. Standard library only (benchmark modules'
readings use it, and the measuring subprocess imports those modules)."""

from __future__ import annotations

import math


def number(value: float) -> str:
    """At least three significant digits, never an exponent: 0.054, 1.25, 12.5, 1,250."""
    size = abs(value)
    if size >= 100 or value == 0:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    digits = 2 - math.floor(math.log10(size))  # 0.054 -> 3 decimals
    return f"{value:.{digits}f}"


def seconds(value: float) -> str:
    """A duration in the unit that reads best, with at least three significant digits."""
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{number(value * 1e3)} ms"
    return f"{number(value * 1e6)} µs"


def percent(value: float, lang: str) -> str:
    """A share, typeset as each language writes it: "86 %" in English (as the pages do), "86%" in Chinese."""
    return f"{value * 100:.0f} %" if lang == "en" else f"{value * 100:.0f}%"


def time_scale(largest: float) -> tuple[float, str]:
    """A factor and unit so that the largest time reads as a plain number."""
    if largest >= 1:
        return 1.0, "s"
    if largest >= 1e-3:
        return 1e3, "ms"
    return 1e6, "µs"
