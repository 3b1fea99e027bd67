"""Salary amounts ("146027", "$146,027", "€60.000") and their currency, from a symbol or the region quoted."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_CURRENCY = "USD"
DOLLAR = "$"
# The only currency tables: a symbol names its currency; a bare "$" takes the region's dollar, else USD.
CURRENCY_BY_SYMBOL = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
}
CURRENCY_BY_REGION = {
    "united states": "USD",
    "the united states": "USD",
    "usa": "USD",
    "us": "USD",
    "united kingdom": "GBP",
    "the united kingdom": "GBP",
    "uk": "GBP",
    "england": "GBP",
    "scotland": "GBP",
    "wales": "GBP",
    "germany": "EUR",
    "france": "EUR",
    "spain": "EUR",
    "italy": "EUR",
    "netherlands": "EUR",
    "the netherlands": "EUR",
    "ireland": "EUR",
    "portugal": "EUR",
    "austria": "EUR",
    "belgium": "EUR",
    "finland": "EUR",
    "eurozone": "EUR",
    "the eurozone": "EUR",
    "canada": "CAD",
    "india": "INR",
    "australia": "AUD",
}
DOLLAR_CURRENCIES = frozenset({"USD", "CAD", "AUD"})

AMOUNT_HINT = "an amount like 146027, 146,027, $146,027 or €60.000"
_AMOUNT = re.compile(r"(?P<pre>[^\d\s]*)\s*(?P<number>\d(?:[\d.,' \u00a0\u202f]*\d)?)\s*(?P<post>[^\d\s]*)")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[,.' \u00a0\u202f])\d{3})(?:(?P=sep)\d{3})*")
_DECIMAL = re.compile(
    r"(?P<whole>\d+|\d{1,3}(?:(?P<sep>[,.' \u00a0\u202f])\d{3})(?:(?P=sep)\d{3})*)(?P<point>[.,])\d{1,2}"
)
_REGION = re.compile(r"salary quoted for\s+(?P<region>[^,.;:(]+?)(?=\s*[,.;:(]|\s+which\b|\s+and\b|$)", re.IGNORECASE)


class AmountError(ValueError):
    """An amount line that is not a whole market average in a known currency."""


def parse_amount(text: str) -> tuple[int, str | None]:
    """The whole amount and the currency its symbol or code names (``"$"`` gives ``"$"``; none gives None).

    Cents are rounded half up; thousands may be grouped with one of , . ' or a space, used consistently.
    """
    found = _AMOUNT.fullmatch(text.strip())
    if found is None:
        raise AmountError(f"expected {AMOUNT_HINT}, found {text!r}")
    pre, post = found["pre"], found["post"]
    if pre and post:
        raise AmountError(f"expected one currency sign, found {pre!r} and {post!r} in {text!r}")
    return _number(found["number"], text), _currency(pre or post, text)


def _number(number: str, text: str) -> int:
    if number.isdigit():
        return int(number)
    if _GROUPED.fullmatch(number):
        return int(re.sub(r"\D", "", number))
    decimal = _DECIMAL.fullmatch(number)
    if decimal is not None and decimal["point"] != decimal["sep"]:
        whole = re.sub(r"\D", "", decimal["whole"])
        cents = number[len(decimal["whole"]) + 1 :]
        return int(Decimal(f"{whole}.{cents}").quantize(Decimal(1), rounding=ROUND_HALF_UP))
    raise AmountError(f"expected {AMOUNT_HINT} (thousands grouped consistently), found {text!r}")


def _currency(sign: str, text: str) -> str | None:
    if not sign:
        return None
    if sign == DOLLAR:
        return DOLLAR
    if sign in CURRENCY_BY_SYMBOL:
        return CURRENCY_BY_SYMBOL[sign]
    if re.fullmatch(r"[A-Za-z]{3}", sign):
        return sign.upper()
    known = " ".join([DOLLAR, *CURRENCY_BY_SYMBOL])
    raise AmountError(f"unknown currency sign {sign!r} in {text!r}; use one of {known} or an ISO code such as EUR")


def region_currency(note: str) -> str | None:
    """The currency of the region a "Salary quoted for <region>, …" note names, when the region is known."""
    found = _REGION.search(note)
    return CURRENCY_BY_REGION.get(" ".join(found["region"].lower().split())) if found else None


def resolve_currency(sign_currency: str | None, note: str) -> str:
    """A symbol's currency wins; a bare "$" or no symbol takes the noted region's currency; else USD."""
    region = region_currency(note)
    if sign_currency == DOLLAR:
        return region if region in DOLLAR_CURRENCIES else DEFAULT_CURRENCY
    return sign_currency or region or DEFAULT_CURRENCY
