"""Numbers as the card shows them: the flight-risk meter and salaries."""

from __future__ import annotations

SEGMENTS = 10
FILLED = "▰"
EMPTY = "▱"
_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


def meter_segments(percent: int) -> int:
    """Filled segments out of ten for ``percent``.

    Rounding: down to the segment the percentage has fully reached (85 % → 8), so the bar never overstates, except that
    any non-zero risk fills at least one segment (1 % → 1) so a small risk is still visible. 0 → 0, 100 → 10; values
    outside 0-100 are clamped.
    """
    percent = max(0, min(100, percent))
    if percent == 0:
        return 0
    return max(1, percent * SEGMENTS // 100)


def risk_meter(percent: int) -> str:
    """``▰▰▰▰▰▰▰▰▱▱`` for 85 %."""
    filled = meter_segments(percent)
    return FILLED * filled + EMPTY * (SEGMENTS - filled)


def format_money(amount: int, currency: str) -> str:
    """``$146,027`` for USD, ``£``/``€`` for GBP/EUR, else ``146,027 CAD``."""
    symbol = _SYMBOLS.get(currency)
    figure = f"{amount:,}"
    return f"{symbol}{figure}" if symbol else f"{figure} {currency}"
