"""One run at a time: an exclusive lock on a file in the output folder.

The lock is an operating-system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) held on
an open file, so the system releases it when the holder dies, however it dies: a lock file left
behind by a killed process is simply taken over by the next run. Processes forked while it is held
(render workers) close their copy at once, so that workers orphaned by a killed run never keep it.
The file also holds the pid and start time of the holder, only to tell the user who is running.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from officereport.oserrors import os_error_text
from officereport.publish.errors import PublishError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


# Windows refuses reads of a locked byte range: lock a byte far past the text so others can read it.
_WINDOWS_LOCK_OFFSET = 1 << 30

# Lock files open in this process. A forked child (a render worker) must not keep them: an flock
# belongs to the open file, so a worker orphaned by a killed run would hold the lock on its own.
_held_fds: set[int] = set()


def _drop_inherited_locks() -> None:
    for fd in _held_fds:
        os.close(fd)  # the parent keeps its own descriptor, and with it the lock
    _held_fds.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


class LockBusy(Exception):
    """Another run holds the lock."""


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    """Who holds the lock, as written in the lock file by the holder."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "un autre processus"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running (used to clean up after killed runs)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def run_lock(
    path: Path,
    *,
    wait: bool = False,
    poll_s: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the lock at ``path`` for the duration of the block.

    With ``wait=False`` a busy lock raises :class:`LockBusy` naming the holder; with ``wait=True``
    the call polls every ``poll_s`` seconds until the holder is done (``on_wait`` is told once).
    A folder where the lock cannot be made raises PublishError, in French.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:  # the output folder itself: read-only, a file, no permission
        raise PublishError(f"dossier de sortie inutilisable : {os_error_text(err)} ; rien n'a été publié") from err
    _held_fds.add(fd)
    try:
        told = False
        while not _try_lock(fd):
            message = f"un rafraîchissement est déjà en cours ({_holder(path)}) ; verrou : {path}"
            if not wait:
                raise LockBusy(message)
            if on_wait and not told:
                on_wait(message)
                told = True
            sleep(poll_s)
        os.ftruncate(fd, 0)
        note = f"pid {os.getpid()}, depuis {datetime.now():%Y-%m-%d %H:%M:%S}"
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (note + "\n").encode("utf-8"))
        os.fsync(fd)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            _unlock(fd)
    finally:
        _held_fds.discard(fd)
        os.close(fd)
