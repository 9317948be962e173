"""The review workbench in a real browser (Debian's Chromium driven by Playwright, nothing
downloaded): a reviewer adds a missed identifier, removes a false name, marks a call sign as an
alleged perpetrator and approves; then `redact` and `handoff` give a release where the added span
is hidden and the perpetrator kept. Without the token or with a bad CSRF token: refused. The
server's output holds no testimony. Screenshots of the queue and the document view in both
languages are kept under the test's tmp dir (and copied to $SESTRY_ARTEFACTS when set)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.flows.prefect_server import client_env, running_server
from tests.flows.samples import render_scan

pytestmark = [pytest.mark.nlp, pytest.mark.ocr, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
MISSED = "7731-ХК-0925"  # an identifier no recognizer finds
FALSE_NAME = "Надія"  # "hope", found as a PERSON
PERPETRATOR = "Грім"  # a call sign, found as a PERSON
SURVIVOR = "Оксана Петренко"
TEXT = (
    "Інтерв'юер: Розкажіть, що сталося.\n"
    f"Респондентка: Мене звати {SURVIVOR}. Нас тримали в підвалі школи в Бучі.\n"
    f"Респондентка: Номер моєї картки переселенки {MISSED}, її забрали.\n"
    f"Респондентка: Командир {PERPETRATOR} бив мене. {FALSE_NAME} була тільки на обмін.\n"
)
SCAN_LINES = ["Довідка видана у таборі.", "Шифр табору КРТ 4417 видано двічі."]
SCAN_MISSED = ("КРТ", "4417")  # OCR words of an identifier no recognizer finds
RUN_TIMEOUT = 300


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-server")
    with running_server(home) as url:
        yield client_env(home, url)


@pytest.fixture(scope="module")
def data(
    tmp_path_factory: pytest.TempPathFactory, sestry_cmd: list[str], env: dict[str, str]
) -> Path:
    data = tmp_path_factory.mktemp("review") / "data"
    assert sestry(sestry_cmd, ["init", "--data", str(data)], env).returncode == 0
    (data / "inbox" / "t1.txt").write_text(TEXT, encoding="utf-8")
    meta = {"case_id": "UA-12", "language": "uk", "consent": ["prosecution"]}
    (data / "inbox" / "t1.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    render_scan(data / "inbox" / "scan1.png", SCAN_LINES)
    (data / "inbox" / "scan1.png.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    result = sestry(sestry_cmd, ["ingest", "--data", str(data)], env)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture
def workbench(
    sestry_cmd: list[str], data: Path, env: dict[str, str], tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    """`sestry review` as a user starts it; yields its URL and the file with its stderr."""
    err = tmp_path / "server.err"
    with err.open("w") as sink:
        proc = subprocess.Popen(  # noqa: S603 - fixed argv
            [*sestry_cmd, "review", "--data", str(data), "--reviewer", "T01"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=sink,
            text=True,
        )
        try:
            url = proc.stdout.readline().strip()  # type: ignore[union-attr]
            assert url.startswith("http://127.0.0.1:"), url
            assert "?token=" in url
            yield url, err
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _select(page: object, needle: str) -> None:
    """Select `needle` inside #doc-text as a mouse would, then release the mouse."""
    page.evaluate(  # type: ignore[attr-defined]
        """(needle) => {
            const root = document.getElementById('doc-text');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(needle);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + needle.length);
                    const sel = window.getSelection();
                    sel.removeAllRanges();
                    sel.addRange(range);
                    root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return;
                }
            }
            throw new Error('not found');
        }""",
        needle,
    )


def _entity_row(page: object, surface: str) -> object:
    return page.locator("tr.entity").filter(  # type: ignore[attr-defined]
        has=page.locator("td.etext", has_text=surface)  # type: ignore[attr-defined]
    )


