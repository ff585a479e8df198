"""The issue-14 corpus of report sentences: loading, scoring `extract.propose` on it, a report.

`python -m tests.corpus_score` prints the scores per class, script and province (`--failures`
lists what each failing case got wrong); tests/test_corpus.py asserts them. The format is
tests/fixtures/extract/corpus/README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from extract import Candidate, propose
from extract.numerals import is_numeral_char

CORPUS = Path(__file__).resolve().parent / "fixtures" / "extract" / "corpus"

# The targets of issue 14 on this corpus.
TARGETS = {"recall": 0.97, "precision": 0.97, "labels": 0.90, "periods": 0.90}

CLASSES = (
    "traditional",
    "count",
    "label",
    "rate",
    "range",
    "duration",
    "rank",
    "multiple",
    "fraction",
    "context",
    "date",
    "idiom",
    "period",
    "ordinary",
)
STYLES = ("work-report", "newspaper", "yearbook")
SCRIPTS = ("simplified", "traditional")
QUALIFIERS = ("exact", "more_than", "about", "at_least", "at_most", "less_than", "range")

# Canonical unit codes the corpus may use: the registry's, plus the compound, duration, rank and
# multiple codes of the contract. count:<thing> takes one of THINGS.
PLAIN_UNITS = frozenset(
    {
        "yuan",
        "person",
        "household",
        "person_time",
        "percent",
        "percent_point",
        "kW",
        "kWh",
        "t",
        "kg",
        "km",
        "km2",
        "mu",
        "m3",
        "head",
        "times",
        "tenths",
        "fraction",
        "rank",
        "count",
        "duration:year",
        "duration:month",
        "duration:day",
    }
)
THINGS = frozenset(
    {
        "village",
        "township",
        "county",
        "subdistrict",
        "department",
        "project",
        "enterprise",
        "cooperative",
        "company",
        "team",
        "station",
        "base",
        "post",
        "school",
        "workshop",
        "farm",
        "route",
        "problem",
        "clinic",
        "park",
        "greenhouse",
        "site",
        "road",
        "bridge",
        "well",
        "loan",
        "group",
        "vehicle",
        "round",
        "phase",
    }
)
# <numerator>_per:<denominator>: 元/人 -> yuan_per:person.
RATE_NUMERATORS = frozenset({"yuan", "person", "kg", "household"})
RATE_DENOMINATORS = frozenset(
    {"person", "household", "kg", "t", "km", "mu", "village", "month", "head"}
)
PERIOD = re.compile(
    r"year:\d{4}|full_year|ytd|since_last_year|since:\d{4}|as_of:\d{4}(?:-\d{2})?"
    r"|cumulative|last_year"
)
CASE_KEYS = {"id", "style", "script", "classes", "text", "expect", "skip", "known"}
EXPECT_KEYS = {"text", "value", "unit", "qualifier", "label", "period"}
# Characters that tell the two scripts apart in these reports (simplified, traditional), so that
# a case's `script` can be checked: a traditional case holds no simplified form of this table
# and at least one traditional form.
SCRIPT_PAIRS = (
    "万萬 亿億 户戶 个個 余餘 约約 亩畝 头頭 项項 场場 县縣 乡鄉 镇鎮 贫貧 "
    "脱脫 发發 产產 业業 资資 贷貸 务務 员員 岗崗 职職 实實 现現 达達 计計 "
    "农農 营營 设設 帮幫 专專 为為 这這 们們 级級 领領 导導 书書 记記 会會 "
    "时時 间間 经經 济濟 积積 组組 织織 电電 厂廠 车車 龙龍 奖獎 补補 区區 "
    "国國 动動 劳勞 训訓 练練 转轉 统統 筹籌 点點 过過 进進 对對 贴貼 险險 "
    "卫衛 医醫 疗療 饮飲 质質 检檢 测測 监監 庆慶 开開 关關 难難 网網 园園 "
    "阳陽 旧舊 厕廁 环環 养養 种種 鸡雞 猪豬 鱼魚 树樹 药藥 兴興 规規 销銷 "
    "额額 单單 价價 标標 线線 桥橋 张張 长長 门門 问問 题題 闻聞 报報 岁歲 "
    "学學 儿兒 让讓 给給 众眾 说說 讲講 话話 认認 识識 论論 议議 调調 权權 "
    "签簽 来來 从從 还還 边邊 应應 该該 样樣 带帶 当當 与與 东東 乐樂 华華 "
    "历歷 艺藝 节節 宁寧 严嚴 优優 态態 总總 础礎 类類 纳納 贯貫 财財 协協 "
    "亚亞 广廣 贵貴 陕陝 晋晉"
)
_PAIRS = [pair for pair in SCRIPT_PAIRS.split() if pair[0] != pair[1]]
SIMPLIFIED_ONLY = frozenset(p[0] for p in _PAIRS)
TRADITIONAL_ONLY = frozenset(p[1] for p in _PAIRS)


class CorpusError(ValueError):
    """Every problem found in the corpus files, one per line: file, case, field, expected, got."""


@dataclass(frozen=True, slots=True)
class Expected:
    """One quantity a sentence holds, as a careful curator reads it."""

    text: str
    start: int  # offset of `text` in the sentence (found in order of appearance)
    value: str
    unit: str
    qualifier: str
    label: str
    period: str | None
    value_max: str | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Case:
    """One sentence of the corpus with every quantity it holds and the numerals it must skip."""

    id: str
    province: str
    path: Path
    style: str
    script: str
    classes: tuple[str, ...]
    text: str
    expect: tuple[Expected, ...]
    skip: tuple[str, ...]
    known: str | None


def _decimal_or_fraction(text: object) -> bool:
    if not isinstance(text, str):
        return False
    if re.fullmatch(r"\d+/\d+", text):
        return True
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _unit_ok(unit: object) -> bool:
    if not isinstance(unit, str):
        return False
    if unit in PLAIN_UNITS:
        return True
    kind, _, rest = unit.partition(":")
    if kind == "count":
        return rest in THINGS
    if kind.endswith("_per"):
        return kind[: -len("_per")] in RATE_NUMERATORS and rest in RATE_DENOMINATORS
    return False


def _expectations(raw: Any, text: str, where: str, problems: list[str]) -> tuple[Expected, ...]:
    """The expect list of one case, each located in the sentence after the previous one."""
    if not isinstance(raw, list):
        problems.append(f"{where}: field expect: expected a list, got {type(raw).__name__}")
        return ()
    found: list[Expected] = []
    pos = 0
    for n, item in enumerate(raw):
        at = f"{where}: expect[{n}]"
        if not isinstance(item, dict):
            problems.append(f"{at}: expected a mapping, got {item!r}")
            continue
        keys = set(item)
        if not keys >= EXPECT_KEYS or not keys <= EXPECT_KEYS | {"value_max"}:
            problems.append(
                f"{at}: expected fields {sorted(EXPECT_KEYS)} (+ value_max), got {sorted(keys)}"
            )
            continue
        span = item["text"]
        start = text.find(span, pos) if isinstance(span, str) and span else -1
        if start < 0:
            problems.append(
                f"{at}: field text: expected a slice of the sentence after offset {pos}, "
                f"got {span!r}"
            )
            continue
        if not _decimal_or_fraction(item["value"]):
            problems.append(f"{at}: field value: expected a decimal string, got {item['value']!r}")
        if not _unit_ok(item["unit"]):
            problems.append(
                f"{at}: field unit: expected a unit code of the corpus README, got {item['unit']!r}"
            )
        qualifier = item["qualifier"]
        if qualifier not in QUALIFIERS:
            problems.append(
                f"{at}: field qualifier: expected one of {QUALIFIERS}, got {qualifier!r}"
            )
        value_max = item.get("value_max")
        if (qualifier == "range") != (value_max is not None) or (
            value_max is not None and not _decimal_or_fraction(value_max)
        ):
            problems.append(
                f"{at}: field value_max: expected a decimal string exactly when the qualifier "
                f"is range, got {value_max!r} with {qualifier!r}"
            )
        label = item["label"]
        if not isinstance(label, str) or not label or label not in text:
            problems.append(
                f"{at}: field label: expected words of the sentence naming what is counted, "
                f"got {label!r}"
            )
        period = item["period"]
        if period is not None and not (isinstance(period, str) and PERIOD.fullmatch(period)):
            problems.append(
                f"{at}: field period: expected null or a hint of the README vocabulary, "
                f"got {period!r}"
            )
        found.append(
            Expected(
                text=span,
                start=start,
                value=str(item["value"]),
                unit=str(item["unit"]),
                qualifier=str(qualifier),
                label=str(label),
                period=period,
                value_max=None if value_max is None else str(value_max),
            )
        )
        pos = start + len(span)
    return tuple(found)


def _case(raw: Any, province: str, path: Path, problems: list[str]) -> Case | None:
    where = f"{path.name}: case {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
    if not isinstance(raw, dict) or set(raw) != CASE_KEYS:
        got = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        problems.append(f"{where}: expected exactly the fields {sorted(CASE_KEYS)}, got {got}")
        return None
    text = raw["text"]
    if not isinstance(text, str) or not text:
        problems.append(f"{where}: field text: expected the sentence, got {text!r}")
        return None
    for name, allowed in (("style", STYLES), ("script", SCRIPTS)):
        if raw[name] not in allowed:
            problems.append(f"{where}: field {name}: expected one of {allowed}, got {raw[name]!r}")
    classes = raw["classes"]
    if not isinstance(classes, list) or not classes or not set(classes) <= set(CLASSES):
        problems.append(f"{where}: field classes: expected a list from {CLASSES}, got {classes!r}")
        classes = []
    expect = _expectations(raw["expect"], text, where, problems)
    skip = raw["skip"]
    if not isinstance(skip, list):
        problems.append(f"{where}: field skip: expected a list, got {skip!r}")
        skip = []
    for s in skip:
        start = text.find(s) if isinstance(s, str) and s else -1
        if start < 0 or not any(is_numeral_char(ch) for ch in s):
            problems.append(f"{where}: skip {s!r}: expected a slice of the sentence with a numeral")
        elif any(start < e.end and e.start < start + len(s) for e in expect):
            problems.append(f"{where}: skip {s!r}: overlaps an expected quantity")
    known = raw["known"]
    if known is not None and not (isinstance(known, str) and known.strip()):
        problems.append(f"{where}: field known: expected null or a short reason, got {known!r}")
    if raw["script"] == "traditional":
        simplified = sorted(set(text) & SIMPLIFIED_ONLY)
        if simplified or not set(text) & TRADITIONAL_ONLY:
            problems.append(
                f"{where}: field script: expected traditional characters only, "
                f"got simplified {simplified or 'and no traditional form'}"
            )
    return Case(
        id=str(raw["id"]),
        province=province,
        path=path,
        style=str(raw["style"]),
        script=str(raw["script"]),
        classes=tuple(classes),
        text=text,
        expect=expect,
        skip=tuple(skip),
        known=known,
    )


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    """Every case of every corpus file, checked; CorpusError lists all problems at once."""
    paths = sorted(folder.glob("*.yaml"))
    problems: list[str] = []
    if not paths:
        problems.append(f"{folder}: expected corpus files *.yaml, got none")
    cases: list[Case] = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if not isinstance(doc, dict) or set(doc) != {"province", "cases"}:
            problems.append(f"{path.name}: expected the fields province and cases")
            continue
        for raw in doc["cases"] or []:
            case = _case(raw, str(doc["province"]), path, problems)
            if case is not None:
                cases.append(case)
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            problems.append(
                f"{case.path.name}: case {case.id}: field id: expected unique, got a repeat"
            )
        seen.add(case.id)
    if problems:
        raise CorpusError("\n".join(problems) + "\nhint: the format is in corpus/README.md")
    return cases


def _value_matches(want: str, got: Decimal | None, denominator: Decimal | None = None) -> bool:
    """Equal values; a fraction n/d matches a numerator n over `denominator` d, or n/d itself."""
    if got is None:
        return False
    if "/" not in want:
        return denominator is None and got == Decimal(want)
    num, den = (Decimal(x) for x in want.split("/"))
    if denominator is not None:
        return (got, denominator) == (num, den)
    return abs(got * den - num) <= Decimal("1e-20")  # a parser that gives the quotient


def matches(e: Expected, c: Candidate) -> bool:
    """Strict: same span, value, unit, qualifier (and upper bound for ranges)."""
    q = c.quantity
    if (q.start, q.text) != (e.start, e.text) or q.unit != e.unit or q.qualifier != e.qualifier:
        return False
    if not _value_matches(e.value, q.value, getattr(q, "denominator", None)):
        return False
    if e.value_max is None:
        return q.value_max is None
    return _value_matches(e.value_max, q.value_max)


def _holds_figure(label: str, other: Expected) -> bool:
    """True when `label` carries the other figure: its digits standing alone, or its text."""
    m = re.search(r"\d[\d.,]*", other.text)
    if m and re.search(r"(?<![\d.,])" + re.escape(m.group()) + r"(?![\d.,])", label):
        return True
    return "".join(other.text.split()) in label


def label_ok(e: Expected, c: Candidate, others: Iterable[Expected]) -> bool:
    """The label names what is counted and carries no other figure of the sentence."""
    return e.label in c.label and not any(_holds_figure(c.label, o) for o in others)


def period_of(c: Candidate) -> str | None:
    return c.period_hint


@dataclass
class Result:
    """What propose returned for one case, set against what the case expects."""

    case: Case
    candidates: list[Candidate]
    pairs: list[tuple[Expected, Candidate | None]] = field(default_factory=list)
    extras: list[Candidate] = field(default_factory=list)  # found, matching no expectation
    bad_labels: list[tuple[Expected, Candidate]] = field(default_factory=list)
    bad_periods: list[tuple[Expected, Candidate]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (
            self.extras
            or self.bad_labels
            or self.bad_periods
            or any(c is None for _, c in self.pairs)
        )

    def problems(self) -> list[str]:
        """One line per thing that differs from the expectation, for a failing test or a report."""
        out = []
        for e, c in self.pairs:
            if c is None:
                near = [
                    x for x in self.extras if x.quantity.start < e.end and e.start < x.quantity.end
                ]
                got = "; ".join(_describe(x) for x in near) or "nothing"
                out.append(f"missed {_want(e)}: got {got}")
        for x in self.extras:
            if not any(
                x.quantity.start < e.end and e.start < x.quantity.end for e in self.case.expect
            ):
                hit = [s for s in self.case.skip if _overlaps_skip(self.case.text, s, x)]
                why = f" (a skip: {hit[0]})" if hit else ""
                out.append(f"extra {_describe(x)}{why}")
        for e, c in self.bad_labels:
            out.append(f"label of {e.text}: want {e.label!r} alone, got {c.label!r}")
        for e, c in self.bad_periods:
            out.append(f"period of {e.text}: want {e.period}, got {period_of(c)}")
        return out


def _want(e: Expected) -> str:
    upper = f"..{e.value_max}" if e.value_max is not None else ""
    return f"{e.text!r} = {e.value}{upper} {e.unit} {e.qualifier}"


def _describe(c: Candidate) -> str:
    q = c.quantity
    upper = f"..{q.value_max}" if q.value_max is not None else ""
    return f"{q.text!r}@{q.start} = {q.value}{upper} {q.unit} {q.qualifier}"


def _overlaps_skip(text: str, skip: str, c: Candidate) -> bool:
    start = text.find(skip)
    while start >= 0:
        if start < c.quantity.end and c.quantity.start < start + len(skip):
            return True
        start = text.find(skip, start + 1)
    return False


def score_case(case: Case) -> Result:
    """Match what propose finds in the sentence against the case's expectations."""
    result = Result(case, propose(case.text))
    unused = list(result.candidates)
    for e in case.expect:
        hit = next((c for c in unused if matches(e, c)), None)
        result.pairs.append((e, hit))
        if hit is None:
            continue
        unused.remove(hit)
        others = [o for o in case.expect if o is not e]
        if not label_ok(e, hit, others):
            result.bad_labels.append((e, hit))
        if period_of(hit) != e.period:
            result.bad_periods.append((e, hit))
    result.extras = unused
    return result


