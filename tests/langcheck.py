"""What counts as the other language on a page: shared by the AppTest and the browser walks.

A Chinese page may show Latin only in ids, paths, checksums, links and quotes of the data; an
English page may show Chinese only in quotes and figures as printed. Text in quotation marks is
quoted, whichever language it is in.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from povdash.data.dataset import load_dataset
from povdash.render.labels import LANG_NAMES, t

DATA = Path(__file__).resolve().parent.parent / "data"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin that Chinese text uses as it is: the product's name, file formats, the checksum's name,
# a website's ICP licence (ICP备案号).
ZH_LATIN_OK = {"povdash", "CSV", "PNG", "SVG", "SHA", "ICP"}
# Text in quotation marks is quoted, whichever language it is in.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|‘[^’]*’")
# The language switch names each language in itself and labels itself in both, so that a
# reader of either can find it.
LANGUAGE_SWITCH = t("sidebar.lang", "both")
LANGUAGE_NAMES = frozenset(LANG_NAMES.values())


@cache
def data_text() -> dict[str, list[str]]:
    """Text of the data that is shown as it is in either language, longest first: quotes and
    printed figures (Chinese) for English pages; ids, paths, checksums and links for Chinese."""
    dataset = load_dataset(DATA)
    table, exclusions, denominators = dataset.table, dataset.exclusions, dataset.denominators
    quoted: set[str] = set()
    for column in ("quote", "printed", "correction_printed"):
        quoted |= {str(v) for v in table[column].dropna() if str(v)}
    for column in ("text", "quote"):
        quoted |= {str(v) for v in exclusions[column].dropna() if str(v)}
    for column in ("quote", "printed", "source"):
        quoted |= {str(v) for v in denominators[column].dropna() if str(v)}
    for place in dataset.places.values():
        quoted |= {d.quote for d in place.denominators}
    codes: set[str] = set(quoted)
    codes |= set(dataset.places) | set(dataset.sources) | set(dataset.indicators)
    codes |= set(dataset.checks["id"]) | set(table["obs_id"])
    for source in dataset.sources.values():
        codes |= {str(source.text_path), str(source.sha256)}
    return {
        "en": sorted(quoted, key=len, reverse=True),
        "zh": sorted(codes, key=len, reverse=True),
    }


@cache
def source_texts() -> str:
    """Every source text of the data, one after another: the Curate page shows them as they
    are, with its marks between the numbers, in either language."""
    dataset = load_dataset(DATA)
    texts = [(DATA / s.text_path).read_text(encoding="utf-8") for s in dataset.sources.values()]
    return "\n".join(texts)


def foreign(text: str, lang: str, sourced: bool = False) -> list[str]:
    """The parts of a shown text in the other language, once data text and quotes are set aside;
    sourced: the text shows a source text (the Curate page's text and its numbers, cut by its
    marks), whose stretches are data too."""
    for part in data_text()[lang]:
        if part in text:
            text = text.replace(part, " ")
    text = QUOTED.sub(" ", text)
    sources = source_texts() if sourced else ""
    if lang == "en":
        return [c for run in CJK_RUN.findall(text) if run not in sources for c in run]
    return [w for w in LATIN_WORD.findall(text) if w not in ZH_LATIN_OK and w not in sources]
