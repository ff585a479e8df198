"""A content-keyed on-disk cache of pure results (YAML trees, quantities of source texts), as JSON.

Entries live under $XDG_CACHE_HOME/povdash (else ~/.cache/povdash), one file per key; the key is a
sha256 of the input's content and the producer's version, so an entry is never stale, only unused.
JSON, never pickle: a file in the cache must not be a way to run code. Every entry is checked on
read by the caller's decoder and anything unreadable, corrupt or foreign is ignored and rebuilt.
POVDASH_CACHE=0 turns the cache off (nothing is read or written).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from povdash.data.files import Refused, read_regular

# bump when an entry's layout changes or povdash.data.yamlio parses differently (extract's results
# are keyed by extract's own version and sources, see povdash.data.validate.extract_version)
CACHE_VERSION = "1"
# a bigger file is not ours (the largest entry, quantities of a 5 MB text, stays well below)
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_MADE: set[Path] = set()  # folders this process created or found, so a put costs no mkdir


def cache_dir() -> Path | None:
    """The cache folder, or None when POVDASH_CACHE=0 turns the cache off."""
    if os.environ.get("POVDASH_CACHE", "").strip() == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "povdash"


_TRUSTED: dict[Path, bool] = {}


def _trusted(folder: Path) -> bool:
    """False when an existing cache folder is a symlink (it may lead anywhere), belongs to
    another user or others may write to it (its entries could then be planted); checked once
    per process and folder, for the cache folder and each of its sub-folders."""
    known = _TRUSTED.get(folder)
    if known is not None:
        return known
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True  # put creates it with mode 0o700; decided once it exists
    except OSError:
        info = None
    getuid = getattr(os, "getuid", None)
    ok = (
        info is not None
        and stat.S_ISDIR(info.st_mode)  # lstat: a symlink is not a folder
        and (getuid is None or (info.st_uid == getuid() and not info.st_mode & 0o022))
    )
    _TRUSTED[folder] = ok
    return ok


def enabled() -> bool:
    """False when POVDASH_CACHE=0 turns the cache off (callers then skip computing keys)."""
    return cache_dir() is not None


def make_key(kind: str, *parts: bytes | str) -> str:
    """A hex sha256 of the cache version, the kind and every part (length-prefixed)."""
    digest = hashlib.sha256(f"povdash-cache {CACHE_VERSION} {kind}\0".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()


def get(kind: str, key: str) -> Any | None:
    """The JSON payload stored under kind/key, or None when absent, off or unreadable.

    The payload is not trusted: the caller validates its shape while decoding it."""
    folder = cache_dir()
    if folder is None or not _trusted(folder) or not _trusted(folder / kind):
        return None
    try:
        # a FIFO, a device or a link planted under the entry's name is refused unread
        raw = read_regular(folder / kind / f"{key}.json", MAX_ENTRY_BYTES, follow=False)
        entry = json.loads(raw)
    except (OSError, Refused, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("v") != CACHE_VERSION or entry.get("key") != key:
        return None  # another layout, or a file copied under a name that is not its key
    return entry.get("data")


def put(kind: str, key: str, data: Any) -> None:
    """Store a JSON-able payload under kind/key (atomically); failures only cost a rebuild."""
    folder = cache_dir()
    if folder is None or not _trusted(folder) or not _trusted(folder / kind):
        return
    target = folder / kind
    try:
        if target not in _MADE:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.mkdir(mode=0o700, exist_ok=True)
            _MADE.add(target)
        text = json.dumps(
            {"v": CACHE_VERSION, "key": key, "data": data},
            ensure_ascii=False,
            check_circular=False,  # the payload is a fresh tree of lists and dicts
            separators=(",", ":"),
        ).encode("utf-8", "surrogatepass")
        temp = target / f".{key}.{os.getpid()}.tmp"
        # O_EXCL: never write through a file or link someone put under the temporary name
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
            os.replace(temp, target / f"{key}.json")  # readers see the old entry or the new one
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError:
        _MADE.discard(target)  # perhaps the folder was removed: make it again next time
    except (ValueError, TypeError, RecursionError):
        return
