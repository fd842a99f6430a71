"""Operating-system errors told in French with their path: the system's own texts are English on
most machines, and a user must read which file and why."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, un fichier est attendu",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EEXIST: "existe déjà",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EXDEV: "déplacement impossible entre deux systèmes de fichiers",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EBUSY: "fichier occupé par un autre programme",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = "quota disque dépassé"

# Errors that say the outputs cannot be written, rather than that something cannot be read.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)})


def os_reason(err: OSError) -> str:
    """The French reason of a system error, with its number when it is not one of the usual ones."""
    return _REASONS.get(err.errno, f"erreur système n° {err.errno}" if err.errno else "erreur système")


def os_error_text(err: OSError) -> str:
    """``/srv/out : permission refusée`` -- the path(s) and the reason, in French."""
    paths = " -> ".join(str(p) for p in (err.filename, err.filename2) if p)
    return f"{paths} : {os_reason(err)}" if paths else os_reason(err)


def error_text(err: Exception) -> str:
    """A system error as ``os_error_text`` says it; any other as its type and message."""
    return os_error_text(err) if isinstance(err, OSError) else f"{type(err).__name__}: {err}"
