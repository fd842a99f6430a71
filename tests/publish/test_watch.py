"""watch: the schedule read against a given clock, a loop that survives failures and stops cleanly."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from datetime import datetime, time, timedelta

import pytest

from officereport.publish.watch import RefreshSchedule, parse_at, parse_every, setup_logging, stop_on_signals, watch


class FakeClock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


THURSDAY_10H = datetime(2026, 11, 26, 10, 0, 0)


def test_every_30m_next_run_is_30_minutes_after_the_clock():
    plan = RefreshSchedule(lambda: None, every=parse_every("30m"), clock=FakeClock(THURSDAY_10H))
    assert plan.next_run() == datetime(2026, 11, 26, 10, 30)
    assert plan.seconds_to_next_run() == 1800


def test_at_06h_is_today_before_six_and_tomorrow_after():
    early = RefreshSchedule(lambda: None, at=parse_at("06:00"), clock=FakeClock(datetime(2026, 11, 26, 5, 0)))
    late = RefreshSchedule(lambda: None, at=parse_at("06:00"), clock=FakeClock(THURSDAY_10H))
    assert early.next_run() == datetime(2026, 11, 26, 6, 0)
    assert late.next_run() == datetime(2026, 11, 27, 6, 0)


def test_weekdays_skip_from_friday_to_monday():
    friday_7h = FakeClock(datetime(2026, 11, 27, 7, 0))
    plan = RefreshSchedule(lambda: None, at=parse_at("06:00"), weekdays=True, clock=friday_7h)
    assert plan.next_run() == datetime(2026, 11, 30, 6, 0)


def test_interval_runs_skip_the_weekend_when_weekdays_only():
    runs = []
    saturday = FakeClock(datetime(2026, 11, 28, 9, 0))
    plan = RefreshSchedule(lambda: runs.append(saturday()), every=timedelta(hours=2), weekdays=True,
                           clock=saturday)
    plan.run_now()
    assert runs == []


def test_loop_runs_at_start_then_on_schedule_and_survives_a_failing_run(caplog):
    clock = FakeClock(THURSDAY_10H)
    stop = threading.Event()
    runs = []

    def job():
        runs.append(clock())
        if len(runs) == 2:
            raise RuntimeError("disque plein")
        if len(runs) == 4:
            stop.set()  # as the SIGTERM handler would

    plan = RefreshSchedule(job, every=timedelta(minutes=30), clock=clock)
    with caplog.at_level(logging.INFO, logger="officereport"):
        watch(plan, stop, wait=clock.advance, max_wait_s=600)
    assert runs == [THURSDAY_10H + timedelta(minutes=m) for m in (0, 30, 60, 90)]
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1 and "disque plein" in failures[0].exc_text
    assert caplog.records[-1].getMessage() == "surveillance arrêtée"


def test_daily_run_waits_in_short_steps_until_six():
    clock = FakeClock(datetime(2026, 11, 26, 5, 0))
    stop = threading.Event()
    runs = []
    waits = []

    def job():
        runs.append(clock())
        if len(runs) == 2:
            stop.set()

    def wait(seconds):
        waits.append(seconds)
        clock.advance(seconds)

    watch(RefreshSchedule(job, at=time(6, 0), clock=clock), stop, wait=wait)
    assert runs == [datetime(2026, 11, 26, 5, 0), datetime(2026, 11, 26, 6, 0)]
    assert waits == [60.0] * 60


@pytest.mark.parametrize("text", ["", "0m", "10 jours", "-5m"])
def test_bad_interval_is_refused(text):
    with pytest.raises(ValueError, match="intervalle invalide"):
        parse_every(text)


def test_interval_units():
    assert [parse_every(t) for t in ("45s", "30m", "2h", "90")] == [
        timedelta(seconds=45), timedelta(minutes=30), timedelta(hours=2), timedelta(minutes=90)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_asks_for_a_stop_and_a_second_one_abandons_the_run():
    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.is_set()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        restore()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL



HOLDER = """
import os, signal, sys, time
from pathlib import Path
from officereport.publish.lock import run_lock
with run_lock(Path(sys.argv[1])):
    if os.fork() == 0:  # a render worker, forked while the lock is held
        print("worker", flush=True)  # printed once the fork handlers have run in the worker
        time.sleep(60)
        os._exit(0)
    print("locked", flush=True)
    time.sleep(60)
"""


def test_a_run_killed_with_its_workers_alive_leaves_the_lock_free(tmp_path):
    """A killed run's orphaned render workers must not keep the lock (they inherit its file)."""
    import signal
    import subprocess
    import sys

    from officereport.publish.lock import run_lock

    lock = tmp_path / "refresh.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        said = ""  # two processes share the pipe: their lines may interleave ("lockedworker")
        while not ("locked" in said and "worker" in said):
            line = holder.stdout.readline()
            assert line, f"the holder ended early, having said {said!r}"
            said += line
        holder.send_signal(signal.SIGKILL)  # the run dies; its forked worker sleeps on
        holder.wait()
        with run_lock(lock):
            taken = True
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
    assert taken


def test_logging_set_up_twice_logs_each_line_once(tmp_path, capsys):
    """A second command run in the same process used to add a second console handler (each line
    twice) and to leave the first on a stream since closed."""
    log_file = tmp_path / "watch.log"
    try:  # the handlers go with the test (conftest also drops any a command left behind)
        setup_logging(log_file)
        setup_logging(log_file)
        logging.getLogger("officereport.publish.watch").warning("une seule fois")
        assert capsys.readouterr().err.count("une seule fois") == 1
        assert log_file.read_text(encoding="utf-8").count("une seule fois") == 1
    finally:
        logging.getLogger("officereport").handlers.clear()
