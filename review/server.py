"""The review workbench's HTTP server: standard library only, 127.0.0.1 by default.

Access needs the random token printed at start (as Jupyter does): `/?token=…` sets an HttpOnly,
SameSite=Strict cookie. Every change is a POST carrying a CSRF token derived from the session
token, from this server's own origin. Responses carry a strict Content-Security-Policy (no
inline code, nothing from another origin), no-store and no-referrer. The access log names the
method, the path without its query, and the status: never a token or any text.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import secrets
import threading
from functools import lru_cache
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sestry.core.durable import ensure_dir, unlink_durable, write_json
from sestry.core.errors import ProfileError, UsageError
from sestry.core.settings import Settings
from sestry.redaction.profiles import BUNDLED_PROFILES, Profile, load_profile
from sestry.review import i18n, pages, workbench
from sestry.schemas.tables import LABELS

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
COOKIE = "sestry_review"
LANG_COOKIE = "sestry_lang"
MAX_FORM = 16 * 1024
_DOC = re.compile(r"^/doc/([0-9a-f]{64})$")
_DECIDE = re.compile(r"^/doc/([0-9a-f]{64})/decide$")
_PAGE = re.compile(r"^/doc/([0-9a-f]{64})/page/([0-9]{1,4})\.png$")
STATIC = {"/static/app.js": "text/javascript", "/static/app.css": "text/css"}


class Workbench:
    """One running workbench: data dir, reviewer id, session token, default profile."""

    def __init__(self, settings: Settings, reviewer: str, profile: str | None = None) -> None:
        self.settings = settings
        self.reviewer = reviewer
        self.token = secrets.token_urlsafe(24)
        self.csrf = hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()[:32]
        self.profiles = profile_names(settings)
        if not self.profiles:
            raise UsageError("no partner profile found")
        self.default_profile = profile or self.profiles[0]
        self.profile(self.default_profile)  # exit 2 now for a bad --profile

    def profile(self, name: str | None) -> Profile:
        return load_profile(name or self.default_profile, self.settings)


def profile_names(settings: Settings) -> list[str]:
    """Profiles a reviewer may choose (bundled and local, loadable ones only)."""
    names = set()
    for folder in (Path(BUNDLED_PROFILES), settings.data_dir / "profiles"):
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.toml"))
    good = []
    for name in sorted(names):
        try:
            load_profile(name, settings)
            good.append(name)
        except ProfileError:
            continue
    return good


@lru_cache(maxsize=16)
def _page_png(data_dir: str, doc_id: str, media_type: str, page: int) -> tuple[bytes, int, int]:
    """One rendered page of an original (PNG bytes, width, height); cached per process."""
    from sestry.custody.vault import Vault
    from sestry.extractors.pages import render_pages

    settings = Settings.load(data_dir)
    for number, image in enumerate(
        render_pages(Vault(settings.vault_dir).verified_path(doc_id), media_type, settings),
        start=1,
    ):
        if number == page:
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue(), image.width, image.height
    raise UsageError("no such page")


def page_sizes(bench: Workbench, doc: dict[str, Any]) -> dict[int, tuple[int, int]]:
    """Width and height of each scanned page (empty for documents without OCR words)."""
    if doc.get("method") != "ocr":
        return {}
    sizes = {}
    for page in range(1, int(doc["pages"]) + 1):
        try:
            _, width, height = _page_png(
                str(bench.settings.data_dir), doc["doc_id"], doc["media_type"], page
            )
        except (UsageError, OSError) as exc:
            log.warning(
                "page %d of %s not rendered (%s)", page, doc["doc_id"][:12], type(exc).__name__
            )
            continue
        sizes[page] = (width, height)
    return sizes


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def make_handler(bench: Workbench) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one workbench."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "sestry-review"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            """Method, path without query, status: never the token, never text."""
            path = urlsplit(self.path).path
            log.info("%s %s %s", self.command, path[:80], getattr(self, "_status", "-"))

        # --- plumbing -------------------------------------------------------------------
        def _cookies(self) -> SimpleCookie:
            jar = SimpleCookie()
            try:
                jar.load(self.headers.get("Cookie", ""))
            except Exception:  # noqa: BLE001 - a malformed cookie header is just no cookie
                return SimpleCookie()
            return jar

        def _lang(self, query: dict[str, list[str]]) -> str:
            cookie = self._cookies().get(LANG_COOKIE)
            return i18n.choose(
                (query.get("lang") or [None])[0],
                cookie.value if cookie else None,
                self.headers.get("Accept-Language"),
            )

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str = "text/html; charset=utf-8",
            headers: list[tuple[str, str]] | None = None,
        ) -> None:
            self._status = status
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "same-origin")  # never to another site
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Frame-Options", "DENY")
            for key, value in headers or ():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _authorised(self, query: dict[str, list[str]]) -> tuple[bool, list[tuple[str, str]]]:
            """Token in the query (then a cookie is set) or in the cookie."""
            given = (query.get("token") or [None])[0]
            if given is not None and hmac.compare_digest(given.encode(), bench.token.encode()):
                cookie = f"{COOKIE}={bench.token}; HttpOnly; SameSite=Strict; Path=/"
                return True, [("Set-Cookie", cookie)]
            held = self._cookies().get(COOKIE)
            if held is not None and hmac.compare_digest(held.value.encode(), bench.token.encode()):
                return True, []
            return False, []

        def _refuse(self, status: int, lang: str, key: str) -> None:
            self._send(status, pages.message_page(lang, key).encode("utf-8"))

        # --- GET ------------------------------------------------------------------------
        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            lang = self._lang(query)
            if url.path in STATIC or url.path == "/static/labels.css":
                return self._static(url.path)
            if url.path == "/favicon.ico":
                return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            ok, extra = self._authorised(query)
            if not ok:
                return self._refuse(HTTPStatus.FORBIDDEN, lang, "forbidden")
            if (query.get("lang") or [None])[0] in i18n.LANGS:
                extra.append(("Set-Cookie", f"{LANG_COOKIE}={lang}; SameSite=Strict; Path=/"))
            try:
                profile = bench.profile((query.get("profile") or [None])[0])
                if url.path == "/":
                    rows, blocked = workbench.queue(bench.settings, profile)
                    case = (query.get("case") or [None])[0]
                    state = (query.get("state") or [None])[0]
                    html = pages.queue_page(
                        lang, profile.name, bench.profiles, rows, blocked, case, state
                    )
                    return self._send(200, html.encode("utf-8"), headers=extra)
                if match := _DOC.match(url.path):
                    view = workbench.document_view(bench.settings, match.group(1), profile)
                    sizes = page_sizes(bench, view["doc"])
                    html = pages.document_page(lang, profile.name, view, bench.csrf, sizes)
                    return self._send(200, html.encode("utf-8"), headers=extra)
                if match := _PAGE.match(url.path):
                    doc = workbench.document_view(bench.settings, match.group(1), profile)["doc"]
                    png, _, _ = _page_png(
                        str(bench.settings.data_dir),
                        doc["doc_id"],
                        doc["media_type"],
                        int(match.group(2)),
                    )
                    return self._send(200, png, "image/png")
            except (UsageError, ProfileError):
                return self._refuse(HTTPStatus.NOT_FOUND, lang, "bad_request")
            return self._refuse(HTTPStatus.NOT_FOUND, lang, "bad_request")

        def _static(self, path: str) -> None:
            if path == "/static/labels.css":
                return self._send(200, pages.label_css(LABELS).encode(), "text/css; charset=utf-8")
            name = path.rsplit("/", 1)[1]
            body = resources.files("sestry.review").joinpath("static", name).read_bytes()
            return self._send(200, body, f"{STATIC[path]}; charset=utf-8")

        # --- POST -----------------------------------------------------------------------
        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            url = urlsplit(self.path)
            lang = self._lang({})
            ok, _ = self._authorised({})  # changes need the cookie, never a token in the URL
            if not ok:
                return self._refuse(HTTPStatus.FORBIDDEN, lang, "forbidden")
            origin = self.headers.get("Origin")
            host = self.headers.get("Host", "")
            if origin is not None and urlsplit(origin).netloc != host:
                return self._refuse(HTTPStatus.FORBIDDEN, lang, "forbidden")
            length = _int(self.headers.get("Content-Length")) or 0
            if length > MAX_FORM:
                return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, lang, "bad_request")
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            field = {k: v[0] for k, v in form.items()}
            if not hmac.compare_digest(field.get("csrf", "").encode(), bench.csrf.encode()):
                return self._refuse(HTTPStatus.FORBIDDEN, lang, "forbidden")
            match = _DECIDE.match(url.path)
            if not match:
                return self._refuse(HTTPStatus.NOT_FOUND, lang, "bad_request")
            try:
                profile = bench.profile(field.get("profile"))
                decision = {
                    "action": field.get("action"),
                    "start": _int(field.get("start")),
                    "end": _int(field.get("end")),
                    "label": field.get("label") or None,
                    "role": field.get("role") or None,
                    "profile": profile.name,
                }
                workbench.record(bench.settings, bench.reviewer, match.group(1), decision)
            except (UsageError, ProfileError):
                return self._refuse(HTTPStatus.BAD_REQUEST, lang, "bad_request")
            where = f"/doc/{match.group(1)}?profile={profile.name}"
            return self._send(HTTPStatus.SEE_OTHER, b"", headers=[("Location", where)])

    return Handler


class _Server(ThreadingHTTPServer):
    """http.server prints a full traceback on an unexpected error; an exception message may
    quote data, so only its type is logged."""

    daemon_threads = True

    def handle_error(self, *_: object) -> None:
        import sys

        log.error("request failed (%s)", type(sys.exc_info()[1]).__name__)


def server_file(settings: Settings) -> Path:
    """Where a running workbench leaves its address (never its token) for `sestry redact`."""
    return settings.data_dir / "review" / "server.json"


def running_url(settings: Settings) -> str | None:
    """The base URL of a workbench serving this data dir, or None."""
    try:
        record = json.loads(server_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = record.get("url")
    return url if isinstance(url, str) and url.startswith("http") else None


def serve(
    bench: Workbench, host: str = "127.0.0.1", port: int = 0
) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Start serving in a daemon thread; return the server (its real port in server_address)."""
    server = _Server((host, port), make_handler(bench))
    thread = threading.Thread(target=server.serve_forever, name="sestry-review", daemon=True)
    thread.start()
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost", "::1") else host
    url = f"http://{shown}:{server.server_address[1]}"
    ensure_dir(server_file(bench.settings).parent)
    write_json(server_file(bench.settings), {"url": url})
    return server, thread


def stop(bench: Workbench, server: ThreadingHTTPServer) -> None:
    """Stop serving and remove the address file."""
    server.shutdown()
    unlink_durable(server_file(bench.settings))
