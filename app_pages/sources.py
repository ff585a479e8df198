"""Sources and checks: each source's metadata and checksum, what was curated and left out,
suspected misprints with both readings, conflicts, and every validation problem."""

from __future__ import annotations

import streamlit as st

from app_pages import _state
from povdash.analysis import comparability
from povdash.data.curation import curation_counts
from povdash.render.labels import bi, md_escape, t

context = _state.current()
lang = context.lang
dataset = context.dataset

st.title(t("page.sources", lang))

if dataset is None:
    st.info(t("sources.none", lang))
else:
    table = context.table
    counts = curation_counts(dataset)
    for source in dataset.sources.values():
        st.subheader(md_escape(bi(source.title_zh, source.title_en, lang)))
        left, right = st.columns([3, 2])
        with left:  # three fifths of the main column
            _state.table(
                comparability.source_meta(source, dataset.issues, lang, dataset.places),
                _state.MAIN_WIDTH * 3 // 5 - 16,
            )
        counted = counts[source.id]
        lines = [t("sources.curated", lang, n=counted.figures)]
        if counted.invalid:
            lines.append(t("sources.invalid", lang, n=counted.invalid))
        lines.append(
            t("sources.excluded", lang, n=counted.excluded_numbers, entries=counted.exclusions)
        )
        right.markdown("  \n".join(lines))
        excluded = comparability.exclusions_frame(dataset.exclusions, source.id, lang)
        with right.expander(t("sources.excluded_title", lang)):
            _state.table(excluded, _state.MAIN_WIDTH * 2 // 5 - 40)

    st.subheader(t("sources.misprints", lang))
    misprints = comparability.misprints_frame(table, lang)
    if misprints.empty:
        st.caption(t("sources.no_misprints", lang))
    else:
        _state.table(misprints)

    st.subheader(t("sources.conflicts", lang))
    lines = comparability.conflicts(table, dataset.checks, lang)
    if lines:
        st.text("\n".join(lines))
    else:
        st.caption(t("sources.no_conflicts", lang))

    st.subheader(t("sources.checks", lang))
    _state.table(comparability.checks_frame(dataset.checks, lang))

    st.subheader(t("sources.denominators", lang))
    _state.table(comparability.denominators_frame(dataset.denominators, dataset.places, lang))

    st.subheader(t("sources.issues", lang))
    if dataset.issues:
        _state.table(comparability.issues_frame(dataset.issues, lang))
    else:
        st.caption(t("sources.no_issues", lang))