@dataclass
class Tally:
    """Counts behind the four scores for a group of cases."""

    cases: int = 0
    passing: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    labels: int = 0
    periods: int = 0

    def add(self, r: Result) -> None:
        self.cases += 1
        self.passing += r.passed
        self.expected += len(r.case.expect)
        self.found += len(r.candidates)
        matched = sum(c is not None for _, c in r.pairs)
        self.matched += matched
        self.labels += matched - len(r.bad_labels)
        self.periods += matched - len(r.bad_periods)

    def scores(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "recall": ratio(self.matched, self.expected),
            "precision": ratio(self.matched, self.found),
            "labels": ratio(self.labels, self.matched),
            "periods": ratio(self.periods, self.matched),
        }


def tallies(results: Sequence[Result]) -> dict[str, Tally]:
    """One Tally for all cases, each script, each class and each province (keys say which)."""
    groups: dict[str, Tally] = {"all": Tally()}
    for r in results:
        keys = ["all", f"script:{r.case.script}"]
        keys += [f"class:{c}" for c in r.case.classes]
        keys.append(f"province:{r.case.path.stem}")
        for key in keys:
            groups.setdefault(key, Tally()).add(r)
    order = ["all"] + [f"script:{s}" for s in SCRIPTS] + [f"class:{c}" for c in CLASSES]
    ordered = {k: groups[k] for k in order if k in groups}
    ordered.update({k: v for k, v in sorted(groups.items()) if k not in ordered})
    return ordered


