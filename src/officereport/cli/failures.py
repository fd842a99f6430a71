"""Every way a command can fail, as one French message on stderr and an exit code.

    0  done            1  input refused, or outputs could not be written
    2  command line    75 another refresh holds the lock (try again later, or --wait)

Input problems are reported as input problems (each with its file, line and rule), output
failures as output failures; the system's own error texts, English on most machines, are replaced
by French ones that keep the path. Nothing reaches the user as a traceback.
"""

from __future__ import annotations

import sys

from officereport.cli.settings import CommandError
from officereport.config import ConfigError
from officereport.model import InputError
from officereport.oserrors import OUTPUT_ERRNOS, os_error_text, os_reason

EXIT_FAILED = 1
EXIT_BUSY = 75
EXIT_INTERRUPTED = 130
_SHOWN_PROBLEMS = 50

def describe_os_error(err: OSError) -> str:
    what = "écriture des sorties impossible" if err.errno in OUTPUT_ERRNOS else "accès impossible"
    has_path = err.filename is not None or err.filename2 is not None
    return f"{what} : {os_error_text(err) if has_path else 'chemin inconnu : ' + os_reason(err)}"


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
    from officereport.publish.errors import PublishError
    from officereport.publish.lock import LockBusy

    # The first kind that matches says what the failure means for the user.
    meanings = (
        ((LockBusy,), lambda e: f"{e} (--wait pour attendre)", EXIT_BUSY),
        ((KeyboardInterrupt,), lambda _: "interrompu ; les sorties publiées n'ont pas été touchées", EXIT_INTERRUPTED),
        ((InputError,), describe_input_error, EXIT_FAILED),
        ((CommandError, ConfigError, TemplateError, PublishError), str, EXIT_FAILED),  # each says what happened
        ((BuildError,), lambda e: f"rien n'a été publié : {e}", EXIT_FAILED),
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
