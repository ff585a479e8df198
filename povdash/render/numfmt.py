"""Numbers as each language reads them: 5.9亿元 and 1.2万户, or 590 M yuan and 12 K households.

Printed figures keep every digit that was printed (Decimal arithmetic, no rounding); derived figures
(normalised values) are shown to three significant digits, because their extra digits mean nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from povdash.data.decimals import plain

# Canonical unit code -> (Chinese unit written after the number, English singular, English plural).
UNITS: dict[str, tuple[str, str, str]] = {
    "yuan": ("元", "yuan", "yuan"),
    "person": ("人", "person", "people"),
    "household": ("户", "household", "households"),
    "person_time": ("人次", "person-time", "person-times"),
    "percent": ("%", "%", "%"),
    "percent_point": ("个百分点", "percentage point", "percentage points"),
    "kW": ("千瓦", "kW", "kW"),
    "kWh": ("千瓦时", "kWh", "kWh"),
    "t": ("吨", "t", "t"),
    "kg": ("千克", "kg", "kg"),
    "km2": ("平方公里", "km²", "km²"),
    "km": ("公里", "km", "km"),
    "m3": ("立方米", "m³", "m³"),
    "mu": ("亩", "mu", "mu"),
    "head": ("头", "head", "head"),
    "times": ("次", "time", "times"),
    "count": ("个", "", ""),
}

# count:<thing> -> (Chinese classifier + noun, English singular, English plural); README vocabulary.
COUNT_THINGS: dict[str, tuple[str, str, str]] = {
    "village": ("个行政村", "village", "villages"),
    "township": ("个乡镇", "township", "townships"),
    "subdistrict": ("个街道", "subdistrict", "subdistricts"),
    "county": ("个县(市、区)", "county", "counties"),
    "department": ("个部门", "department", "departments"),
    "project": ("个项目", "project", "projects"),
    "post": ("个岗位", "post", "posts"),
    "enterprise": ("家企业", "enterprise", "enterprises"),
    "cooperative": ("家合作社", "cooperative", "cooperatives"),
    "record": ("条记录", "record", "records"),
    "risk_point": ("个风险隐患点", "risk point", "risk points"),
    "problem": ("个问题", "problem", "problems"),
    "round": ("轮", "round", "rounds"),
    "phase": ("期", "phase", "phases"),
    "group": ("个组", "group", "groups"),
    "park": ("个产业园", "park", "parks"),
    "drug": ("种药品", "drug", "drugs"),
    "route": ("条线路", "route", "routes"),
    "vehicle": ("辆车", "vehicle", "vehicles"),
    "base_station": ("个基站", "base station", "base stations"),
    "site": ("处", "site", "sites"),
}

# Units written straight after the number with no space in English.
_EN_TIGHT = {"percent"}
# (threshold, divisor, word): English switches to K only from 10,000 up, so 9,813 stays whole.
_ZH_MAGNITUDES = (
    (Decimal(10) ** 8, Decimal(10) ** 8, "亿"),
    (Decimal(10) ** 4, Decimal(10) ** 4, "万"),
)
_EN_MAGNITUDES = (
    (Decimal(10) ** 9, Decimal(10) ** 9, "B"),
    (Decimal(10) ** 6, Decimal(10) ** 6, "M"),
    (Decimal(10) ** 4, Decimal(10) ** 3, "K"),
)


def _unit_parts(unit: str) -> tuple[str, str, str]:
    """(zh, en singular, en plural) for a canonical unit code; unknown codes show as themselves."""
    if unit in UNITS:
        return UNITS[unit]
    if unit.startswith("count:"):
        thing = unit.split(":", 1)[1]
        if thing in COUNT_THINGS:
            return COUNT_THINGS[thing]
        words = thing.replace("_", " ")
        return (f"个{words}", words, f"{words}s")
    return (unit, unit, unit)


def unit_label(unit: str, lang: str) -> str:
    """The unit's name for an axis title: 户 / households; 'both' gives '户 / households'."""
    zh, _, en = _unit_parts(unit)
    if unit == "count":
        zh, en = "个", "count"
    zh = zh.removeprefix("个") if len(zh) > 1 and zh.startswith("个") else zh
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en else f"{zh} / {en}"


