"""Time to the first answerable question for 30 participants joining within 10 seconds.

Measured in headless Chromium (one browser, one context per participant): from opening the
participant URL to the first question's options being visible and enabled. The workshop
app (pre-heated kernels, join with the code) is compared with stock Voila serving a plain
notebook of the same quiz, without pre-heating. Prints medians, 95th percentiles and ratios,
the same for a few participants joining one at a time (the cost of one page without a crowd),
and how much CPU the server uses while every joined page polls for updates.

All the "phones" run in one Chromium on the same machine as the server, so the crowd's page
rendering competes with the server for the CPU; a real room has one CPU per phone.

Run: .venv/bin/python benchmarks/workshop_join.py [--participants 30] [--window 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sts_course import paths  # noqa: E402
from sts_course.voila_server import voila_command  # noqa: E402
from sts_course.workshop.server import prepare, stop  # noqa: E402
from sts_course.workshop.store import WorkshopStore  # noqa: E402

CHROMIUM = os.environ.get("STS_CHROMIUM", "/usr/bin/chromium")
MODULE = "F1"
OPTION = ".sts-quiz-question input[type=radio]"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_log(log: Path, pattern: str, process: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited early; see {log}")
        if re.search(pattern, log.read_text(errors="replace")):
            return
        time.sleep(0.5)
    raise TimeoutError(f"{pattern!r} not in {log} after {timeout} s")


def cpu_seconds(processes) -> float:
    """User plus system CPU seconds of `processes` so far (ones that have ended count 0)."""
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except Exception:  # it ended: psutil can no longer read it
            pass
    return total


def server_tree(process: subprocess.Popen) -> list:
    """Voila and every process under it (its kernels), as psutil processes."""
    import psutil

    root = psutil.Process(process.pid)
    return [root, *root.children(recursive=True)]


def wait_until_idle(process: subprocess.Popen, kernels: int, quiet: float = 0.15, timeout: float = 900) -> None:
    """Wait until `kernels` kernels have each done their warm-up (about half a second of CPU) and
    Voila and its kernels use less than `quiet` of one core: the pool is pre-heated."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = server_tree(process)
        if len([p for p in tree[1:] if cpu_seconds([p]) >= 0.4]) < kernels:
            time.sleep(2)
            continue
        before = cpu_seconds(tree)
        time.sleep(2)
        if (cpu_seconds(tree) - before) / 2 < quiet:
            return
    raise TimeoutError("the kernel pool did not settle")


def wait_for_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


async def one_participant(browser, url: str, delay: float, join: bool):
    """Seconds until the first question is answerable (None if it never was), and the context."""
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(300_000)  # a crowd on a busy 2-core machine can be very slow
    context.set_default_navigation_timeout(300_000)
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url)
        if join:
            await page.get_by_role("button", name="Join").click()
        option = page.locator(OPTION).first
        await option.wait_for(state="visible")
        while not await option.is_enabled():
            await asyncio.sleep(0.02)
    except Exception as exc:  # report it, keep measuring the others
        text = (await page.inner_text("body"))[:300].replace("\n", " ") if not page.is_closed() else ""
        print(f"  a participant failed after {time.perf_counter() - start:.0f} s: "
              f"{str(exc).splitlines()[0]} | page: {text}", flush=True)
        return None, context
    return time.perf_counter() - start, context


def cpu_split(server: subprocess.Popen) -> tuple[float, float]:
    """CPU seconds used so far by the server (Voila and its kernels) and by Chromium (every
    other process this benchmark started), counting processes alive now."""
    import psutil

    tree = server_tree(server)
    ours = {p.pid for p in tree}
    browser = [p for p in psutil.Process().children(recursive=True) if p.pid not in ours]
    return cpu_seconds(tree), cpu_seconds(browser)