def report(results: Sequence[Result]) -> str:
    """The scores as a Markdown table, targets first."""
    target = ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
    lines = [
        f"targets: {target}",
        "",
        "| group | cases | passing | expected | found | recall | precision | labels | periods |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, t in tallies(results).items():
        s = t.scores()
        lines.append(
            f"| {key} | {t.cases} | {t.passing} | {t.expected} | {t.found} | "
            f"{s['recall']:.3f} | {s['precision']:.3f} | {s['labels']:.3f} | {s['periods']:.3f} |"
        )
    return "\n".join(lines)


def _quoted(reason: str) -> str:
    return '"' + reason.replace("\\", "\\\\").replace('"', '\\"') + '"'


def short_reason(r: Result) -> str:
    """A few words per kind of miss, for a `known:` mark: what a reader needs to find the class."""
    parts: list[str] = []
    for e, c in r.pairs:
        if c is not None:
            continue
        same = [
            x.quantity for x in r.extras if (x.quantity.start, x.quantity.text) == (e.start, e.text)
        ]
        if same:
            q = same[0]
            if (
                _value_matches(e.value, q.value, getattr(q, "denominator", None))
                and q.qualifier == e.qualifier
            ):
                parts.append(f"{e.text} as {q.unit}")
            elif (
                _value_matches(e.value, q.value, getattr(q, "denominator", None))
                and q.unit == e.unit
            ):
                parts.append(f"{e.text} {q.qualifier}")
            else:
                parts.append(f"{e.text} = {q.value} {q.unit} {q.qualifier}")
        elif near := [
            x.quantity for x in r.extras if x.quantity.start < e.end and e.start < x.quantity.end
        ]:
            parts.append(f"{e.text} read as {'+'.join(q.text for q in near)}")
        else:
            parts.append(f"misses {e.text}")
    for x in r.extras:
        if not any(x.quantity.start < e.end and e.start < x.quantity.end for e in r.case.expect):
            parts.append(f"extra {x.quantity.text}")
    if r.bad_labels:
        parts.append("label of " + ", ".join(e.text for e, _ in r.bad_labels))
    if r.bad_periods:
        parts.append("period of " + ", ".join(e.text for e, _ in r.bad_periods))
    reason = "; ".join(parts).replace("\n", "⏎")
    return reason if len(reason) <= 100 else reason[:99] + "…"


def write_known(results: Sequence[Result]) -> int:
    """Rewrite each case's `known:` line: null where it passes, a short reason where it fails.

    A hand-written reason is kept while the case still fails. Returns the number of lines changed;
    review the diff before committing it.
    """
    by_path: dict[Path, dict[str, Result]] = {}
    for r in results:
        by_path.setdefault(r.case.path, {})[r.case.id] = r
    changed = 0
    for path, by_id in by_path.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        current: str | None = None
        for i, line in enumerate(lines):
            m = re.match(r"  - id: (\S+)", line)
            if m:
                current = m.group(1)
                continue
            if current is None or not line.startswith("    known:"):
                continue
            r = by_id[current]
            if r.passed:
                new = "    known: null\n"
            elif r.case.known:
                new = line
            else:
                new = f"    known: {_quoted(short_reason(r))}\n"
            if new != line:
                lines[i] = new
                changed += 1
            current = None
        path.write_text("".join(lines), encoding="utf-8")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.corpus_score", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--failures", action="store_true", help="list what each failing case got wrong"
    )
    parser.add_argument("--case", action="append", default=[], help="only these case ids")
    parser.add_argument(
        "--write-known",
        action="store_true",
        help="set known: null on passing cases and a reason on failing ones (review the diff)",
    )
    args = parser.parse_args(argv)
    try:
        cases = load_corpus()
    except CorpusError as err:
        print(err, file=sys.stderr)
        return 2
    if args.case:
        cases = [c for c in cases if c.id in set(args.case)]
    results = [score_case(c) for c in cases]
    print(report(results))
    if args.failures:
        for r in results:
            if not r.passed:
                mark = " (known)" if r.case.known else ""
                print(f"\n{r.case.id}{mark}: {r.case.text}")
                for p in r.problems():
                    print(f"  - {p}")
    if args.write_known:
        print(f"\nknown: lines changed: {write_known(results)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
