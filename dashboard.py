"""povdash dashboard entry point: `streamlit run dashboard.py` (or `make run`).

It owns the page frame: page config, the sidebar (language, places, programs, period kind), the one
cached data load with its banner, navigation over app_pages/, and the URL that keeps the view.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from app_pages import _state
from povdash.render.labels import t

HERE = Path(__file__).resolve().parent

# A file, not a :material/...: name: Streamlit inlines an SVG file as a data: URL, while a
# material name makes every browser fetch the icon from fonts.gstatic.com.
st.set_page_config(
    page_title="povdash · 脱贫攻坚指标",
    page_icon=HERE / "app_pages" / "icon.svg",
    layout="wide",
)

context = _state.setup()
lang = context.lang
# The browser tab's title follows the language too (set once the sidebar has chosen it).
st.set_page_config(page_title=f"{t('app.title', lang)} · povdash")

PAGES = [
    st.Page(
        HERE / "app_pages" / "overview.py",
        title=t("page.overview", lang),
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page(
        HERE / "app_pages" / "compare.py",
        title=t("page.compare", lang),
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
    st.Page(
        HERE / "app_pages" / "profile.py",
        title=t("page.profile", lang),
        icon=":material/article:",
        url_path="profile",
    ),
    st.Page(
        HERE / "app_pages" / "data.py",
        title=t("page.data", lang),
        icon=":material/table:",
        url_path="data",
    ),
    st.Page(
        HERE / "app_pages" / "curate.py",
        title=t("page.curate", lang),
        icon=":material/edit_note:",
        url_path="curate",
    ),
    st.Page(
        HERE / "app_pages" / "sources.py",
        title=t("page.sources", lang),
        icon=":material/fact_check:",
        url_path="sources",
    ),
]

page = st.navigation(PAGES, position="top")
_state.banner(context.problems, lang)
_state.gone_notice(context)
try:
    page.run()
except Exception:  # Streamlit's own control flow (rerun, stop) is BaseException and passes
    # The user sees one plain sentence; the traceback goes to the server log only.
    logging.getLogger("povdash.dashboard").exception("page %s failed", page.title)
    st.error(t("error.page", lang))
_state.write_url(context)