def to_decimal(value: object) -> Decimal | None:
    """A Decimal from a number or numeric string (floats via their repr); None if not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return Decimal(float.__repr__(value))  # numpy floats repr as np.float64(...)
    try:
        dec = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return dec if dec.is_finite() else None


def _decimals(dec: Decimal) -> int:
    """Number of digits after the decimal point once trailing zeros are gone."""
    exponent = dec.normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _scaled(
    dec: Decimal, magnitudes: tuple[tuple[Decimal, Decimal, str], ...]
) -> tuple[Decimal, str]:
    """The largest magnitude that leaves at most two decimals, so no printed digit is lost.

    English also wants fewer than 1,000 of a K or M (68,868,400 rather than 68,868.4 K).
    """
    for i, (threshold, divisor, word) in enumerate(magnitudes):
        if abs(dec) >= threshold:
            scaled = dec / divisor
            too_many = word in ("K", "M") and abs(scaled) >= 1000 and i > 0
            if _decimals(scaled) <= 2 and not too_many:
                return scaled, word
    return dec, ""


def format_number(value: object, lang: str) -> str:
    """A bare number the way a language reads it: 59000 -> '5.9万' (zh) / '59 K' (en)."""
    dec = to_decimal(value)
    if dec is None:
        return "—"
    if lang == "zh":
        scaled, word = _scaled(dec, _ZH_MAGNITUDES)
        return f"{plain(scaled, group=False)}{word}"
    scaled, word = _scaled(dec, _EN_MAGNITUDES)
    return f"{plain(scaled, group=True)} {word}".rstrip() if word else plain(scaled, group=True)


def format_value(value: object, unit: str, lang: str) -> str:
    """A printed figure with its unit: 590000000 yuan -> '5.9亿元' (zh) / '590 M yuan' (en).

    Exact: every printed digit stays. lang 'both' gives 'zh / en'. Missing values give '—'.
    """
    if lang == "both":
        zh, en = format_value(value, unit, "zh"), format_value(value, unit, "en")
        return zh if zh == en else f"{zh} / {en}"
    dec = to_decimal(value)
    if dec is None:
        return "—"
    zh_unit, en_one, en_many = _unit_parts(unit)
    if unit in ("percent", "percent_point"):
        # Rates read as printed: 46.78% never becomes 0.4678 or 46.8.
        number = plain(dec, group=lang == "en")
        if unit == "percent":
            return f"{number}%"
        return f"{number}{zh_unit}" if lang == "zh" else f"{number} pp"
    number = format_number(dec, lang)
    if lang == "zh":
        return f"{number}{zh_unit}"
    noun = en_one if dec == 1 else en_many
    if not noun:
        return number
    joiner = "" if unit in _EN_TIGHT else " "
    return f"{number}{joiner}{noun}"


# Qualifier -> (Chinese word, where it stands, English words before the number). Chinese puts
# 余 between the digits and their magnitude (3000余个, 40余亿元), 约/不足/最多 before the number
# and 以上 after the unit (50%以上), as reports print them.
QUALIFIERS: dict[str, tuple[str, str, str]] = {
    "more_than": ("余", "infix", "more than"),
    "about": ("约", "prefix", "about"),
    "at_least": ("以上", "suffix", "at least"),
    "at_most": ("最多", "prefix", "at most"),
    "less_than": ("不足", "prefix", "less than"),
}
RANGE_JOINER = {"zh": "至", "en": "–"}


def format_figure(
    value: object,
    unit: str,
    lang: str,
    qualifier: object = "exact",
    value_max: object = None,
) -> str:
    """A figure with its qualifier, wherever its number is shown: 3000余个 / 'more than 3,000
    posts', 50%以上 / 'at least 50%', 1至2人 / '1–2 people'. Exact figures as format_value."""
    if lang == "both":
        zh = format_figure(value, unit, "zh", qualifier, value_max)
        en = format_figure(value, unit, "en", qualifier, value_max)
        return zh if zh == en else f"{zh} / {en}"
    dec = to_decimal(value)
    qualifier = qualifier if isinstance(qualifier, str) else "exact"
    if dec is None or qualifier == "exact":
        return format_value(dec, unit, lang)
    if qualifier == "range":
        high = to_decimal(value_max)
        if high is None:
            return format_value(dec, unit, lang)
        low = _bare(dec, unit, lang)
        return f"{low}{RANGE_JOINER[lang]}{format_value(high, unit, lang)}"
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {sorted(QUALIFIERS)}")
    word, place, english = QUALIFIERS[qualifier]
    if lang == "en":
        return f"{english} {format_value(dec, unit, lang)}"
    if place == "prefix":
        return f"{word}{format_value(dec, unit, lang)}"
    if place == "suffix":
        return f"{format_value(dec, unit, lang)}{word}"
    digits, magnitude, rest = _zh_parts(dec, unit)
    return f"{digits}{word}{magnitude}{rest}"


