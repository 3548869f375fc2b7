"""A local stand-in for Google on 127.0.0.1, answering like Google does, built from the fixtures.

Serves the fast-path search endpoint (paged, from output.json, extended with synthetic copies
for queries that need more than 20 results), the EU consent wall, refusals (429 and the
/sorry "unusual traffic" page), the Maps web pages the browser provider loads, and the Places
API (New) Text Search. Every request is recorded so tests can check what was sent.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "maps"
EMPTY_QUERY = "nothing matches this"
_PAGE = re.compile(r"!7i(\d+)!8i(\d+)")


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class StandIn:
    """What the stand-in does; tests change these fields before or between requests."""

    total_results: int = 20
    refuse: int = 0  # how many of the next search requests are refused
    refusal: str = "429"  # "429" or "sorry"
    consent_walls: int = 0  # how many next requests go to the consent page even with the cookie
    require_consent_cookie: bool = True
    places_key: str = "test-key"
    search_override: str | None = None  # a fixed body for every search answer
    requests: list[Recorded] = field(default_factory=list)
    base_url: str = ""

    def searches(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/search"]


def synthetic_rows(total: int) -> list[Any]:
    """``total`` search rows: the 20 real ones, then renamed copies with fresh feature ids."""
    real = load_fixture("output.json")[0][1][1:]
    rows: list[Any] = []
    round_ = 0
    while len(rows) < total:
        for row in real:
            if len(rows) >= total:
                break
            if round_ == 0:
                rows.append(row)
                continue
            clone = copy.deepcopy(row)
            place = clone[14]
            first, second = place[10].split(":")
            new_id = f"{first}:0x{int(second, 16) + round_:x}"
            place[10] = new_id
            place[11] = f"{place[11]} #{round_ + 1}"
            place[78] = f"{place[78]}{round_}"
            rows.append(clone)
        round_ += 1
    return rows


def search_body(rows: list[Any], query: str) -> str:
    envelope = load_fixture("output.json")
    envelope[0][0] = query
    envelope[0][1] = [envelope[0][1][0], *rows]
    return ")]}'\n" + json.dumps(envelope, ensure_ascii=False)


CONSENT_PAGE = """<!doctype html><html><head><title>Before you continue to Google</title></head>
<body><h1>Before you continue to Google</h1>
<form action="/consent/save" method="post"><input type="hidden" name="continue" value="{target}">
<button type="submit" name="set" value="reject">Reject all</button></form>
<form action="/consent/save" method="post"><input type="hidden" name="continue" value="{target}">
<button type="submit" name="set" value="accept">Accept all</button></form></body></html>"""

SORRY_PAGE = """<!doctype html><html><body><div id="infoDiv">Our systems have detected unusual
traffic from your computer network. This page checks to see if it's really you sending the
requests, and not a robot.</div><div class="g-recaptcha"></div></body></html>"""


def maps_search_page(rows: list[Any]) -> str:
    """A Maps search page: a scrollable feed of place links and the embedded state."""
    links = []
    for row in rows:
        place = row[14]
        links.append(
            f'<div class="item"><a href="/maps/place/{quote(place[11])}'
            f'/data=!4m2!3m1!1s{place[10]}">{place[11]}</a></div>'
        )
    state = [None, None, None, [None, None, None, None, None, None, search_body(rows[:5], "q")]]
    return f"""<!doctype html><html><head><style>