def _keep(shots: list[Path]) -> None:
    target = os.environ.get("SESTRY_ARTEFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy2(shot, Path(target) / shot.name)


def test_review_in_browser_then_release(
    workbench: tuple[str, Path],
    sestry_cmd: list[str],
    data: Path,
    env: dict[str, str],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    url, server_err = workbench
    base = url.split("?")[0].rstrip("/")
    first = sestry(sestry_cmd, ["redact", "--profile", "prosecution", "--data", str(data)], env)
    shots: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # refused without the token, and a change with a bad CSRF token is refused
            stranger = browser.new_context()
            assert stranger.request.get(base + "/").status == 403
            stranger.close()

            context = browser.new_context(
                locale="uk-UA", extra_http_headers={"Accept-Language": "uk"}
            )
            page = context.new_page()
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == "uk"
            assert page.locator("h1").inner_text() == "Черга документів"
            shots.append(tmp_path / "queue-uk.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
            # a scanned page: choose the identifier's OCR word boxes, label it, add
            page.locator("a.open", has_text="scan1.png").click()
            page.wait_for_selector("svg.page rect.word")
            scan_text = page.locator("#doc-text").text_content() or ""
            first_word = page.locator(f'rect.word[data-start="{scan_text.index(SCAN_MISSED[0])}"]')
            last_word = page.locator(f'rect.word[data-start="{scan_text.index(SCAN_MISSED[1])}"]')
            boxes_before = page.locator("rect.box").count()
            first_word.click()
            last_word.click(modifiers=["Shift"])
            assert page.input_value("#add-end") == str(scan_text.index(SCAN_MISSED[1]) + 4)
            page.select_option("#add-label", "ID_DOC")
            with page.expect_navigation():
                page.click("#add-button")
            assert SCAN_MISSED[1] not in page.locator("#partner-text").inner_text()
            assert page.locator("rect.box").count() == boxes_before + 2
            shots.append(tmp_path / "scan-uk.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
            with page.expect_navigation():
                page.click("#approve-button")
            page.goto(base + "/")

            page.locator("a.open", has_text="t1.txt").click()
            page.wait_for_selector("#doc-text")
            assert MISSED in page.locator("#partner-text").inner_text()  # not yet hidden
            shots.append(tmp_path / "document-uk.png")
            page.screenshot(path=str(shots[-1]), full_page=True)

            doc_url = page.url.split("?")[0]
            bad = context.request.post(
                doc_url + "/decide",
                form={"csrf": "0" * 32, "action": "approve", "profile": "prosecution"},
                headers={"Origin": base},
            )
            assert bad.status == 403

            # add the missed identifier: select it, choose a label, key `a`
            page.select_option("#add-label", "ID_DOC")
            _select(page, MISSED)
            assert page.input_value("#add-end") != ""
            page.locator("#doc-text").focus()
            with page.expect_navigation():
                page.keyboard.press("a")
            assert MISSED not in page.locator("#partner-text").inner_text()

            # remove the false name
            with page.expect_navigation():
                _entity_row(page, FALSE_NAME).locator("button.remove").click()
            assert FALSE_NAME in page.locator("#partner-text").inner_text()

            # the call sign is an alleged perpetrator: prosecution keeps it
            assert PERPETRATOR not in page.locator("#partner-text").inner_text()
            row = _entity_row(page, PERPETRATOR)
            row.locator("select[name=role]").select_option("alleged_perpetrator")
            with page.expect_navigation():
                row.locator("button.role").click()
            partner = page.locator("#partner-text").inner_text()
            assert PERPETRATOR in partner
            assert SURVIVOR not in partner

            with page.expect_navigation():
                page.keyboard.press("p")
            assert "T01" in page.locator("#approval").inner_text()

            page.click("#lang-switch")
            page.wait_for_selector("#doc-text")
            assert page.locator("html").get_attribute("lang") == "en"
            shots.append(tmp_path / "document-en.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
            page.goto(base + "/")
            assert page.locator("h1").inner_text() == "Document queue"
            assert "approved" in page.locator("#queue").inner_text()
            shots.append(tmp_path / "queue-en.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
            context.close()
        finally:
            browser.close()
    _keep(shots)
    assert all(shot.stat().st_size > 5000 for shot in shots)

    # the server's output: requests by path and status, never testimony or the token
    log = server_err.read_text(encoding="utf-8")
    assert "POST /doc/" in log
    for secret in (MISSED, FALSE_NAME, PERPETRATOR, SURVIVOR, url.split("token=")[1]):
        assert secret not in log

    redo = sestry(sestry_cmd, ["redact", "--profile", "prosecution", "--data", str(data)], env)
    assert redo.returncode == 0, redo.stdout + redo.stderr
    out = tmp_path / "release"
    done = sestry(
        sestry_cmd,
        ["handoff", "--profile", "prosecution", "--data", str(data), "--out", str(out)],
        env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    released = pq.read_table(out / "data" / "documents.parquet").to_pylist()
    (text,) = [d["text"] for d in released if d["kind"] == "transcript"]
    (scan,) = [d for d in released if d["kind"] != "transcript"]
    assert SCAN_MISSED[1] not in scan["text"]
    (png,) = (out / "data" / "pages" / scan["doc_id"]).glob("page-*.png")
    ocr = subprocess.run(  # noqa: S603 - fixed argv: what a reader of the page image sees
        ["tesseract", str(png), "-", "-l", "ukr+eng"], capture_output=True, text=True, check=True
    ).stdout
    assert SCAN_LINES[0].split()[0] in ocr  # the page is readable...
    assert SCAN_MISSED[1] not in ocr  # ...but the identifier is painted over
    assert MISSED not in text
    assert PERPETRATOR in text
    assert FALSE_NAME in text
    assert SURVIVOR not in text
    summary = json.loads((out / "data" / "redaction.json").read_text(encoding="utf-8"))
    assert summary["review"]["reviewers"] == ["T01"]
    assert summary["review"]["documents_approved"] == 2
    assert summary["review"]["decisions_changing_result"] == 4
    report = (out / "data" / "report.html").read_text(encoding="utf-8")
    assert "Review by people" in report
    assert "T01" in report
    assert MISSED not in report
    verify = sestry(sestry_cmd, ["verify", str(out)], env)
    assert verify.returncode == 0, verify.stdout
    # decisions survive a reprocess (re-extraction rewrites the dataset, never the annotations)
    again = sestry(sestry_cmd, ["ingest", "--data", str(data), "--reprocess"], env)
    assert again.returncode == 0, again.stderr
    redo = sestry(sestry_cmd, ["redact", "--profile", "prosecution", "--data", str(data)], env)
    assert redo.returncode == 0, redo.stdout + redo.stderr
    latest = sorted((data / "redactions" / "prosecution").iterdir())[-1]
    texts = pq.read_table(latest / "documents.parquet").column("text").to_pylist()
    assert not any(MISSED in t or SCAN_MISSED[1] in t for t in texts)
    assert any(PERPETRATOR in t for t in texts)
    # the first redaction, before review, left the missed identifier in the partner's text
    assert first.returncode == 0, first.stdout
    earliest = sorted((data / "redactions" / "prosecution").iterdir())[0]
    before = pq.read_table(earliest / "documents.parquet").column("text").to_pylist()
    assert any(MISSED in t for t in before)
    review_before = json.loads((earliest / "redaction.json").read_text(encoding="utf-8"))
    assert review_before["review"]["reviewers"] == []
