"""Shared test fixtures: a small fixture project, free ports, and headless Chromium."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("STS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# nbgrader and Voila shell out to tools beside this Python (alembic, jupyter).
os.environ["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def run_alone(scenario):
    """asyncio.run(scenario()) in a thread of its own: the session's Playwright browser keeps an
    event loop running in the main thread, where asyncio.run is refused."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(scenario())).result()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no Playwright browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make system-deps` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the course's data files (curriculum, bank, references) to break on purpose."""
    (tmp_path / "exercises").mkdir()
    shutil.copy(ROOT / "exercises" / "curriculum.yml", tmp_path / "exercises")
    shutil.copytree(ROOT / "exercises" / "questions", tmp_path / "exercises" / "questions")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book")
    return tmp_path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Build the whole book, as `make site` does, into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [str(VENV_BIN / "jupyter-book"), "build", str(ROOT), "-W", "--keep-going", "--path-output", str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0, f"site build failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def site_url(site):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/index.html", server)
    yield base
    server.terminate()
    server.wait()


def site_pages(site: Path) -> list[str]:
    """Every content page of the built site, as paths relative to its root."""
    skip = {"genindex.html", "search.html"}
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
                  and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:2000])


@pytest.fixture
def journal(tmp_path, monkeypatch):
    """A learner's private journal in a temporary folder: STS_JOURNAL_DIR points there, so
    nothing a test does reaches the real per-user data folder."""
    from sts_course.journal import Journal

    monkeypatch.setenv("STS_JOURNAL_DIR", str(tmp_path / "journal"))
    return Journal()
