"""Reading a file that may be hostile: regular files only, bounded, never blocking on a FIFO."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(Exception):
    """A file not read: `kind` is 'folder', 'special' (a FIFO, socket or device) or 'too-large'
    (`size` in bytes from fstat, or None when it grew while read)."""

    def __init__(self, kind: str, size: int | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.size = size


def read_regular(path: Path | str, limit: int, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; Refused or OSError otherwise.

    The file is opened without blocking (opening a FIFO would otherwise wait for a writer
    forever) and checked on the opened descriptor, so it cannot be swapped after the check;
    a file too large is refused from its size alone, and no more than limit + 1 bytes are read.
    With follow=False a symlink is refused too (OSError ELOOP).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("folder" if stat.S_ISDIR(info.st_mode) else "special")
        if info.st_size > limit:
            raise Refused("too-large", info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:  # the file grew between fstat and read
        raise Refused("too-large")
    return b"".join(chunks)
