"""Every way a command can fail, as one French message on stderr and an exit code.

    0  done            1  input refused, or outputs could not be written
    2  command line    75 another refresh holds the lock (try again later, or --wait)

Input problems are reported as input problems (each with its file, line and rule), output
failures as output failures; the system's own error texts, English on most machines, are replaced
by French ones that keep the path. Nothing reaches the user as a traceback.
"""

from __future__ import annotations

import errno
import sys

from officereport.cli.settings import CommandError
from officereport.config import ConfigError
from officereport.model import InputError

EXIT_FAILED = 1
EXIT_BUSY = 75
EXIT_INTERRUPTED = 130
_SHOWN_PROBLEMS = 50

_OS_REASONS = {
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
    _OS_REASONS[errno.EDQUOT] = "quota disque dépassé"
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}


def os_reason(err: OSError) -> str:
    """The French reason of a system error, with its number when it is not one of the usual ones."""
    return _OS_REASONS.get(err.errno, f"erreur système n° {err.errno}" if err.errno else "erreur système")


def describe_os_error(err: OSError) -> str:
    paths = " -> ".join(str(p) for p in (err.filename, err.filename2) if p is not None)
    what = "écriture des sorties impossible" if err.errno in _OUTPUT_ERRNOS else "accès impossible"
    return f"{what} : {paths or 'chemin inconnu'} : {os_reason(err)}"


def describe_input_error(err: InputError) -> str:
    problems = err.problems
    lines = [f"  {problem}" for problem in problems[:_SHOWN_PROBLEMS]]
    if len(problems) > _SHOWN_PROBLEMS:
        lines.append(f"  … et {len(problems) - _SHOWN_PROBLEMS} autre(s)")
    return f"entrée refusée, {len(problems)} anomalie(s) (fichier:ligne: [règle] détail) :\n" + "\n".join(lines)


def report(err: BaseException) -> int:
    """Print ``err`` for the user and return the exit code it means."""
    from officereport.build import BuildError
    from officereport.deck.template import TemplateError
    from officereport.publish.lock import LockBusy
    from officereport.publish.staging import PublishError

    # The first kind that matches says what the failure means for the user.
    meanings = (
        ((LockBusy,), lambda e: f"{e} (--wait pour attendre)", EXIT_BUSY),
        ((KeyboardInterrupt,), lambda _: "interrompu ; les sorties publiées n'ont pas été touchées", EXIT_INTERRUPTED),
        ((InputError,), describe_input_error, EXIT_FAILED),
        ((CommandError, ConfigError, TemplateError), str, EXIT_FAILED),
        ((BuildError, PublishError), lambda e: f"rien n'a été publié : {e}", EXIT_FAILED),
        ((OSError,), describe_os_error, EXIT_FAILED),
    )
    for kinds, describe, code in meanings:
        if isinstance(err, kinds):
            return _say(describe(err), code)
    return _say(f"erreur interne inattendue ({type(err).__name__} : {err}) ; les sorties publiées n'ont pas été "
                "touchées. Merci de signaler ce message.", EXIT_FAILED)


def _say(message: str, code: int) -> int:
    print(f"officereport : {message}", file=sys.stderr)
    return code