def figure_of(row: Mapping[str, object], lang: str) -> str:
    """A table row's figure with its qualifier: the exact value (value_exact, else value), unit,
    qualifier and value_max, as format_figure writes them."""
    exact = row.get("value_exact")
    value = exact if to_decimal(exact) is not None else row.get("value")
    return format_figure(
        value, str(row.get("unit")), lang, row.get("qualifier", "exact"), row.get("value_max")
    )


def _bare(dec: Decimal, unit: str, lang: str) -> str:
    """The number of a figure without its unit, as format_value writes it (a range's low end)."""
    if unit in ("percent", "percent_point"):
        return plain(dec, group=lang == "en")
    return format_number(dec, lang)


def _zh_parts(dec: Decimal, unit: str) -> tuple[str, str, str]:
    """A Chinese figure in three: digits, magnitude word, unit ('40', '亿', '元')."""
    if unit in ("percent", "percent_point"):
        return plain(dec, group=False), "", _unit_parts(unit)[0]
    scaled, word = _scaled(dec, _ZH_MAGNITUDES)
    return plain(scaled, group=False), word, _unit_parts(unit)[0]


def round_significant(value: float, digits: int = 3) -> Decimal | None:
    """A derived value kept to a few significant digits (it has no printed digits to respect)."""
    dec = to_decimal(value)
    if dec is None:
        return None
    if dec == 0:
        return Decimal(0)
    shift = digits - dec.adjusted() - 1
    return dec.quantize(Decimal(1).scaleb(-shift))


def format_derived(
    value: object,
    unit: str,
    lang: str,
    digits: int = 3,
    qualifier: object = "exact",
    value_max: object = None,
) -> str:
    """A computed figure (e.g. per 10,000 residents) to three significant digits, with its unit
    and the qualifier of the figure it was computed from (more than 3000 stays 'more than')."""
    return format_figure(
        _rounded(value, digits), unit, lang, qualifier, _rounded(value_max, digits)
    )


def _rounded(value: object, digits: int) -> Decimal | None:
    """A number kept to `digits` significant digits; None when it is not a number."""
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        dec = to_decimal(value)
        return round_significant(float(dec), digits) if dec is not None else None
    return None


def axis_label_expr(lang: str) -> str:
    """A Vega expression for axis labels: 1.2万 / 5.9亿 in Chinese, 12K / 590M in English."""
    if lang == "zh":
        return (
            "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '~g') + '亿' : "
            "abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '~g') + '万' : "
            "format(datum.value, '~g')"
        )
    return (
        "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, '~g') + 'B' : "
        "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : "
        "abs(datum.value) >= 1e4 ? format(datum.value / 1e3, '~g') + 'K' : "
        "format(datum.value, ',~g')"
    )
