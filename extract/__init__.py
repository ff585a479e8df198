"""Numbers and units in Chinese text: exact quantities with offsets, and draft observations."""

from __future__ import annotations

from extract.dates import find_dates
from extract.numerals import parse_number
from extract.propose import Candidate, propose
from extract.quantity import QUALIFIERS, ExtractError, Quantity
from extract.scanner import find_quantities, parse_quantity
from extract.units import UNITS, Unit, lookup_unit

# Bump when find_quantities may return something else for the same text (povdash caches results
# on disk keyed by this and a digest of extract's sources).
__version__ = "1.2"

__all__ = [
    "QUALIFIERS",
    "UNITS",
    "Candidate",
    "ExtractError",
    "Quantity",
    "Unit",
    "find_dates",
    "find_quantities",
    "lookup_unit",
    "parse_number",
    "parse_quantity",
    "propose",
]
