"""The publication's own error, and operating-system errors told in French with their path."""

from __future__ import annotations

import errno


class PublishError(Exception):
    """The publication did not happen (or could not be completed); the message says what to do."""


_OS_REASONS = {
    errno.ENOENT: "introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.ENOTDIR: "n'est pas un dossier",
    errno.EISDIR: "est un dossier",
    errno.EEXIST: "existe déjà",
    errno.EXDEV: "sur un autre système de fichiers",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EBUSY: "occupé par un autre programme",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _OS_REASONS[errno.EDQUOT] = "quota disque dépassé"


def os_error_text(err: OSError) -> str:
    """``/srv/out : permission refusée`` -- the path and the reason, in French."""
    reason = _OS_REASONS.get(err.errno or 0, err.strerror or type(err).__name__)
    paths = [p for p in (err.filename, err.filename2) if p]
    return f"{' -> '.join(map(str, paths))} : {reason}" if paths else reason


def is_transient(err: BaseException | None) -> bool:
    """Whether a failure came from the machine (disk, memory), which may pass, rather than from the
    inputs or settings, which would fail the same way again. Causes are followed (``raise … from``);
    an exception may say so itself with a ``transient`` attribute (``build.BuildError``)."""
    while err is not None:
        if isinstance(err, (OSError, MemoryError)) or getattr(err, "transient", False):
            return True
        err = err.__cause__
    return False
