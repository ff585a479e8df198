"""Every user-facing string of the dashboard, in Chinese and English, looked up by key.

t(key, lang) gives the Chinese, the English, or "zh / en" for lang 'both'. Texts may hold
str.format placeholders ({n}); data values passed in are inserted as plain text. A count of one
reads the key's ".one" entry where there is one ("1 problem", not "1 problems").
"""

from __future__ import annotations

import re

from povdash.data.invisible import visible

# Each language named in itself; "both" short enough that the three buttons share one row of
# the sidebar (at 1400 px "中文 + English" wrapped to a second row).
LANG_NAMES: dict[str, str] = {"zh": "中文", "en": "English", "both": "中文 + EN"}
# The languages of pages, figures and exports; "both" sets Chinese and English side by side.
LANGS: tuple[str, ...] = tuple(LANG_NAMES)

LABELS: dict[str, dict[str, str]] = {
    # app frame
    "app.title": {"zh": "脱贫攻坚指标看板", "en": "Poverty-alleviation indicators"},
    "app.subtitle": {
        "zh": "每个数字都可追溯到原文引语",
        "en": "Every figure traced to a quote in its source",
    },
    "page.overview": {"zh": "概览", "en": "Overview"},
    "page.compare": {"zh": "对比", "en": "Compare"},
    "page.profile": {"zh": "地区档案", "en": "Place profile"},
    "page.data": {"zh": "数据", "en": "Data"},
    "page.sources": {"zh": "来源与核查", "en": "Sources and checks"},
    # sidebar
    "sidebar.lang": {"zh": "语言", "en": "Language"},
    "sidebar.places": {"zh": "地区", "en": "Places"},
    "sidebar.programs": {"zh": "项目", "en": "Programs"},
    "sidebar.programs_help": {
        "zh": "不选即为全部项目",
        "en": "Leave empty for every program",
    },
    "sidebar.period": {"zh": "期间类型", "en": "Period kind"},
    "sidebar.places_placeholder": {"zh": "选择地区", "en": "Choose places"},
    "sidebar.programs_placeholder": {"zh": "全部项目", "en": "All programs"},
    "widget.choose": {"zh": "请选择", "en": "Choose"},
    "data.indicators_placeholder": {"zh": "全部指标", "en": "All indicators"},
    "sidebar.bookmark": {
        "zh": "当前视图保存在网址中，可收藏或分享。",
        "en": "This view is kept in the URL: bookmark or share it.",
    },
    "sidebar.kept": {
        "zh": "数据暂有问题，以下选择已保留、待数据恢复后显示：{ids}",
        "en": "Kept in your selection until the data loads again: {ids}",
    },
    "notice.gone": {
        "zh": "数据中已没有以下地区或项目，已从选择中移除：{ids}",
        "en": "No longer in the data, so removed from your selection: {ids}",
    },
    "period_kind.all": {"zh": "全部", "en": "All"},
    "period_kind.annual": {"zh": "年度/当期", "en": "Annual (in a year)"},
    "period_kind.cumulative": {"zh": "累计", "en": "Cumulative"},
    "period_kind.as_of": {"zh": "时点", "en": "As of a date"},
    # banners and states
    "banner.load_failed": {
        "zh": "数据未能加载，页面仅显示可用部分。",
        "en": "The data did not load; pages show what they can.",
    },
    "banner.issues": {
        "zh": "部分数据未加载（{n} 个问题），其余内容照常显示：",
        "en": "Some data did not load ({n} problems); everything else still shows:",
    },
    "banner.issues.one": {
        "zh": "部分数据未加载（{n} 个问题），其余内容照常显示：",
        "en": "Some data did not load ({n} problem); everything else still shows:",
    },
    "banner.details": {"zh": "问题详情", "en": "Details of the problems"},
    "banner.more": {
        "zh": "另有 {n} 个问题，见“来源与核查”页。",
        "en": "{n} more: see Sources and checks.",
    },
    "error.page": {
        "zh": "此页面出错，未能显示。其他页面不受影响。",
        "en": "This page failed to show. Other pages are not affected.",
    },
    "empty.places": {
        "zh": "请在侧栏选择至少一个地区。",
        "en": "Choose at least one place in the sidebar.",
    },
    "empty.rows": {
        "zh": "当前筛选下没有数据。请放宽侧栏中的项目或期间类型。",
        "en": "No figures match. Widen the programs or period kind in the sidebar.",
    },
    "empty.shared": {
        "zh": "所选地区没有共同报告的指标。同一项目下各地报告的不同指标并列在下方。",
        "en": (
            "The chosen places report no indicator in common. "
            "Different indicators of the same program are set side by side below."
        ),
    },
    "empty.compare_two": {
        "zh": "请至少选择两个地区进行对比。",
        "en": "Choose at least two places to compare.",
    },
    # overview
    "overview.headlines": {"zh": "主要数字", "en": "Headline figures"},
    "overview.headlines_help": {
        "zh": (
            "每个地区在国家框架的每个领域取一个数字：先取最新的期间，再优先取其他地区也报告的指标，"
            "再优先金额、户数和人数；只从该地区自己的数字中选，不随所选的其他地区变化。"
            "悬停问号可见原文引语。"
        ),
        "en": (
            "One figure per place in each area of the national framework: its latest period "
            "first, then indicators other places also report, then money, households or people; "
            "picked from the place's own figures, whatever else is chosen. Hover the ? for the "
            "quote."
        ),
    },
    "overview.coverage": {"zh": "覆盖情况", "en": "Coverage"},
    "overview.coverage_help": {
        "zh": "格中数字为该地区在该领域报告的数字个数；空格表示未报告。",
        "en": "Each cell counts the figures a place reports in that area; blank means none.",
    },
    "overview.no_figures": {
        "zh": "该地区没有报告数字。",
        "en": "No figures reported for this place.",
    },
    "coverage.title": {
        "zh": "国家框架各领域的报告情况",
        "en": "What each place reports, by area of the national framework",
    },
    "coverage.count": {"zh": "数字个数", "en": "Figures"},
    "coverage.framework": {"zh": "框架领域", "en": "Framework area"},
    "coverage.indicators": {"zh": "指标", "en": "Indicators"},
    # compare
    "compare.intro": {
        "zh": "各地共同报告的指标并排显示；不同单位从不共用一个坐标轴。",
        "en": (
            "Indicators more than one place reports, side by side; "
            "different units never share an axis."
        ),
    },
    "compare.basis": {"zh": "标准化方式", "en": "Normalisation"},
    "basis.absolute": {"zh": "原始数值", "en": "Absolute"},
    "basis.per_10k_residents": {"zh": "每万常住人口", "en": "Per 10,000 census residents"},
    "basis.per_10k_registered": {
        "zh": "每万户籍人口",
        "en": "Per 10,000 registered (hukou) population",
    },
    "basis.per_admin_village": {"zh": "每个行政村", "en": "Per administrative village"},
    "basis.per_registered_poor_household": {
        "zh": "每户建档立卡贫困户",
        "en": "Per registered-poor household",
    },
    # written after a normalised figure: 12.6户/万人, 12.6 households/10k people
    "per_unit.per_10k_residents": {"zh": "/万人", "en": "/10k people"},
    "per_unit.per_10k_registered": {"zh": "/万人", "en": "/10k people"},
    "per_unit.per_admin_village": {"zh": "/村", "en": "/village"},
    "per_unit.per_registered_poor_household": {"zh": "/户", "en": "/household"},
    "compare.denominators": {"zh": "所用分母及来源", "en": "Denominators used and their sources"},
    "compare.badges": {"zh": "可比性提示", "en": "Comparability warnings"},
    "compare.footnotes": {
        "zh": "注释：各项差异的具体内容",
        "en": "Notes: what differs, place by place",
    },
    "compare.only_one": {
        "zh": "仅一个地区报告的项目",
        "en": "Programs only one place reports",
    },
    "compare.side_by_side": {
        "zh": "同一项目、不同指标——不可直接比较",
        "en": "Same program, different indicators — not directly comparable",
    },
    "compare.side_by_side_note": {
        "zh": (
            "同一项目下，各地报告的是不同的指标（统计对象、单位或期间不同），"
            "数字不能直接相比，只按项目并列，供对照阅读。"
        ),
        "en": (
            "Within one program the places report different indicators (what is counted, "
            "the unit or the period differ), so the numbers cannot be compared directly; "
            "they are set side by side by program, to be read together."
        ),
    },
    "compare.side_by_side_empty": {
        "zh": "当前筛选下，没有项目由两个以上所选地区以不同指标报告。",
        "en": "No program has different indicators from two or more of the chosen places.",
    },
    "compare.side_by_side_quotes": {
        "zh": "这些数字的原文引语与来源",
        "en": "Quotes and sources of these figures",
    },
    "compare.rates_note": {
        "zh": "比率（%）不做标准化，按原值显示。",
        "en": "Rates (%) are never normalised; they show as printed.",
    },
    "compare.scale_note": {
        "zh": (
            "所选地区行政级别不同（如白城市是辖5个县级单位的地级市，柳河县是一个县）："
            "原始数值主要反映规模，可改用标准化方式。"
        ),
        "en": (
            "The places differ in admin level (Baicheng is a prefecture-level city of five "
            "counties, Liuhe one county): raw counts mostly show size; try a normalisation."
        ),
    },
    "compare.export": {
        "zh": "导出报告用图（单个指标）",
        "en": "Figure for a report (one indicator)",
    },
    "compare.normalise_missing": {
        "zh": "标准化功能暂不可用，显示原始数值。",
        "en": "Normalisation is unavailable; showing absolute values.",
    },
    "chart.compare_title": {
        "zh": "共同报告的指标",
        "en": "Indicators reported by more than one place",
    },
    "chart.no_denominator": {"zh": "无分母", "en": "no denominator"},
    "chart.same_population": {
        "zh": "与分母同一群体，不绘制",
        "en": "same population as denominator",
    },
    "chart.change_title": {"zh": "{indicator}的变化", "en": "Change in {indicator}"},
    # comparability verdicts, one per compared indicator
    "verdict.comparable": {"zh": "可比", "en": "Comparable"},
    "verdict.caveats": {"zh": "可比，但有保留", "en": "Comparable with caveats"},
    "verdict.not_comparable": {"zh": "不可比", "en": "Not comparable"},
    "verdict.all_same": {
        "zh": "期间、口径、行政级别和统计范围相同",
        "en": "same period, kind, admin level and scope",
    },
    "verdict.count": {"zh": "{level}：{n} 项", "en": "{level}: {n}"},
    "compare.hide_not_comparable": {
        "zh": "隐藏不可比的指标",
        "en": "Hide indicators that are not comparable",
    },
    "compare.hide_help": {
        "zh": "不可比：期间类型或口径不同（如一年的数字对多年累计）。",
        "en": (
            "Not comparable: the period kinds or kinds differ (one year's figure against a "
            "total over several years, a flow against a stock)."
        ),
    },
    "compare.all_hidden": {
        "zh": "所选地区共同报告的指标都不可比；关闭上方开关可查看。",
        "en": (
            "Every indicator the chosen places share is not comparable; "
            "turn the switch off to see them."
        ),
    },
    # badges
    "badge.period_kind": {"zh": "期间类型不同", "en": "Period kinds differ"},
    "badge.period": {"zh": "期间不同", "en": "Periods differ"},
    "badge.kind": {"zh": "口径不同", "en": "Kinds differ"},
    "badge.admin_level": {"zh": "行政级别不同", "en": "Admin levels differ"},
    "badge.scope": {"zh": "统计范围不同", "en": "Scopes differ"},
    "badge.denominator": {"zh": "分母不同", "en": "Denominators differ"},
    "badge.qualifier": {"zh": "约数或区间", "en": "Approximate figures"},
    "badge.correction": {"zh": "疑似印刷错误", "en": "Suspected misprint"},
    "scope.unstated": {"zh": "未说明", "en": "not stated"},
    "kind.flow": {"zh": "当期流量", "en": "flow in the period"},
    "kind.stock": {"zh": "时点存量", "en": "stock at a date"},
    "kind.cumulative": {"zh": "累计", "en": "cumulative"},
    "kind.rate": {"zh": "比率", "en": "rate"},
    "kind.change": {"zh": "变化", "en": "change"},
    "kind.": {"zh": "未知", "en": "unknown"},
    "qualifier.exact": {"zh": "确数", "en": "exact"},
    "qualifier.more_than": {"zh": "多于", "en": "more than"},
    "qualifier.about": {"zh": "约", "en": "about"},
    "qualifier.at_least": {"zh": "至少", "en": "at least"},
    "qualifier.at_most": {"zh": "至多", "en": "at most"},
    "qualifier.less_than": {"zh": "不足", "en": "less than"},
    "qualifier.range": {"zh": "区间", "en": "range"},
    "level.province": {"zh": "省", "en": "province"},
    "level.prefecture_city": {"zh": "地级市", "en": "prefecture-level city"},
    "level.county": {"zh": "县", "en": "county"},
    "level.county_level_city": {"zh": "县级市", "en": "county-level city"},
    "level.district": {"zh": "市辖区", "en": "district"},
    "denominator.census_resident": {"zh": "常住人口（普查）", "en": "census residents"},
    "denominator.census_rural_resident": {
        "zh": "乡村常住人口（普查）",
        "en": "census rural residents",
    },
    "denominator.registered": {"zh": "户籍人口", "en": "registered population"},
    "denominator.admin_villages": {"zh": "行政村数", "en": "administrative villages"},
    "denominator.registered_poor_households": {
        "zh": "建档立卡贫困户数",
        "en": "registered-poor households",
    },
    "denominator.registered_poor_people": {
        "zh": "建档立卡贫困人口",
        "en": "registered-poor people",
    },
    "denominator.land_area": {"zh": "土地面积", "en": "land area"},
    "denominator.none": {"zh": "无可用分母", "en": "no denominator available"},
    "denominator.note_missing": {
        "zh": "该地区没有{kinds}分母",
        "en": "no {kinds} denominator for this place",
    },
    "denominator.note_same_population": {
        "zh": "与分母统计的是同一群体：商是其中的占比，而非{suffix}的数值；不绘制",
        "en": "counts the same population as the denominator: a share of it, not a figure "
        "{suffix}; not drawn",
    },
    "denominator.note_rate": {
        "zh": "比率（%与百分点）不做标准化",
        "en": "rates (% and percentage points) are not normalised",
    },
    "denominator.missing": {
        "zh": "该地区没有此标准化方式所需的分母",
        "en": "no denominator of this basis for this place",
    },
    "denominator.same_population": {
        "zh": "与分母统计的是同一群体（{unit}÷{unit}），商是其中的占比而非每单位数值，故不绘制",
        "en": (
            "counts the same population as the denominator ({unit} ÷ {unit}): the quotient "
            "is a share of it, not a figure per unit, so it is not drawn"
        ),
    },
    "confidence.high": {"zh": "高", "en": "high"},
    "confidence.medium": {"zh": "中", "en": "medium"},
    "confidence.low": {"zh": "低", "en": "low"},
    "confidence.derived": {"zh": "推算", "en": "derived"},
    "exclusion.name": {"zh": "名称", "en": "name"},
    "exclusion.date": {"zh": "日期", "en": "date"},
    "exclusion.document": {"zh": "文件编号", "en": "document"},
    "exclusion.phone": {"zh": "电话", "en": "phone"},
    "exclusion.address": {"zh": "地址", "en": "address"},
    "exclusion.version": {"zh": "版本", "en": "version"},
    "exclusion.ordinal": {"zh": "序数", "en": "ordinal"},
    "exclusion.code": {"zh": "编码", "en": "code"},
    "exclusion.idiom": {"zh": "习语", "en": "idiom"},
    "exclusion.duplicate": {"zh": "重复", "en": "duplicate"},
    "exclusion.out_of_scope": {"zh": "范围之外", "en": "out of scope"},
    "exclusion.structure": {"zh": "篇章结构", "en": "structure"},
    "check.growth": {"zh": "增长率", "en": "growth"},
    "check.ratio": {"zh": "比例", "en": "ratio"},
    "check.sum": {"zh": "加总", "en": "sum"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    # period labels
    "period.year": {"zh": "{year}年", "en": "{year}"},
    "period.month": {"zh": "{year}年{month}月", "en": "{year}-{month}"},
    "period.as_of": {"zh": "截至{date}", "en": "as of {date}"},
    "period.upto": {"zh": "截至{end}累计", "en": "cumulative to {end}"},
    "period.range": {"zh": "{start}至{end}累计", "en": "cumulative {start} to {end}"},
    # columns and tooltips
    "col.place": {"zh": "地区", "en": "Place"},
    "col.program": {"zh": "项目", "en": "Program"},
    "col.indicator": {"zh": "指标", "en": "Indicator"},
    "col.period": {"zh": "期间", "en": "Period"},
    "col.value": {"zh": "数值", "en": "Value"},
    "col.figure": {"zh": "数字", "en": "Figure"},
    "col.value_exact": {"zh": "数值（标准单位）", "en": "Value (canonical unit)"},
    "col.unit": {"zh": "单位", "en": "Unit"},
    "col.printed": {"zh": "原文数字", "en": "As printed"},
    "col.normalised": {"zh": "标准化数值", "en": "Normalised"},
    "col.qualifier": {"zh": "限定", "en": "Qualifier"},
    "col.quote": {"zh": "原文引语", "en": "Quote"},
    "col.source": {"zh": "来源", "en": "Source"},
    "col.section": {"zh": "板块", "en": "Section"},
    "col.scope": {"zh": "统计范围", "en": "Scope"},
    "col.kind": {"zh": "类型", "en": "Kind"},
    "col.denominator": {"zh": "分母", "en": "Denominator"},
    "col.year": {"zh": "年份", "en": "Year"},
    "col.confidence": {"zh": "可信度", "en": "Confidence"},
    "col.note": {"zh": "说明", "en": "Note"},
    "col.correction": {"zh": "另一读法", "en": "Other reading"},
    "col.reason": {"zh": "理由", "en": "Reason"},
    "col.text": {"zh": "原文", "en": "Text"},
    "col.check": {"zh": "核查", "en": "Check"},
    "col.ok": {"zh": "通过", "en": "Passed"},
    "col.detail": {"zh": "详情", "en": "Detail"},
    "col.count": {"zh": "个数", "en": "Count"},
    "col.severity": {"zh": "级别", "en": "Severity"},
    "col.where": {"zh": "位置", "en": "Where"},
    "col.problem": {"zh": "问题", "en": "Problem"},
    "col.code": {"zh": "代码", "en": "Code"},
    "col.hint": {"zh": "建议", "en": "Hint"},
    "col.field": {"zh": "项目", "en": "Field"},
    # data page
    "data.search": {"zh": "在指标和引语中查找", "en": "Search indicators and quotes"},
    "data.indicators": {"zh": "指标", "en": "Indicators"},
    "data.count": {"zh": "共 {n} 条记录", "en": "{n} figures"},
    "data.count.one": {"zh": "共 {n} 条记录", "en": "{n} figure"},
    "download.csv": {"zh": "CSV", "en": "CSV"},
    "download.png": {"zh": "PNG", "en": "PNG"},
    "download.svg": {"zh": "SVG", "en": "SVG"},
    "download.help_csv": {
        "zh": "下载数据（含单位、原文数字和引语）",
        "en": "Download the data with units, printed values and quotes",
    },
    "download.help_png": {
        "zh": "下载报告用图（PNG，2倍分辨率）",
        "en": "Download a report figure (PNG, 2x)",
    },
    "download.help_svg": {"zh": "下载报告用图（SVG）", "en": "Download a report figure (SVG)"},
    "download.failed": {
        "zh": "图表导出不可用，可使用图表右上角菜单保存。",
        "en": "Chart export is unavailable; use the chart's own menu to save it.",
    },
    # profile
    "profile.place": {"zh": "报告地区", "en": "Report of"},
    "profile.structure": {"zh": "报告结构：{name}", "en": "Report structure: {name}"},
    "profile.children": {"zh": "下辖地区：{names}", "en": "Places within: {names}"},
    "profile.no_source": {"zh": "该地区没有报告。", "en": "No report for this place."},
    "profile.unsectioned": {"zh": "未归入板块", "en": "Outside the report's sections"},
    "profile.change": {"zh": "随时间变化", "en": "Change over time"},
    "profile.child_of": {"zh": "{child}（{parent}下辖）", "en": "{child} (within {parent})"},
    # sources page
    "sources.meta": {"zh": "来源信息", "en": "Source details"},
    "sources.publisher": {"zh": "发布者", "en": "Publisher"},
    "sources.published": {"zh": "发布日期", "en": "Published"},
    "sources.text": {"zh": "原文文件", "en": "Text file"},
    "sources.sha256": {"zh": "SHA-256 校验值", "en": "SHA-256 checksum"},
    "sources.checksum_ok": {"zh": "校验值与文件一致", "en": "Checksum matches the file"},
    "sources.checksum_bad": {"zh": "校验值与文件不符", "en": "Checksum does not match the file"},
    "sources.curated": {"zh": "已整理数字：{n}", "en": "Figures curated: {n}"},
    "sources.invalid": {
        "zh": "因错误未收录的观测：{n}",
        "en": "Observations left out for errors: {n}",
    },
    "sources.excluded": {
        "zh": "排除的数字：{n}（{entries}条排除，各附理由）",
        "en": "Numbers excluded: {n} (exclusion entries, each with a reason: {entries})",
    },
    "sources.excluded_title": {"zh": "排除的数字及理由", "en": "Numbers left out, with reasons"},
    "sources.misprints": {
        "zh": "疑似印刷错误（两种读法）",
        "en": "Suspected misprints (both readings)",
    },
    "sources.no_misprints": {"zh": "没有标记的印刷错误。", "en": "No misprints flagged."},
    "sources.checks": {"zh": "算术核查", "en": "Arithmetic cross-checks"},
    "sources.conflicts": {"zh": "冲突", "en": "Conflicts"},
    "sources.no_conflicts": {"zh": "没有发现冲突。", "en": "No conflicts found."},
    "sources.conflict_line": {
        "zh": "{place} {indicator} {period}：{values}",
        "en": "{place} {indicator} {period}: {values}",
    },
    "sources.check_detail": {
        "zh": "{formula} = {result}，原文为{stated}（允许误差 ±{tolerance}）",
        "en": "{formula} = {result} vs stated {stated} (tolerance ±{tolerance})",
    },
    "sources.check_failed": {
        "zh": "{check}（{kind}）：{detail}",
        "en": "{check} ({kind}): {detail}",
    },
    "sources.issues": {"zh": "校验问题", "en": "Validation problems"},
    "sources.no_issues": {"zh": "没有校验问题。", "en": "No validation problems."},
    "sources.none": {"zh": "没有来源。", "en": "No sources."},
    "sources.denominators": {
        "zh": "分母（人口、行政村等）",
        "en": "Denominators (population, villages, ...)",
    },
    # curate page
    "page.curate": {"zh": "整理", "en": "Curate"},
    "curate.intro": {
        "zh": "逐个核对报告中的每个数字：接受或修改草稿建议，保存后立即重新检查该来源。",
        "en": (
            "Go through every number of a report: accept or change the draft's suggestions; "
            "each save checks the source again."
        ),
    },
    "curate.start": {"zh": "从何开始", "en": "Start from"},
    "curate.start.stored": {"zh": "已存来源", "en": "A stored source"},
    "curate.start.new": {"zh": "新文本", "en": "A new text"},
    "curate.source": {"zh": "来源", "en": "Source"},
    "curate.no_sources": {
        "zh": "数据中还没有来源。请先粘贴或上传一篇新文本。",
        "en": "The data holds no source yet. Paste or upload a new text first.",
    },
    "curate.no_text": {
        "zh": "该来源的原文未能读取，原因见下方问题。",
        "en": "The source's text could not be read; the problems below say why.",
    },
    "status.to_confirm": {"zh": "待确认", "en": "To confirm"},
    "status.uncovered": {"zh": "未覆盖", "en": "Uncovered"},
    "status.problem": {"zh": "有问题", "en": "Has a problem"},
    "status.curated": {"zh": "已整理", "en": "Curated"},
    "status.excluded": {"zh": "已排除", "en": "Excluded"},
    "curate.legend": {"zh": "原文中的数字（共 {n} 个）", "en": "Numbers of the text ({n} in all)"},
    "curate.legend.one": {"zh": "原文中的数字（共 {n} 个）", "en": "Numbers of the text ({n})"},
    "curate.text": {"zh": "原文", "en": "The text"},
    "curate.number": {"zh": "数字", "en": "Number"},
    "curate.only_todo": {"zh": "只列出待处理的数字", "en": "List only numbers still to do"},
    "curate.next": {"zh": "下一个待处理", "en": "Next to do"},
    "curate.all_done": {
        "zh": "每个数字都已整理或排除。",
        "en": "Every number is curated or excluded.",
    },
    "curate.context": {"zh": "所在语句", "en": "In its sentence"},
    "curate.reads": {
        "zh": "解析为：{printed}（{qualifier}）",
        "en": "Read as: {printed} ({qualifier})",
    },
    "curate.not_quantity": {
        "zh": "这不是一个带单位的数量，只能作为排除项保存。",
        "en": "This is not a quantity with a unit; it can only be saved as an exclusion.",
    },
    "curate.mode": {"zh": "保存为", "en": "Save as"},
    "curate.mode.observation": {"zh": "观测数字", "en": "An observation"},
    "curate.mode.exclusion": {"zh": "排除项（附理由）", "en": "An exclusion (with a reason)"},
    "curate.indicator": {"zh": "指标", "en": "Indicator"},
    "curate.place": {"zh": "地区", "en": "Place"},
    "curate.period": {"zh": "期间", "en": "Period"},
    "curate.period_help": {
        "zh": "写作 YYYY、YYYY-MM、YYYY-MM-DD（时点）、START..END 或 ..END（累计）",
        "en": "YYYY, YYYY-MM, YYYY-MM-DD (a stock), START..END or ..END (cumulative)",
    },
    "curate.section": {"zh": "板块", "en": "Section"},
    "curate.section_none": {"zh": "（不归入板块）", "en": "(no section)"},
    "curate.quote": {"zh": "引语", "en": "Quote"},
    "curate.quote_help": {
        "zh": "原文中逐字摘录、只出现一次的一段，须包含这个数字",
        "en": "A verbatim stretch of the text that occurs once and holds the number",
    },
    "curate.scope_zh": {"zh": "统计范围（中文）", "en": "Scope (Chinese)"},
    "curate.scope_en": {"zh": "统计范围（英文）", "en": "Scope (English)"},
    "curate.notes": {"zh": "备注", "en": "Notes"},
    "curate.kind": {"zh": "排除类型", "en": "Kind"},
    "curate.reason": {"zh": "理由", "en": "Reason"},
    "curate.sure": {"zh": "草稿把握：{confidence}", "en": "Draft's confidence: {confidence}"},
    "curate.why": {
        "zh": "草稿把握：{confidence}（{why}）",
        "en": "Draft's confidence: {confidence} ({why})",
    },
    "curate.confirm_fields": {
        "zh": "待人工确认：{fields}",
        "en": "Waiting for a person to confirm: {fields}",
    },
    "curate.no_fit": {
        "zh": "目录中没有完全合适的指标；已选最接近的一个，也可在 indicators.yaml 中新增。",
        "en": (
            "No catalogue indicator quite fits; the closest is chosen. "
            "A new one can be added to indicators.yaml."
        ),
    },
    "curate.save": {"zh": "保存", "en": "Save"},
    "curate.save_help": {
        "zh": "写入该来源的观测文件，确认本条的全部字段，并重新检查该来源",
        "en": (
            "Writes the source's observations file, confirms every field shown "
            "and checks the source again"
        ),
    },
    "curate.saved": {"zh": "已保存 {entry}。", "en": "Saved {entry}."},
    "curate.problems": {"zh": "该来源的问题（{n} 个）", "en": "Problems of this source ({n})"},
    "curate.problems.one": {"zh": "该来源的问题（{n} 个）", "en": "Problem of this source ({n})"},
    "curate.no_problems": {
        "zh": "该来源通过检查：没有问题。",
        "en": "This source passes the check: no problems.",
    },
    "curate.number_problems": {"zh": "这个数字的问题", "en": "Problems of this number"},
    "curate.where": {"zh": "第 {line} 行，{field}", "en": "line {line}, {field}"},
    "curate.new.text": {"zh": "粘贴报告全文", "en": "Paste the report's text"},
    "curate.new.upload": {"zh": "或上传 UTF-8 文本文件", "en": "Or upload a UTF-8 text file"},
    "curate.new.id": {"zh": "来源编号", "en": "Source id"},
    "curate.new.id_help": {
        "zh": "小写字母、数字和连字符，例如 qingxi-2023-01",
        "en": "Lowercase letters, digits and dashes, such as qingxi-2023-01",
    },
    "curate.new.place": {"zh": "报告所属地区", "en": "Place the report is of"},
    "curate.new.published": {"zh": "发布日期", "en": "Published"},
    "curate.new.published_help": {
        "zh": "YYYY、YYYY-MM 或 YYYY-MM-DD",
        "en": "YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "curate.new.title": {
        "zh": "标题（可不填，默认取首行）",
        "en": "Title (optional: the first line)",
    },
    "curate.new.publisher": {"zh": "发布者（可不填）", "en": "Publisher (optional)"},
    "curate.new.draft": {"zh": "起草", "en": "Draft"},
    "curate.drafted": {
        "zh": "已起草 {source}：写入 {n} 个文件，共 {entries} 条。请逐条确认。",
        "en": "Drafted {source} (files written: {n}; entries: {entries}). Confirm them one by one.",
    },
    "curate.error.bad_source_id": {
        "zh": "来源编号须为小写字母、数字和连字符（如 qingxi-2023-01），收到的是“{got}”。",
        "en": "A source id is lowercase letters, digits and dashes (qingxi-2023-01); got “{got}”.",
    },
    "curate.error.outside": {
        "zh": "拒绝写入：{got} 会落到数据文件夹之外。",
        "en": "Refused: {got} would be written outside the data folder.",
    },
    "curate.error.changed": {
        "zh": "{entry} 已在别处被修改或删除；页面已刷新，请重新核对后再保存。",
        "en": (
            "{entry} was changed or removed elsewhere; the page is refreshed: "
            "check it again, then save."
        ),
    },
    "curate.error.in_check": {
        "zh": "{entry} 被算术核查引用，不能改为排除项；请先修改核查。",
        "en": (
            "{entry} is used by an arithmetic cross-check and cannot become an exclusion; "
            "change the check first."
        ),
    },
    "curate.error.not_its_file": {
        "zh": "{file} 声明的不是这个来源，未作修改。",
        "en": "{file} declares another source; nothing was changed.",
    },
    "curate.error.write_failed": {
        "zh": "未能写入 {file}（磁盘或权限问题），文件保持原样。",
        "en": "{file} could not be written (disk or permissions); the file is as it was.",
    },
    "curate.error.unreadable": {
        "zh": "{file} 无法读取为 YAML，未作修改；请先用编辑器修正。",
        "en": "{file} does not read as YAML; nothing was changed. Fix it in an editor first.",
    },
    "curate.error.bad_choice": {
        "zh": "“{field}”的值“{got}”不在数据目录中。",
        "en": "“{got}” is not a known value for “{field}”.",
    },
    "curate.error.bad_period": {
        "zh": "期间“{got}”无法识别；请写作 YYYY、YYYY-MM-DD、START..END 或 ..END。",
        "en": "The period “{got}” does not read; write YYYY, YYYY-MM-DD, START..END or ..END.",
    },
    "curate.error.empty": {"zh": "请填写“{field}”。", "en": "Fill in “{field}”."},
    "curate.error.bad_mode": {"zh": "未知的保存方式。", "en": "Unknown way to save."},
    "curate.error.not_a_quantity": {
        "zh": "“{number}”不是带单位的数量，只能保存为排除项。",
        "en": "“{number}” is not a quantity with a unit; save it as an exclusion.",
    },
    "curate.error.bad_published": {
        "zh": "发布日期“{got}”无法识别；请写作 YYYY、YYYY-MM 或 YYYY-MM-DD。",
        "en": "The date “{got}” does not read; write YYYY, YYYY-MM or YYYY-MM-DD.",
    },
    "curate.error.empty_text": {
        "zh": "文本为空或不含数字，没有可整理的内容。",
        "en": "The text is empty or has no numbers: there is nothing to curate.",
    },
    "curate.error.too_large": {
        "zh": "文本超过 5 MB（{size} 字节），请拆分后再起草。",
        "en": "The text is over 5 MB ({size} bytes); split it before drafting.",
    },
    "curate.error.other_text": {
        "zh": "编号 {source} 已用于另一篇文本；原文从不修改，请为新文本另取编号。",
        "en": (
            "The id {source} already holds another text; texts are never edited, "
            "so give the new one its own id."
        ),
    },
    "curate.error.not_utf8": {
        "zh": "上传的文件不是 UTF-8 文本；请先转换（如 iconv -f GBK -t UTF-8）。",
        "en": "The upload is not UTF-8 text; convert it first (iconv -f GBK -t UTF-8).",
    },
    # problems, as the Curate page words them
    "issue.file-missing": {"zh": "缺少必需的文件", "en": "A required file is missing"},
    "issue.file-unreadable": {"zh": "文件无法读取", "en": "A file cannot be read"},
    "issue.file-too-large": {"zh": "文件过大", "en": "A file is too large"},
    "issue.not-utf8": {"zh": "文件不是 UTF-8 编码", "en": "A file is not UTF-8"},
    "issue.empty-file": {"zh": "文件为空", "en": "A file is empty"},
    "issue.yaml-syntax": {"zh": "YAML 语法错误", "en": "A YAML syntax error"},
    "issue.tab-indentation": {"zh": "用了制表符缩进", "en": "Tabs used for indentation"},
    "issue.yaml-alias": {"zh": "用了 YAML 锚点或别名", "en": "A YAML anchor or alias"},
    "issue.too-deep": {"zh": "嵌套过深", "en": "Nesting too deep"},
    "issue.unknown-tag": {"zh": "用了 YAML 标签", "en": "A YAML tag"},
    "issue.multiple-documents": {
        "zh": "一个文件含多个文档",
        "en": "More than one document in a file",
    },
    "issue.duplicate-key": {"zh": "键重复", "en": "A key given twice"},
    "issue.wrong-type": {"zh": "值的类型不对", "en": "A value of the wrong type"},
    "issue.missing-field": {"zh": "缺少字段", "en": "A field is missing"},
    "issue.unknown-key": {"zh": "未知的键", "en": "An unknown key"},
    "issue.bad-id": {"zh": "编号格式不对", "en": "An id in the wrong form"},
    "issue.bad-choice": {"zh": "值不在可选范围内", "en": "A value outside the allowed choices"},
    "issue.duplicate-id": {"zh": "编号重复", "en": "An id used twice"},
    "issue.bad-period": {"zh": "期间格式不对", "en": "A period in the wrong form"},
    "issue.negative-value": {"zh": "数值为负", "en": "A negative value"},
    "issue.bad-range": {"zh": "区间上下限不对", "en": "A range whose bounds are wrong"},
    "issue.unknown-place": {"zh": "未知的地区", "en": "An unknown place"},
    "issue.unknown-program": {"zh": "未知的项目", "en": "An unknown program"},
    "issue.unknown-framework": {"zh": "未知的框架领域", "en": "An unknown framework area"},
    "issue.unknown-indicator": {"zh": "未知的指标", "en": "An unknown indicator"},
    "issue.unknown-unit": {"zh": "未知的单位", "en": "An unknown unit"},
    "issue.unknown-source": {"zh": "未知的来源", "en": "An unknown source"},
    "issue.unknown-section": {"zh": "未知的板块", "en": "An unknown section"},
    "issue.dimension-unit-mismatch": {
        "zh": "指标单位与量纲不符",
        "en": "An indicator's unit outside its dimension",
    },
    "issue.place-not-in-source": {
        "zh": "地区不在该来源的地区列表中",
        "en": "A place not listed for the source",
    },
    "issue.file-name-mismatch": {
        "zh": "文件名与来源编号不符",
        "en": "A file not named for its source",
    },
    "issue.to-confirm": {"zh": "草稿建议待人工确认", "en": "Draft suggestions wait for a person"},
    "issue.text-missing": {"zh": "找不到原文文件", "en": "The text file is missing"},
    "issue.text-path-escapes": {
        "zh": "原文路径指向数据文件夹之外",
        "en": "The text path leads out of the data folder",
    },
    "issue.sha256-mismatch": {"zh": "原文的校验值不符", "en": "The text's checksum does not match"},
    "issue.missing-observations": {
        "zh": "缺少该来源的观测文件",
        "en": "The source has no observations file",
    },
    "issue.quote-not-in-source": {"zh": "引语不在原文中", "en": "The quote is not in the text"},
    "issue.ambiguous-quote": {
        "zh": "引语在原文中出现多次",
        "en": "The quote occurs more than once",
    },
    "issue.value-disagrees-with-quote": {
        "zh": "数值与引语不符",
        "en": "The value disagrees with the quote",
    },
    "issue.unit-disagrees-with-quote": {
        "zh": "单位与引语不符",
        "en": "The unit disagrees with the quote",
    },
    "issue.qualifier-disagrees-with-quote": {
        "zh": "限定词与引语不符",
        "en": "The qualifier disagrees with the quote",
    },
    "issue.indicator-unit-mismatch": {
        "zh": "指标的单位与引语不符",
        "en": "The indicator's unit does not fit the quote",
    },
    "issue.extract-failed": {"zh": "数字解析失败", "en": "Extract failed on the text"},
    "issue.exclusion-not-located": {
        "zh": "排除项的文字不在其引语中",
        "en": "An exclusion's text is not in its quote",
    },
    "issue.uncovered-quantity": {
        "zh": "这个数量既未整理也未排除",
        "en": "A quantity neither curated nor excluded",
    },
    "issue.uncovered-number": {
        "zh": "这个数字既未整理也未排除",
        "en": "A number neither curated nor excluded",
    },
    "issue.denominator-disagrees-with-quote": {
        "zh": "分母与引语不符",
        "en": "A denominator disagrees with its quote",
    },
    "issue.bad-correction": {"zh": "更正的单位不对", "en": "A correction in the wrong unit"},
    "issue.unknown-operand": {
        "zh": "核查引用了未知的数字",
        "en": "A cross-check names an unknown figure",
    },
    "issue.bad-cross-check": {
        "zh": "核查的写法不对",
        "en": "A cross-check that cannot be evaluated",
    },
    "issue.failed-cross-check": {"zh": "算术核查未通过", "en": "An arithmetic cross-check fails"},
    # report figures (povdash.report.figure, povdash.report.export)
    "figure.title": {"zh": "{label}：{places}", "en": "{label}: {places}"},
    "figure.place_sep": {"zh": "、", "en": " vs "},
    "figure.place_last": {"zh": "与", "en": " vs "},
    "figure.indicator": {
        "zh": "指标：{label}（{program}）",
        "en": "Indicator: {label} ({program})",
    },
    "figure.indicator_program": {
        "zh": "指标：{label} · 项目：{program}",
        "en": "Indicator: {label} · Program: {program}",
    },
    "figure.unit": {"zh": "单位：{unit}", "en": "Unit: {unit}"},
    "figure.period": {"zh": "期间：{periods}", "en": "Period: {periods}"},
    "figure.period_sep": {"zh": "；", "en": "; "},
    "figure.basis": {"zh": "标准化：{basis}", "en": "Normalisation: {basis}"},
    "figure.note": {"zh": "注：", "en": "Note: "},
    "figure.note_n": {"zh": "注{n}：", "en": "Note {n}: "},
    "figure.source": {
        "zh": "来源：{publisher}《{title}》，{published}",
        "en": "Source: {publisher}, “{title}”, {published}",
    },
    "figure.made": {"zh": "povdash 制图，{date}", "en": "Made with povdash on {date}"},
    "figure.source_short": {
        "zh": "{publisher}（{published}，见下方来源）",
        "en": "{publisher} ({published}, listed below)",
    },
    "figure.denominator": {
        "zh": "分母：{place}{kind}{value}（{year}年），来源：{source}",
        "en": "Denominator: {place} {kind} {value} ({year}), source: {source}",
    },
    "figure.denominator_why": {"zh": "；{note}", "en": "; {note}"},
    "figure.no_denominator": {"zh": "分母：{place}{none}", "en": "Denominator: {place}, {none}"},
    "figure.misprint": {
        "zh": "疑似印刷错误：{place}原文为{printed}，可能应为{other}{reason}；图中按原文数值绘制。",
        "en": "Suspected misprint: {place} printed {printed}, likely {other}{reason}; "
        "the chart shows the printed value.",
    },
    "figure.misprint_reason": {"zh": "（{reason}）", "en": " ({reason})"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for key in 'zh', 'en' or 'both' ('zh / en'); placeholders filled from values.

    An unknown key returns the key itself, so a missing label shows up instead of crashing a page.
    """
    if values.get("n") == 1 and f"{key}.one" in LABELS:
        key = f"{key}.one"
    entry = LABELS.get(key)
    if entry is None:
        return key
    zh = entry["zh"].format(**values) if values else entry["zh"]
    en = entry["en"].format(**values) if values else entry["en"]
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en or not en else (en if not zh else f"{zh} / {en}")


def tb(key: str, lang: str, **values: tuple[object, object]) -> str:
    """t() of a label that holds data text of both languages: each value is a (zh, en) pair, so
    'both' reads "报告结构：X / Report structure: Y", not each language with both names."""
    if lang == "both":
        zh, en = tb(key, "zh", **values), tb(key, "en", **values)
        return zh if zh == en else f"{zh} / {en}"
    pick = 0 if lang == "zh" else 1
    return t(key, lang, **{k: "" if v[pick] is None else v[pick] for k, v in values.items()})


def bi(zh: object, en: object, lang: str) -> str:
    """A bilingual data text (a place or indicator name) in the chosen language."""
    zh_text = "" if zh is None or zh != zh else visible(str(zh))  # zh != zh: NaN
    en_text = "" if en is None or en != en else visible(str(en))
    if lang == "zh":
        return zh_text or en_text
    if lang == "en":
        return en_text or zh_text
    if zh_text and en_text and zh_text != en_text:
        return f"{zh_text} {en_text}"
    return zh_text or en_text


def level_label(level: str, lang: str) -> str:
    """An admin level (prefecture_city) in words."""
    return t(f"level.{level}", lang) if f"level.{level}" in LABELS else level


def period_label(period: str, lang: str) -> str:
    """A period string of the data model in words: '..2020-04-21' -> '截至2020-04-21累计'."""
    if lang == "both":
        zh, en = period_label(period, "zh"), period_label(period, "en")
        return zh if zh == en else f"{zh} / {en}"
    if not period:
        return ""
    if ".." in period:
        start, end = period.split("..", 1)
        if not start:
            return t("period.upto", lang, end=end)
        return t("period.range", lang, start=start, end=end)
    parts = period.split("-")
    if len(parts) == 1:
        return t("period.year", lang, year=parts[0])
    if len(parts) == 2:
        return t("period.month", lang, year=parts[0], month=parts[1])
    return t("period.as_of", lang, date=period)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Text made inert for Streamlit Markdown (metric labels, captions): no links, no markup,
    no invisible bidi or zero-width characters."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else visible(str(text)))