#feed {{ height: 300px; overflow-y: scroll; }} .item {{ height: 120px; }}</style></head>
<body><div id="feed" role="feed"></div>
<script>window.APP_INITIALIZATION_STATE={json.dumps(state)};
const all = {json.dumps(links)};
const feed = document.getElementById('feed');
let shown = 0;
function more() {{
  const next = Math.min(all.length, shown + 5);
  for (; shown < next; shown++) feed.insertAdjacentHTML('beforeend', all[shown]);
  if (shown >= all.length) feed.insertAdjacentHTML('beforeend',
    "<p>You've reached the end of the list.</p>");
}}
more();
feed.addEventListener('scroll', () => {{
  if (feed.scrollTop + feed.clientHeight >= feed.scrollHeight - 10) more();
}});
</script></body></html>"""


def maps_place_page(payload_text: str) -> str:
    state = [None, None, None, [None, None, None, None, None, None, ")]}'\n" + payload_text]]
    return (
        "<!doctype html><html><body><h1>place</h1><script>"
        f"window.APP_INITIALIZATION_STATE={json.dumps(state)};</script></body></html>"
    )


def places_response(start: int, size: int, total: int) -> dict[str, Any]:
    places = load_fixture("places_text_search.json")["places"]
    chosen = [
        places[i % len(places)] | {"id": f"{places[i % len(places)]['id']}{i}"}
        for i in range(start, min(total, start + size))
    ]
    body: dict[str, Any] = {"places": chosen}
    if start + size < total:
        body["nextPageToken"] = f"page-{start + size}"
    return body


def place_payload(path: str, state: StandIn) -> str:
    """The place payload for a place URL: the search row with that feature id, in the
    envelope of raw.json; raw.json itself for any other place."""
    envelope = load_fixture("raw.json")
    feature = re.search(r"!1s(0x[0-9a-f]+:0x[0-9a-f]+)", path)
    for row in synthetic_rows(state.total_results):
        if feature and row[14][10] == feature.group(1):
            envelope[6] = row[14]
            break
    return json.dumps(envelope, ensure_ascii=False)


class _Handler(BaseHTTPRequestHandler):
    standin: StandIn

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _record(self, body: bytes = b"") -> Recorded:
        parts = urlsplit(self.path)
        record = Recorded(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        self.standin.requests.append(record)
        return record

    def _send(
        self, status: int, body: str | bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self._send(302, "", "text/html", {"Location": location})

    def do_GET(self) -> None:
        record = self._record()
        state = self.standin
        cookie = record.headers.get("cookie", "")
        if record.path == "/consent":
            target = record.query.get("continue", ["/"])[0]
            self._send(200, CONSENT_PAGE.format(target=target), "text/html; charset=utf-8")
            return
        if record.path.startswith("/sorry"):
            self._send(429, SORRY_PAGE, "text/html")
            return
        if record.path.startswith("/v1/places/"):
            self._send(
                200,
                json.dumps({"photoUri": "https://lh3.googleusercontent.com/places/photo1"}),
                "application/json",
            )
            return
        walled = state.consent_walls > 0 or (state.require_consent_cookie and "SOCS=" not in cookie)
        if walled and (record.path == "/search" or record.path.startswith("/maps")):
            state.consent_walls = max(0, state.consent_walls - 1)
            self._redirect(f"/consent?continue={quote(self.path, safe='')}")
            return
        if record.path == "/search":
            self._search(record)
        elif record.path.startswith("/maps/search/"):
            self._send(
                200,
                maps_search_page(synthetic_rows(state.total_results)),
                "text/html; charset=utf-8",
            )
        elif record.path.startswith("/maps/place/"):
            self._send(200, maps_place_page(place_payload(self.path, state)), "text/html")
        else:
            self._send(404, "not found", "text/plain")

    def _search(self, record: Recorded) -> None:
        state = self.standin
        if state.refuse > 0:
            state.refuse -= 1
            if state.refusal == "sorry":
                self._redirect(f"/sorry/index?continue={quote(self.path, safe='')}")
            else:
                self._send(429, "Too Many Requests", "text/html", {"Retry-After": "0"})
            return
        if state.search_override is not None:
            self._send(200, state.search_override, "application/json; charset=UTF-8")
            return
        query = record.query.get("q", [""])[0]
        match = _PAGE.search(record.query.get("pb", [""])[0])
        size, offset = (int(match.group(1)), int(match.group(2))) if match else (20, 0)
        rows = [] if query == EMPTY_QUERY else synthetic_rows(state.total_results)
        self._send(
            200, search_body(rows[offset : offset + size], query), "application/json; charset=UTF-8"
        )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        record = self._record(self.rfile.read(length))
        state = self.standin
        if record.path == "/consent/save":
            form = parse_qs(record.body.decode())
            target = form.get("continue", ["/"])[0]
            self._send(302, "", "text/html", {"Location": target, "Set-Cookie": "SOCS=CAE; Path=/"})
            return
        if record.path == "/v1/places:searchText":
            if record.headers.get("x-goog-api-key") != state.places_key:
                error = {
                    "error": {
                        "code": 403,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "PERMISSION_DENIED",
                    }
                }
                self._send(403, json.dumps(error), "application/json")
                return
            body = json.loads(record.body)
            token = body.get("pageToken")
            start = int(token.split("-")[1]) if token else 0
            response = places_response(start, int(body.get("pageSize", 20)), state.total_results)
            self._send(200, json.dumps(response), "application/json")
            return
        self._send(404, "not found", "text/plain")


@contextmanager
def run_standin(standin: StandIn | None = None) -> Iterator[StandIn]:
    """Serve the stand-in on an ephemeral 127.0.0.1 port for the duration of the block."""
    state = standin or StandIn()
    handler = type("Handler", (_Handler,), {"standin": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
