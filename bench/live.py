"""A live dashboard for a real browser: `streamlit run` on a free loopback port, and headless
Debian Chromium driven by Playwright. The browser tests, the server tests and the browser
bench (bench.browser) all start them here."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The drawn chart: `.marks` alone also matches each bar group inside it.
CHART = '[data-testid="stVegaLiteChart"] > .marks'
# What the browser tests and the bench add to `streamlit run` (the server tests leave it out:
# they check what the project's own config binds).
LOOPBACK = ("--server.address", "127.0.0.1")


class ServerError(RuntimeError):
    """The server exited or never answered its health check."""


@dataclass(frozen=True)
class Server:
    """A running `streamlit run`: its URL, its process, and when it was started."""

    url: str
    process: subprocess.Popen[bytes]
    started: float  # time.monotonic() just before the process started


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(
    script: Path,
    env: dict[str, str] | None = None,
    args: Sequence[str] = LOOPBACK,
    timeout: float = 60,
) -> Iterator[Server]:
    """`streamlit run script --server.headless true` on a free port, with env added to this
    process's environment and args after the port, until the block ends (its process group is
    then stopped)."""
    port = free_port()
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, script, started + timeout)
        yield Server(url, proc, started)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], script: Path, deadline: float) -> None:
    """Return once the server's health check answers 200; ServerError if it exits or the
    deadline passes first."""
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            raise ServerError(f"streamlit run {script.name} exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise ServerError(f"streamlit run {script.name} never answered its health check")
        time.sleep(0.2)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (which never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
