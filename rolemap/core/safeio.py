"""Reading and writing chart files safely: one bounded reader, one write that respects links.

Reading: only regular files, at most ``MAX_FILE_BYTES``; a device, a FIFO or a folder is a clear
problem, never a hang (the open is non-blocking) or a MemoryError (the read is bounded).

Writing: the target must be a regular file or absent. A symlink is followed, so the real file
gets the edit and the link stays a link; a file with several hard links is rewritten in place
(after a complete copy of the new text is on disk beside it), so every name sees the edit; any
other file is replaced atomically by rename. Permission bits are kept. A read-only file is
refused unless the caller says the user agreed.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

from rolemap.core.errors import ChartLoadError, Problem

# A 100,000-task chart is about 35 MB; leave generous room above that.
MAX_FILE_BYTES = 128 * 1024 * 1024

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words a user knows."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def too_big(size: int) -> Problem:
    return Problem(
        f"the file is {size / 2**20:.0f} MiB; rolemap reads role charts up to "
        f"{MAX_FILE_BYTES / 2**20:.0f} MiB. Is this the right file?"
    )


def not_regular_reason(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a file (without opening it), or None when it can."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # opening it reports the reason
    return None if stat.S_ISREG(mode) else _not_regular(mode).message


def read_bounded(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path``; raises ChartLoadError for anything else."""
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise ChartLoadError(name, [_not_regular(stat.S_IFDIR)]) from None
        raise ChartLoadError(name, [_os_problem(exc)]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ChartLoadError(name, [_not_regular(mode)])
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            raise ChartLoadError(name, [too_big(size)])
        chunks = []
        remaining = MAX_FILE_BYTES + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES:  # it grew while we read it
            raise ChartLoadError(
                name,
                [
                    Problem(
                        f"the file grew past {MAX_FILE_BYTES / 2**20:.0f} MiB while it was read; "
                        "is this the right file?"
                    )
                ],
            )
        return data
    except OSError as exc:
        raise ChartLoadError(name, [_os_problem(exc)]) from None
    finally:
        os.close(fd)


def _not_regular(mode: int) -> Problem:
    return Problem(
        f"cannot read this: it is {kind_of(mode)}, not a role-chart file; "
        "give the path of a .yaml file"
    )


def _os_problem(exc: OSError) -> Problem:
    return Problem(f"cannot read the file: {exc.strerror or exc}")


class WriteRefused(OSError):
    """rolemap will not write to this path; ``strerror`` says why and what to do."""

    def __init__(self, path: str, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, path)


class ReadOnlyTarget(WriteRefused):
    """The target exists and is read-only; writing needs the user's explicit agreement."""


def real_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` should change: symlinks followed, checked to be writable.

    Raises WriteRefused when the target exists and is not a regular file.
    """
    name = os.fspath(path)
    target = Path(os.path.realpath(name))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise WriteRefused(name, f"cannot check the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(name, f"it is {kind_of(st.st_mode)}, not a regular file")
    return target


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """True when the file exists and its permissions say it must not be written."""
    try:
        mode = os.stat(os.path.realpath(os.fspath(path))).st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        os.path.realpath(os.fspath(path)), os.W_OK
    )


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name one existing file (through links, hard links, ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_file(path: str | os.PathLike[str], data: bytes, *, allow_read_only: bool = False) -> Path:
    """Write ``data`` as the new content of ``path``; the old content stays whole on failure.

    Returns the real file written. Raises WriteRefused (non-regular target), ReadOnlyTarget
    (read-only target without ``allow_read_only``) or OSError.
    """
    target = real_target(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not allow_read_only and is_read_only(target):
        raise ReadOnlyTarget(
            os.fspath(path),
            "the file is read-only; make it writable first if you mean to change it",
            errno.EACCES,
        )
    if st is not None and st.st_nlink > 1:
        _write_in_place(target, data, st)
    else:
        _write_atomic(target, data, st)
    return target


def _mkstemp_beside(target: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


def _write_atomic(target: Path, data: bytes, st: os.stat_result | None) -> None:
    """Write to a temporary file beside ``target``, flush it to disk, then rename it over."""
    fd, tmp = _mkstemp_beside(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            mode = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        _replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(target.parent)


def _write_in_place(target: Path, data: bytes, st: os.stat_result) -> None:
    """Keep hard links: a whole copy goes to disk first, then the file is rewritten in place.

    A kill during the rewrite leaves that copy (``.NAME.*.tmp``) beside the file.
    """
    fd, tmp = _mkstemp_beside(target)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    _fsync_dir(target.parent)
    made_writable = False
    try:
        if not os.access(target, os.W_OK):
            os.chmod(target, stat.S_IMODE(st.st_mode) | stat.S_IWUSR)
            made_writable = True
        with open(target, "r+b") as out:
            out.write(data)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
    finally:
        if made_writable:
            os.chmod(target, stat.S_IMODE(st.st_mode))
    os.unlink(tmp)


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        return
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _replace(tmp: str, target: Path) -> None:
    # On Windows a virus scanner or a cloud-sync client may hold the target for a moment.
    attempts = 10 if sys.platform == "win32" else 1
    for attempt in range(attempts):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
