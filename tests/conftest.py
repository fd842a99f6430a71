"""Fixtures shared across test files: one small sample zip per test session."""

from __future__ import annotations

import logging
import os

import pytest

from fakesoffice import FakeSoffice
from officereport.input import loader, sample

SAMPLE_ROWS_PER_FLOW = 6000  # enough for every département to trade; the 2024 totals are exact at any size


@pytest.fixture(scope="session")
def sample_zip(tmp_path_factory):
    return sample.write_sample(tmp_path_factory.mktemp("sample"), rows_per_flow=SAMPLE_ROWS_PER_FLOW)


@pytest.fixture(scope="session")
def sample_data(sample_zip):
    return loader.load(sample_zip)


@pytest.fixture(autouse=True)
def _logging_left_as_found():
    """A command run in-process (``cli.main``) may install log handlers on pytest's captured
    streams; they must not outlive the test, or a later test logs into a closed stream."""
    logger = logging.getLogger("officereport")
    before, level = list(logger.handlers), logger.level
    yield
    for handler in [h for h in logger.handlers if h not in before]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """A stand-in soffice logging its calls (``fake.calls()``), first on PATH."""
    soffice = FakeSoffice(tmp_path)
    monkeypatch.setenv("FAKE_LOG", str(soffice.log))
    monkeypatch.setenv("PATH", f"{soffice.program.parent}{os.pathsep}{os.environ['PATH']}")
    return soffice