async def crowd(url: str, participants: int, window: float, join: bool, while_open=None,
                server: subprocess.Popen | None = None) -> list[float]:
    """Open the URL as `participants` phones arriving evenly over `window` seconds (0: one at a
    time); return the sorted times. `while_open()` runs while every page is still open. With
    `server`, print how the CPU time of the crowd was shared between server and browser."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=["--no-sandbox", "--disable-gpu"])
        warm = await browser.new_context()  # start Chromium's own processes before timing
        await (await warm.new_page()).goto("about:blank")
        before = cpu_split(server) if server else None
        if window:
            results = await asyncio.gather(*(one_participant(browser, url, window * i / participants, join)
                                             for i in range(participants)))
        else:
            results = [await one_participant(browser, url, 0, join) for _ in range(participants)]
        if before:
            (server_before, browser_before), (server_after, browser_after) = before, cpu_split(server)
            print(f"  CPU while {participants} pages opened: server (Voila + kernels) "
                  f"{server_after - server_before:.1f} s, Chromium {browser_after - browser_before:.1f} s", flush=True)
        if while_open:
            await asyncio.to_thread(while_open)
        for _, context in results:
            await context.close()
        await browser.close()
    failed = sum(seconds is None for seconds, _ in results)
    if failed:
        print(f"  {failed} of {len(results)} never got an answerable question", flush=True)
    return sorted(seconds for seconds, _ in results if seconds is not None)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def tree_cpu(process: subprocess.Popen, seconds: float = 10) -> float:
    """Share of one core used by Voila and its kernels over `seconds`."""
    tree = server_tree(process)
    before = cpu_seconds(tree)
    time.sleep(seconds)
    return (cpu_seconds(tree) - before) / seconds


def run_workshop(participants: int, window: float, work: Path, alone: int) -> tuple[list[float], list[float]]:
    os.environ["STS_WORKSHOP_DIR"] = str(work / "store")
    store = WorkshopStore()
    from sts_course.bank import load_bank

    session = store.create_session([q.id for q in load_bank().for_module(MODULE)], "benchmark")
    store.open_question(session.id, 0)  # the trainer has started the first question
    launch = prepare(free_port(), pool_size=participants + alone + 1, store=store)
    log = work / "workshop-voila.log"
    with open(log, "w") as out:
        server = subprocess.Popen(launch.command, cwd=paths.notebooks_dir(), env=launch.environment,
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        print(f"workshop: warming a pool of {participants + alone + 1} kernels...", flush=True)
        started = time.perf_counter()
        wait_for_log(log, r"Kernel pool of workshop\.ipynb is filled", server)
        wait_until_idle(server, participants + alone + 1)
        print(f"workshop: pool pre-heated after {time.perf_counter() - started:.0f} s "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        url = f"{launch.join_url}?code={session.code}"
        single = asyncio.run(crowd(url, alone, 0, join=True, server=server))

        def polling_cost() -> None:
            share = tree_cpu(server)
            print(f"workshop: {participants} joined pages polling: Voila and kernels use "
                  f"{100 * share:.0f}% of one core", flush=True)

        return asyncio.run(crowd(url, participants, window, join=True, while_open=polling_cost, server=server)), single
    finally:
        stop(server)


def run_stock(participants: int, window: float, work: Path, alone: int) -> tuple[list[float], list[float]]:
    folder = work / "stock"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(f"from sts_course.quiz import module_quiz\n\nmodule_quiz({MODULE!r})")]
    nbformat.write(notebook, folder / "quiz.ipynb")
    port = free_port()
    env = {**os.environ, "STS_COURSE_ROOT": str(ROOT)}
    with open(work / "stock-voila.log", "w") as out:
        server = subprocess.Popen(voila_command(folder / "quiz.ipynb", port, False), cwd=folder, env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js")
        url = f"http://127.0.0.1:{port}/"
        single = asyncio.run(crowd(url, alone, 0, join=False, server=server))
        return asyncio.run(crowd(url, participants, window, join=False, server=server)), single
    finally:
        stop(server)


def describe(name: str, times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        print(f"{name:<34} too few answerable pages to summarize ({len(times)})")
        return float("nan"), float("nan")
    median, high = statistics.median(times), p95(times)
    print(f"{name:<34} median {median:6.2f} s   p95 {high:6.2f} s   max {max(times):6.2f} s")
    return median, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--window", type=float, default=10.0, help="seconds over which they arrive")
    parser.add_argument("--alone", type=int, default=5, help="participants timed one at a time first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, ours_alone = run_workshop(args.participants, args.window, work, args.alone)
        stock, stock_alone = run_stock(args.participants, args.window, work, args.alone)
    print(f"\n{args.participants} participants joining within {args.window:g} s, {os.cpu_count()} CPU cores, "
          f"load average now {os.getloadavg()[0]:.1f} (other work on the machine slows both runs)")
    m1, h1 = describe("workshop app (pre-heated, join)", ours)
    m2, h2 = describe("stock Voila, plain notebook", stock)
    print(f"{'ratio stock / workshop':<34} median {m2 / m1:6.1f}x    p95 {h2 / h1:6.1f}x")
    print(f"\none participant at a time ({args.alone} in a row, nothing else from this benchmark running)")
    a1, _ = describe("workshop app (pre-heated, join)", ours_alone)
    a2, _ = describe("stock Voila, plain notebook", stock_alone)
    print(f"{'ratio stock / workshop':<34} median {a2 / a1:6.1f}x")
    print(f"targets: median <= 1.0 s: {'met' if m1 <= 1.0 else 'MISSED'}; "
          f"p95 <= 2.0 s: {'met' if h1 <= 2.0 else 'MISSED'}")


if __name__ == "__main__":
    main()
