"""Problems found in data/: the Issue record and the registry of issue codes (severity and hint)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    """One kind of problem: a stable slug, how bad it is, and the usual fix in one clause."""

    code: str
    severity: Severity
    hint: str


# The registry is data so that the README table and the tests can iterate it.
CODES: tuple[Code, ...] = (
    # files and YAML
    Code(
        "file-missing", "error", "create the file; every data folder has the four catalogue files"
    ),
    Code("file-unreadable", "error", "check the file's permissions; it must be a regular file"),
    Code("file-too-large", "error", "split the file; hand-edited YAML stays far below 5 MB"),
    Code("not-utf8", "error", "re-save the file as UTF-8 (iconv -f GBK -t UTF-8 in > out)"),
    Code("empty-file", "error", "write the file's top-level key, e.g. `places:` with a list"),
    Code(
        "yaml-syntax", "error", "fix the YAML at the line and column shown (quotes, colons, dashes)"
    ),
    Code(
        "tab-indentation", "error", "indent with spaces; YAML does not allow tabs for indentation"
    ),
    Code("yaml-alias", "error", "write the value out; anchors (&) and aliases (*) are not allowed"),
    Code("too-deep", "error", "flatten the structure; data files need only a few levels"),
    Code("unknown-tag", "error", "remove the tag (!!python/..., !custom); plain values need none"),
    Code("multiple-documents", "error", "keep one YAML document per file (remove the extra `---`)"),
    Code("duplicate-key", "error", "remove one of the two keys; YAML would silently keep the last"),
    # schema
    Code(
        "wrong-type", "error", "write the value in the expected form (quote strings such as codes)"
    ),
    Code("missing-field", "error", "add the field"),
    Code("unknown-key", "error", "fix the spelling or remove the key"),
    Code("bad-id", "error", "ids are lowercase [a-z0-9-] (programs: upper case, indicators: a_b)"),
    Code("bad-choice", "error", "use one of the listed values"),
    Code("duplicate-id", "error", "give each entry its own id; ids are unique across all files"),
    Code("bad-period", "error", "write YYYY, YYYY-MM, YYYY-MM-DD, START..END or ..END"),
    Code("negative-value", "error", "counts and amounts are never negative; check the sign"),
    Code("bad-range", "error", "value_max belongs to qualifier `range` and is above value"),
    # references
    Code("unknown-place", "error", "use a place id of places.yaml or add the place there"),
    Code("unknown-program", "error", "use a program id of programs.yaml"),
    Code("unknown-framework", "error", "use a framework cell id of programs.yaml"),
    Code("unknown-indicator", "error", "use an indicator id of indicators.yaml or add it there"),
    Code("unknown-unit", "error", "use a unit of the registry (as printed: 亿元, 万户, 个, %)"),
    Code("unknown-source", "error", "use a source id of sources.yaml"),
    Code("unknown-section", "error", "use a section id of the source's framework in sources.yaml"),
    Code("dimension-unit-mismatch", "error", "give the indicator a unit of its dimension"),
    Code("place-not-in-source", "warning", "add the place to the source's `places` list"),
    Code("file-name-mismatch", "warning", "name the file observations/<source-id>.yaml"),
    Code(
        "invisible-character",
        "warning",
        "delete the character (a bidi control or zero-width); the text is shown without it",
    ),
    Code(
        "to-confirm",
        "warning",
        "check the suggested fields against the quote, correct any, then delete `confirm:`",
    ),
    # source texts
    Code("text-missing", "error", "store the report under texts/ and point `text` at it"),
    Code("text-path-escapes", "error", "keep `text` a relative path inside the data folder"),
    Code("sha256-mismatch", "error", "texts are never edited; restore the text or update sha256"),
    Code("missing-observations", "error", "write observations/<source-id>.yaml for the source"),
    # quotes and extract
    Code("quote-not-in-source", "error", "copy the quote verbatim from the source text"),
    Code("ambiguous-quote", "warning", "lengthen the quote so it occurs once in the source"),
    Code("value-disagrees-with-quote", "error", "write the number exactly as the quote prints it"),
    Code(
        "unit-disagrees-with-quote", "error", "write the unit as printed (magnitude + unit: 万元)"
    ),
    Code("qualifier-disagrees-with-quote", "error", "use the qualifier the quote's wording gives"),
    Code("indicator-unit-mismatch", "error", "pick an indicator measured in the quote's unit"),
    Code("extract-failed", "error", "report the quote to the extract maintainers"),
    Code("exclusion-not-located", "error", "make `text` a verbatim part of the exclusion's quote"),
    Code("uncovered-quantity", "error", "add an observation or an exclusion for this quantity"),
    Code("uncovered-number", "error", "add an exclusion (kind and reason) for this number"),
    Code("denominator-disagrees-with-quote", "error", "write value and unit as the quote prints"),
    Code("bad-correction", "error", "give the corrected value in a unit of the printed dimension"),
    # cross-checks
    Code("unknown-operand", "error", "use an observation id or denominator:<place>:<kind>"),
    Code("bad-cross-check", "error", "growth and ratio compare with a stated %, sum in one unit"),
    Code(
        "failed-cross-check",
        "error",
        "recheck the values; if the source is wrong, add a correction",
    ),
)

REGISTRY: dict[str, Code] = {c.code: c for c in CODES}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at one place of one file; `path` is relative to the data root."""

    path: str
    line: int | None
    field: str
    code: str
    message: str
    hint: str
    severity: Severity

    def format(self) -> str:
        """The one-line form: `path:line: field: message; hint: ... [code]`."""
        path, message = inert(self.path), inert(self.message)
        where = path if self.line is None else f"{path}:{self.line}"
        field = f" {inert(self.field)}:" if self.field else ""
        hint = f"; hint: {inert(self.hint)}" if self.hint else ""
        return f"{where}:{field} {message}{hint} [{self.code}]"


def inert(text: str) -> str:
    """Text for one terminal line: line breaks, escape sequences and other control characters
    from data (a file name, a value) are shown escaped (\\n, \\x1b) instead of acting."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def make_issue(
    code: str, path: str, line: int | None, field: str, message: str, hint: str | None = None
) -> Issue:
    """An Issue whose severity (and hint, unless given) come from the registry."""
    entry = REGISTRY[code]
    return Issue(
        path, line, field, code, message, entry.hint if hint is None else hint, entry.severity
    )


def counts(issues: list[Issue]) -> tuple[int, int]:
    """(errors, warnings) among the issues."""
    errors = sum(1 for i in issues if i.severity == "error")
    return errors, len(issues) - errors


def sort_key(issue: Issue) -> tuple[str, int, str, str]:
    """Order issues by file, then line, so the report reads top to bottom."""
    return (issue.path, issue.line or 0, issue.field, issue.code)


def suggest(got: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """An issue's hint for a mistyped id, key or unit: the closest option, if one is close."""
    close = difflib.get_close_matches(got, list(options), n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}?" if close else None
