"""``officereport watch``: the refresh on a schedule, in one long-running process.

The schedule is a private ``schedule.Scheduler`` (never the module-level default) holding one job:
``every(30m)``, ``at(06:00)`` daily, or ``at(06:00)`` Monday to Friday. The job runs once at
start, then as scheduled; a failing job is logged and the loop goes on (the ``schedule`` package
itself would let the exception stop the loop). ``stop`` is an event: the CLI sets it on Ctrl-C or
SIGTERM, the loop finishes the run in progress and returns.

The clock is passed in. ``schedule`` reads ``datetime.datetime.now()`` itself and its maintainers
declined a clock hook (dbader/schedule#362), so while this module calls the scheduler, the
``schedule`` module's ``datetime`` name points at a stand-in whose ``now()`` is that clock. Tests
compute next runs for a given time without sleeping.
"""

from __future__ import annotations

import datetime as _datetime
import logging
import logging.handlers
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path

import schedule

from officereport.publish.errors import PublishError

log = logging.getLogger("officereport.publish.watch")

Clock = Callable[[], datetime]
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def parse_every(text: str) -> timedelta:
    """``30m``, ``2h``, ``45s`` (or ``90``, minutes) as a duration."""
    match = re.fullmatch(r"\s*(\d+)\s*([smh]?)\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"intervalle invalide : {text!r} (exemples : 30m, 2h)")
    return timedelta(**{_UNITS[match.group(2) or "m"]: int(match.group(1))})


def parse_at(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"heure invalide : {text!r} (exemple : 06:00)") from None


@contextmanager
def _schedule_clock(clock: Clock) -> Iterator[None]:
    """While inside, ``schedule`` takes its "now" from ``clock``."""

    class ClockDatetime(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):  # same contract as datetime.now
            now = clock()
            return now if tz is None else now.astimezone(tz)

    stand_in = types.ModuleType("datetime")
    stand_in.__dict__.update(vars(_datetime))
    stand_in.datetime = ClockDatetime
    real = schedule.datetime
    schedule.datetime = stand_in
    try:
        yield
    finally:
        schedule.datetime = real


class RefreshSchedule:
    """One job on a private scheduler, read against the given clock."""

    def __init__(self, job: Callable[[], object], *, every: timedelta | None = None, at: time | None = None,
                 weekdays: bool = False, clock: Clock = datetime.now):
        if (every is None) == (at is None):
            raise ValueError("donner soit un intervalle (--every), soit une heure (--at)")
        self.clock = clock
        self.scheduler = schedule.Scheduler()
        self.weekdays = weekdays
        self._job = job
        with _schedule_clock(clock):
            if every is not None:
                self.scheduler.every(int(every.total_seconds())).seconds.do(self.run_now)
            elif weekdays:
                for day in _WEEKDAYS:
                    getattr(self.scheduler.every(), day).at(at.strftime("%H:%M:%S")).do(self.run_now)
            else:
                self.scheduler.every().day.at(at.strftime("%H:%M:%S")).do(self.run_now)

    def run_now(self) -> None:
        """Run the job (logged, never raising); with weekdays only, an interval run on a weekend is skipped."""
        if self.weekdays and self.clock().weekday() >= 5:
            log.info("week-end : pas de rafraîchissement")
            return
        run_logged(self._job)

    def next_run(self) -> datetime:
        return self.scheduler.get_next_run()

    def seconds_to_next_run(self) -> float:
        with _schedule_clock(self.clock):
            return max(0.0, self.scheduler.idle_seconds or 0.0)

    def run_pending(self) -> None:
        with _schedule_clock(self.clock):
            self.scheduler.run_pending()


def run_logged(job: Callable[[], object]) -> bool:
    """Run the job; log and swallow anything it raises, so the schedule goes on. True when it ran."""
    try:
        job()
    except PublishError as err:  # the output folder cannot be used: said plainly, no traceback
        log.error("le rafraîchissement a échoué : %s ; nouvel essai au prochain horaire", err)
        return False
    except Exception:
        log.exception("le rafraîchissement a échoué ; nouvel essai au prochain horaire")
        return False
    return True


def watch(plan: RefreshSchedule, stop: threading.Event, *, wait: Callable[[float], object] | None = None,
          max_wait_s: float = 60.0) -> None:
    """Run the job now, then as scheduled, until ``stop`` is set (checked between runs)."""
    wait = wait or stop.wait
    log.info("surveillance démarrée")
    plan.run_now()
    while not stop.is_set():
        log.debug("prochain passage : %s", plan.next_run())
        # Short waits, so that a stop request or a clock change is noticed soon.
        wait(min(plan.seconds_to_next_run(), max_wait_s))
        if not stop.is_set():
            plan.run_pending()
    log.info("surveillance arrêtée")


_OURS = "officereport_installed"  # marks the handlers setup_logging owns


def setup_logging(log_file: Path | None, *, verbose: bool = False) -> None:
    """Timestamped logs to the console and, when given, a rotating file (5 x 1 MB). Called again in
    the same process (a second command run from Python), it replaces the handlers it installed
    rather than adding more: no line logged twice, no handler left on a stream since closed."""
    form = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
    root = logging.getLogger("officereport")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    handlers: list[logging.Handler] = [console]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(log_file, maxBytes=1 << 20, backupCount=5,
                                                             encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(form)
        setattr(handler, _OURS, True)
        root.addHandler(handler)


def stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """Ctrl-C or SIGTERM: finish the run in progress, then stop; a second one abandons the run
    (publication undoes itself: the published outputs stay whole). Returns a function restoring
    the previous handlers."""
    import signal

    def handle(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        log.warning("arrêt demandé (%s) : fin du passage en cours, puis arrêt ; recommencer pour "
                    "abandonner le passage", signal.Signals(signum).name)
        stop.set()

    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    previous = {signum: signal.signal(signum, handle) for signum in wanted}

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore
