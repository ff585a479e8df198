"""How a Decimal is written out: one text per value, for the data layer and the number formats."""

from __future__ import annotations

from decimal import Decimal


def plain(dec: Decimal, group: bool = False) -> str:
    """A Decimal without exponent or trailing zeros (590000000, 5.9); thousands separators when
    group is true."""
    dec = dec.normalize()
    if dec == dec.to_integral_value():
        dec = dec.quantize(Decimal(1))
    text = f"{dec:,f}" if group else f"{dec:f}"
    return text
