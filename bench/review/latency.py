"""Workbench latency: queue and document pages over a synthetic dataset, through real HTTP.

`python -m bench.review.latency [DOCS]` builds DOCS synthetic transcripts (tests' dataset
maker), starts the workbench in-process on 127.0.0.1, and times the queue, the first document
view (builds the dataset-wide leak-term matcher), later document views (cached matcher) and a
approval and an added span (POST, redirect, new view; a span decision rebuilds the matcher). Writes
bench/results/review.md.
"""

from __future__ import annotations

import http.cookiejar
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.review.server import Workbench, serve, stop
from tests.release_support import make_dataset

RESULTS = Path(__file__).resolve().parents[1] / "results" / "review.md"


def _timed(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> float:
    started = time.perf_counter()
    with opener.open(url, data=data) as response:
        response.read()
    return time.perf_counter() - started


def main(docs: int = 300) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        ids = make_dataset(settings.data_dir, docs)
        bench = Workbench(settings, "BENCH", "prosecution")
        server, _ = serve(bench)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        try:
            queue = [_timed(opener, f"{base}/?token={bench.token}")]
            queue += [_timed(opener, f"{base}/") for _ in range(4)]
            first = _timed(opener, f"{base}/doc/{ids[0]}")
            later = [_timed(opener, f"{base}/doc/{doc_id}") for doc_id in ids[1:21]]
            form = urllib.parse.urlencode(
                {"csrf": bench.csrf, "profile": "prosecution", "action": "approve"}
            ).encode()
            decide = [_timed(opener, f"{base}/doc/{doc_id}/decide", form) for doc_id in ids[21:26]]
            add = {"action": "add", "start": 0, "end": 3, "label": "ID_DOC"}
            add_form = urllib.parse.urlencode(
                {"csrf": bench.csrf, "profile": "prosecution", **add}
            ).encode()
            span = [
                _timed(opener, f"{base}/doc/{doc_id}/decide", add_form) for doc_id in ids[26:31]
            ]
        finally:
            stop(bench, server)
    rows = [
        ("queue page (median of 5)", statistics.median(queue)),
        ("first document view (builds the leak-term matcher)", first),
        ("later document views (median of 20)", statistics.median(later)),
        ("an approval: POST, redirect, new view (median of 5)", statistics.median(decide)),
        ("an added span: POST, redirect, new view, rebuilt leak terms", statistics.median(span)),
    ]
    lines = [
        "# Review workbench latency",
        "",
        f"{docs} synthetic transcripts (tests/release_support.make_dataset), profile prosecution,",
        (
            "standard-library server on 127.0.0.1, one client. Rerun: "
            f"`.venv/bin/python -m bench.review.latency {docs}`."
        ),
        "",
        "| what | seconds |",
        "| --- | ---: |",
        *(f"| {what} | {value:.3f} |" for what, value in rows),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
