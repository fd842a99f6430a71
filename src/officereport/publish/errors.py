"""The publication's own error, and whether a failure may pass by itself."""

from __future__ import annotations


class PublishError(Exception):
    """The publication did not happen (or could not be completed); the message says what to do."""


def is_transient(err: BaseException | None) -> bool:
    """Whether a failure came from the machine (disk, memory), which may pass, rather than from the
    inputs or settings, which would fail the same way again. Causes are followed (``raise … from``);
    an exception may say so itself with a ``transient`` attribute (``build.BuildError``)."""
    while err is not None:
        if isinstance(err, (OSError, MemoryError)) or getattr(err, "transient", False):
            return True
        err = err.__cause__
    return False
