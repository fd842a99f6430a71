"""Landing sources: the data folder and the polled URL, served here by a local HTTP server."""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from officereport.input.sources import Candidate, list_sources, newest_by_year, poll_url


def dgddi_zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("REGIONAL_CPF4PAYSE.txt", text)
    return buffer.getvalue()


def fake_validate(path: Path) -> list[str]:
    """Stands in for the loader: a zip holding a data file, or an error naming the rule."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except zipfile.BadZipFile as err:
        raise ValueError(f"{path.name}: [zip] archive illisible") from err


class DgddiServer:
    """A one-file server; ``mode`` picks the answer: ok, truncated, error."""

    def __init__(self):
        self.body = dgddi_zip("E;1;2024;43;18;C29A;2910;DE;406473;1210935\r\n")
        self.etag = '"v1"'
        self.mode = "ok"
        self.requests: list[dict[str, str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requests.append(dict(self.headers))
                if owner.mode == "error":
                    self.send_error(500, "Internal Server Error")
                    return
                if self.headers.get("If-None-Match") == owner.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", owner.etag)
                self.send_header("Last-Modified", "Tue, 10 Feb 2026 08:00:00 GMT")
                declared = len(owner.body) + (5000 if owner.mode == "truncated" else 0)
                self.send_header("Content-Length", str(declared))
                self.end_headers()
                self.wfile.write(owner.body)
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/douane/REGIONAL_CPF4PAYS.zip"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def server():
    served = DgddiServer()
    yield served
    served.server.shutdown()
    served.server.server_close()


CLOCK = lambda: datetime(2026, 2, 11, 6, 0, 0)


def poll(server, data_dir, remembered):
    return poll_url(server.url, data_dir, remembered=remembered, validate=fake_validate, clock=CLOCK)


def test_200_downloads_validates_and_lands_under_a_dated_name(server, tmp_path):
    result = poll(server, tmp_path, {})
    assert result.status == "new"
    assert result.path == tmp_path / "REGIONAL_CPF4PAYS-2026-02-11_060000.zip"
    assert result.path.read_bytes() == server.body
    assert result.loaded == ["REGIONAL_CPF4PAYSE.txt"]
    assert result.remember["etag"] == '"v1"'
    assert result.remember["last_modified"] == "Tue, 10 Feb 2026 08:00:00 GMT"
    assert sorted(p.name for p in tmp_path.iterdir()) == [result.path.name]


def test_304_sends_validators_and_downloads_nothing(server, tmp_path):
    first = poll(server, tmp_path, {})
    second = poll(server, tmp_path, first.remember)
    assert second.status == "unchanged" and "(304)" in second.message
    assert server.requests[-1]["If-None-Match"] == '"v1"'
    assert server.requests[-1]["If-Modified-Since"] == "Tue, 10 Feb 2026 08:00:00 GMT"
    assert len(list(tmp_path.iterdir())) == 1


def test_truncated_download_is_discarded_and_retried_next_time(server, tmp_path):
    server.mode = "truncated"
    result = poll(server, tmp_path, {})
    assert result.status == "error"
    assert f"{len(server.body)} octets reçus sur {len(server.body) + 5000}" in result.message
    assert result.remember == {}  # nothing remembered: the next run asks again
    assert list(tmp_path.iterdir()) == []


def test_server_error_keeps_what_was_remembered(server, tmp_path):
    server.mode = "error"
    remembered = {"etag": '"v0"', "sha256": "ab" * 32}
    result = poll(server, tmp_path, remembered)
    assert result.status == "error" and "500" in result.message
    assert result.remember == remembered
    assert list(tmp_path.iterdir()) == []


def test_invalid_content_is_rejected_and_remembered(server, tmp_path):
    server.body = b"<html>maintenance</html>"
    result = poll(server, tmp_path, {})
    assert result.status == "rejected"
    assert "[zip] archive illisible" in result.message
    assert result.remember["etag"] == '"v1"'  # the next poll gets 304 until the server's file changes
    assert list(tmp_path.iterdir()) == []
    assert poll(server, tmp_path, result.remember).status == "unchanged"


def test_same_content_under_a_new_etag_is_not_landed_twice(server, tmp_path):
    first = poll(server, tmp_path, {})
    server.etag = '"v2"'
    second = poll(server, tmp_path, first.remember)
    assert second.status == "unchanged" and "identique" in second.message
    assert len(list(tmp_path.iterdir())) == 1


def test_data_folder_lists_zips_and_folders_but_not_files_on_their_way_in(tmp_path):
    for name in ("b.zip", "a.ZIP", ".telechargement-c.zip", "d.zip.part", "~$e.zip", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "unzipped").mkdir()
    assert [p.name for p in list_sources(tmp_path)] == ["a.ZIP", "b.zip", "unzipped"]


def test_newest_complete_source_wins_each_year_older_years_stay():
    chosen = newest_by_year([
        Candidate("annual-2023.zip", 100, (2023,)),
        Candidate("latest-2024.zip", 300, (2024,)),
        Candidate("revised-2023-2024.zip", 200, (2023, 2024)),
        Candidate("annual-2022.zip", 50, (2022,)),
    ])
    assert chosen == {2022: "annual-2022.zip", 2023: "revised-2023-2024.zip", 2024: "latest-2024.zip"}
