"""The server talks only to the local browser: loopback bind, no telemetry, no outbound sockets."""

from __future__ import annotations

import os
import socket
import tomllib
import urllib.request
from pathlib import Path

import pytest
from conftest import served_script

from bench import live

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"


def test_config_binds_loopback_without_telemetry() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["browser"]["serverAddress"] == "127.0.0.1"


def socket_inodes(pid: int) -> set[str]:
    """Inodes of the sockets a process holds open, read from /proc."""
    inodes = set()
    for fd in (Path("/proc") / str(pid) / "fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def decode_address(hex_addr: str) -> str:
    """Turn /proc/net/tcp's hex address into a dotted or colon form (port dropped)."""
    host = hex_addr.split(":")[0]
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
    return socket.inet_ntop(socket.AF_INET6, b"".join(words))


def inet_sockets(inodes: set[str]) -> list[tuple[str, str, str]]:
    """(protocol, local address, remote address) of the given socket inodes."""
    found = []
    for proto in ("tcp", "tcp6", "udp", "udp6"):
        table = Path("/proc/net") / proto
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            cols = line.split()
            if cols[9] in inodes:
                found.append((proto, decode_address(cols[1]), decode_address(cols[2])))
    return found


def is_loopback_or_unset(address: str) -> bool:
    return (
        address in {"0.0.0.0", "::"}
        or address.startswith("127.")
        or address in {"::1"}
        or (address.startswith("::ffff:127."))
    )


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_running_server_holds_only_loopback_sockets(tmp_path: Path) -> None:
    home = {"HOME": str(tmp_path)}  # a clean home: no machine id may be written
    # what `make run` starts, bound as the project's config says
    with live.serve(served_script(), home, args=()) as running:
        # Load the page once so the server runs the script and opens whatever it opens on use.
        with urllib.request.urlopen(f"{running.url}/", timeout=5) as page:
            assert page.status == 200
        sockets = inet_sockets(socket_inodes(running.process.pid))
        assert sockets, "found no sockets at all: the /proc reading is broken"
        listening = [s for s in sockets if s[2] in {"0.0.0.0", "::"}]
        assert listening and all(s[1].startswith("127.") or s[1] == "::1" for s in listening), (
            sockets
        )
        outbound = [s for s in sockets if not is_loopback_or_unset(s[2])]
        assert not outbound, f"non-loopback connections: {outbound}"
        assert not (tmp_path / ".streamlit" / "machine_id_v4").exists(), (
            "usage statistics id written"
        )
