"""The dashboard's server, `streamlit run serve.py` (make run): Streamlit serving dashboard.py,
with an unknown nested URL (/a/b/c) sent to its first segment (/a).

Streamlit answers every path it does not know with its page, whose scripts are linked relative
to the URL: under /a/b/c they resolve to /a/b/static/..., get the page back instead of code, and
the page stays blank (streamlit/streamlit#8013). At /a, Streamlit itself says the page was not
found and shows the main page; a real page (/data/x -> /data) simply opens.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# First segments of Streamlit's own routes (its API, media, components, assets, app/static and
# sign-in), whose nested paths are real.
STREAMLIT_ROUTES = frozenset({"_stcore", "media", "component", "static", "app", "auth"})
# The page looks for the server under every prefix of its URL (/data/_stcore/health, then
# /_stcore/health): those probes must get Streamlit's own answer.
API = "_stcore"


def redirect_target(path: str, query: bytes) -> str | None:
    """Where a nested unknown path is sent (its first segment, query kept), or None."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 or path.startswith("//") or parts[0] in STREAMLIT_ROUTES or API in parts:
        return None  # Streamlit's own answer: its page, a file, its 400 for //, its 301 for /a/
    target = "/" + quote(parts[0], safe="")  # one segment: never a URL of another host
    return f"{target}?{query.decode('latin-1')}" if query else target


class NestedPathRedirect:
    """ASGI middleware: GET and HEAD of a nested unknown path get a 302 to redirect_target."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            target = redirect_target(scope["path"], scope.get("query_string", b""))
            if target is not None:
                await RedirectResponse(target, status_code=302)(scope, receive, send)
                return
        await self.app(scope, receive, send)


app = st.App(
    Path(__file__).resolve().with_name("dashboard.py"),
    middleware=[Middleware(NestedPathRedirect)],
)
