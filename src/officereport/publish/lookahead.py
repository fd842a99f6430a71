"""The input of the next year to build, prepared while the year before is being written.

    inputs = Lookahead(assemble)      # assemble(used releases) -> what rendering a year takes
    inputs.prepare(used)              # called by the render once its workers have their tasks
    inputs.take(used)                 # the prepared input, or assembled now

Reading a year back from the cache and computing its indicators take the parent 4-4.5 s of CPU a
year; done while its workers write the year before instead of after them, they share the cores
with the workers rather than wait their turn: a cold ten-year refresh took 178-180 s against
194-201 s, alternated. What fails in the preparation is raised when that year's build takes its
input, so that it fails that year and no other, as it would have without the lookahead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Lookahead:
    def __init__(self, assemble: Callable[[Any], Any]) -> None:
        self._assemble = assemble
        self._ready: tuple[Any, Any, Exception | None] | None = None

    def prepare(self, key: Any) -> None:
        """Assemble the input of ``key`` now, to be taken later."""
        try:
            self._ready = (key, self._assemble(key), None)
        except Exception as error:  # raised again by the build that takes it
            self._ready = (key, None, error)

    def take(self, key: Any) -> Any:
        """The input of ``key``: the one prepared if it was, else assembled now (only the last
        one prepared is kept)."""
        ready, self._ready = self._ready, None
        if ready is None or ready[0] != key:
            return self._assemble(key)
        _, prepared, error = ready
        if error is not None:
            raise error
        return prepared
