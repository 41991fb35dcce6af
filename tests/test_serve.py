"""`fit-analyzer serve`: the API through the framework's test client, the page in Chromium."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fit_analyzer.limits import Limits
from fit_analyzer.report import schema

from .conftest import POSTINGS, REPO, RESUMES, run_cli

pytest.importorskip("fastapi", reason="needs pip install 'fit-analyzer[serve]'")
from fastapi.testclient import TestClient

from fit_analyzer.serve import Settings, create_app

ALEX = RESUMES / "alex-rivera.pdf"
SRE = POSTINGS / "site-reliability-engineer.txt"
CNC = POSTINGS / "cnc-machinist.docx"


def files(**fields: Path | str | list[Path]) -> list[tuple[str, Any]]:
    """Multipart fields: a path is sent as a file, a string as text."""
    parts: list[tuple[str, Any]] = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Path):
                parts.append((name, (item.name, item.read_bytes())))
            else:
                parts.append((name, (None, item)))
    return parts


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(limits=Limits(max_file_bytes=200_000)))) as started:
        yield started


def test_score_returns_the_record_of_the_command_line(client: TestClient) -> None:
    response = client.post("/v1/score", files=files(resume=ALEX, posting=SRE))
    assert response.status_code == 200
    record = response.json()
    cli = json.loads(run_cli("score", ALEX, SRE, "--format", "json").stdout)
    for role in ("resume", "posting"):  # uploads are named by their file name only
        assert record[role].pop("path") == Path(cli[role].pop("path")).name
    assert record == cli
    pasted = client.post("/v1/score", files=files(resume=ALEX, posting=SRE.read_text()))
    assert pasted.status_code == 200 and pasted.json()["posting"]["path"] == "<posting>.txt"


def test_rank_ranks_postings_for_a_resume_or_resumes_for_a_posting(client: TestClient) -> None:
    response = client.post("/v1/rank", files=files(resume=ALEX, postings=[CNC, SRE]))
    assert response.status_code == 200
    assert [(r["rank"], r["posting"]["path"]) for r in response.json()] == [
        (1, SRE.name),
        (2, CNC.name),
    ]
    resumes = [RESUMES / "maria-santos.txt", ALEX]
    response = client.post("/v1/rank", files=files(resumes=resumes, posting=SRE))
    assert [r["resume"]["path"] for r in response.json()] == ["alex-rivera.pdf", "maria-santos.txt"]


def test_each_refusal_has_its_status_and_a_json_error(client: TestClient, tmp_path: Path) -> None:
    broken = tmp_path / "cv.pdf"
    broken.write_bytes(b"%PDF-1.7 cut short")
    big = tmp_path / "big.txt"
    big.write_text("word " * 50_000)
    cases = [
        (files(resume=broken, posting=SRE), 422, "corrupt", "cv.pdf: "),
        (files(posting=SRE), 400, "bad_request", "give exactly one 'resume'"),
        (files(resume=big, posting=SRE), 413, "too_large", "big.txt: larger than"),
    ]
    for fields, status, kind, words in cases:
        response = client.post("/v1/score", files=fields)
        assert response.status_code == status, response.text
        error = response.json()["error"]
        assert error["kind"] == kind and words in error["message"]
    # One unreadable posting among several is an error record; the rest are ranked.
    response = client.post("/v1/rank", files=files(resume=ALEX, postings=[broken, SRE]))
    assert response.status_code == 200
    assert [("error" in r, r.get("rank")) for r in response.json()] == [(True, None), (False, 1)]


def test_posts_from_other_origins_are_refused(client: TestClient) -> None:
    fields = files(resume=ALEX, posting=SRE)
    for origin, status in (
        ("http://evil.example", 403),
        ("null", 403),
        ("http://testserver", 200),
        (None, 200),
    ):
        headers = {"Origin": origin} if origin else {}
        response = client.post("/v1/score", files=fields, headers=headers)
        assert response.status_code == status, origin
        assert "access-control-allow-origin" not in response.headers
        assert "default-src 'none'" in response.headers["content-security-policy"]
    page = client.post("/", files=fields, headers={"Origin": "http://evil.example"})
    assert page.status_code == 403


def test_busy_workers_past_the_queue_limit_answer_503() -> None:
    app = create_app(Settings(jobs=1, queue_limit=0))
    with TestClient(app) as client, app.state.workers.lend():
        response = client.post("/v1/score", files=files(resume=ALEX, posting=SRE))
    assert response.status_code == 503 and response.json()["error"]["kind"] == "busy"


def test_schema_health_and_openapi(client: TestClient) -> None:
    assert client.get("/v1/schema").json() == schema()
    assert client.get("/healthz").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/score", "/v1/rank", "/v1/schema", "/healthz"} <= set(paths)
    assert client.get("/docs").status_code == 404  # it would load scripts from a CDN


def test_the_page_is_a_plain_form_and_shows_the_report(client: TestClient) -> None:
    form = client.get("/")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    assert "<script" not in form.text
    one = client.post("/", files=files(resume=ALEX, postings=[SRE]))
    assert one.status_code == 200 and "STRONG FIT" in one.text and "Fit ranking" not in one.text
    several = client.post("/", files=files(resume_text=ALEX.name, postings=[SRE, CNC]))
    assert several.status_code == 200 and "Fit ranking" in several.text
    nothing = client.post("/", files=files(resume=ALEX))
    assert nothing.status_code == 400 and "give at least one job posting" in nothing.text


def test_the_page_says_why_a_file_cannot_be_read(client: TestClient, tmp_path: Path) -> None:
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.7 cut short")
    page = client.post("/", files=files(resume=broken, posting_text=SRE.read_text()))
    assert page.status_code == 422
    assert "Could not score" in page.text and "scan.pdf: " in page.text


def test_serve_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fit_analyzer.serve", None)
    result = run_cli("serve")
    assert result.exit_code == 1
    assert "pip install 'fit-analyzer[serve]'" in result.stderr


# --- a real server, driven by headless Chromium over the DevTools protocol -----------------

CHROMIUM = shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body: bytes = response.read()
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class DevTools:
    """The smallest Chrome DevTools Protocol client: commands, and waiting for an event."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.next_id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                result: dict[str, Any] = message["result"]
                return result

    def wait(self, event: str) -> None:
        while json.loads(self.socket.recv(timeout=60)).get("method") != event:
            pass

    def click(self, selector: str) -> None:
        node = self.node(selector)
        quad = self.send("DOM.getBoxModel", nodeId=node)["model"]["content"]
        x, y = (quad[0] + quad[4]) / 2, (quad[1] + quad[5]) / 2
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def node(self, selector: str) -> int:
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node: int = self.send("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        assert node, selector
        return node

    def text(self, selector: str) -> str:
        expression = f"document.querySelector({json.dumps(selector)})?.textContent ?? ''"
        value: str = self.send("Runtime.evaluate", expression=expression)["result"]["value"]
        return value


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "fit_analyzer", "serve", "--port", str(port), "--jobs", "1"],
        stderr=subprocess.DEVNULL,
        env={"FIT_ANALYZER_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/healthz")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_a_person_uploads_files_through_the_page_in_a_real_browser(
    server: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from websockets.sync.client import connect

    assert CHROMIUM
    port = free_port()
    browser = subprocess.Popen(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--remote-debugging-port={port}", f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,1400", "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        targets = json.loads(wait_for(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        with connect(page["webSocketDebuggerUrl"], max_size=None) as socket:
            drive_the_page(DevTools(socket), server, tmp_path, request)
    finally:
        browser.terminate()
        browser.wait(timeout=30)


def drive_the_page(
    tools: DevTools, server: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Upload a resume and a posting through the form, as a person would; see the verdict."""
    tools.send("Page.enable")
    tools.send("Page.navigate", url=f"{server}/")
    tools.wait("Page.loadEventFired")
    tools.send("DOM.setFileInputFiles", files=[str(ALEX)], nodeId=tools.node("#resume"))
    tools.send("DOM.setFileInputFiles", files=[str(SRE)], nodeId=tools.node("#postings"))
    tools.click("form.score button")
    tools.wait("Page.loadEventFired")
    assert tools.text("body") and tools.text(".verdict") == "STRONG FIT", tools.text("body")
    assert "alex-rivera.pdf" in tools.text("body")
    shot = base64.b64decode(tools.send("Page.captureScreenshot", format="png")["data"])
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000
    (tmp_path / "serve.png").write_bytes(shot)
    if request.config.getoption("--update-golden"):
        (REPO / "docs" / "serve-screenshot.png").write_bytes(shot)
