"""`sts-course workshop`: the real command prints working URLs; launch options."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import urllib.request

import psutil
import pytest

from conftest import ROOT, VENV_BIN, free_port, wait_for_http
from sts_course.workshop.server import pool_args, prepare
from sts_course.workshop.store import WorkshopStore


def test_lan_and_pool_size_are_the_only_launch_time_settings(tmp_path):
    store = WorkshopStore(tmp_path / "w.sqlite3")
    local = prepare(9000, store=store)
    assert "--Voila.ip=0.0.0.0" not in local.extra_args and local.join_url == "http://127.0.0.1:9000/"
    lan = prepare(9000, lan=True, host="quiz-laptop.local", store=store)
    assert "--Voila.ip=0.0.0.0" in lan.extra_args and lan.join_url == "http://quiz-laptop.local:9000/"
    assert lan.env["STS_WORKSHOP_JOIN_URL"] == lan.join_url
    token = re.search(r"token=([\w-]+)", lan.trainer_url)[1]
    assert store.trainer_token_ok(token) and not store.trainer_token_ok(
        re.search(r"token=([\w-]+)", local.trainer_url)[1])  # a new launch replaces the old token
    pools = json.loads(pool_args(3)[0].split("=", 1)[1])
    configured = json.loads((ROOT / "notebooks" / "voila.json").read_text())["VoilaKernelManager"]
    assert pools["workshop.ipynb"]["pool_size"] == 3
    assert pools["default"] == configured["kernel_pools_config"]["default"]


def interruptible() -> None:
    """Ctrl+C as in a terminal: a background job of a non-interactive shell (as CI may run the
    suite) starts with SIGINT ignored, and its children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_command_prints_urls_that_serve_the_app(tmp_path):
    port = free_port()
    env = {"STS_WORKSHOP_DIR": str(tmp_path), "PATH": f"{VENV_BIN}:/usr/bin:/bin"}
    process = subprocess.Popen([str(VENV_BIN / "sts-course"), "workshop", "--port", str(port), "--pool-size", "1"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True,  # its own group: Voila is a child of the command
                               preexec_fn=interruptible)
    try:
        lines = [process.stdout.readline() for _ in range(4)]
        printed = "".join(lines)
        trainer = re.search(r"Trainer .*?: (\S+)", printed)[1]
        assert re.search(rf"Participants join at: +http://127\.0\.0\.1:{port}/", printed)
        token = trainer.split("token=")[1]
        assert WorkshopStore(tmp_path / "workshop.sqlite3").trainer_token_ok(token)
        wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?mode=solo", timeout=120) as response:
            policy = response.headers["Content-Security-Policy"]
            page = response.read().decode("utf-8")
        assert "default-src 'self'" in policy  # the browser may fetch nothing from elsewhere
        assert "warm_up" not in page and "Traceback" not in page  # no source, no tracebacks
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C does: the command and Voila stop
        threading.Thread(target=process.stdout.read, daemon=True).start()  # never block a writer
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            left = [" ".join(p.cmdline()[:4]) for p in psutil.Process(process.pid).children(recursive=True)]
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"sts-course workshop did not stop within 60 s of Ctrl+C; still running: {left}")


def test_command_names_a_corrupt_store_and_leaves_it_alone(tmp_path):
    store = tmp_path / "workshop.sqlite3"
    store.write_bytes(b"this is not the workshop store" * 100)
    result = subprocess.run([str(VENV_BIN / "sts-course"), "workshop", "--port", str(free_port())],
                            env={**os.environ, "STS_WORKSHOP_DIR": str(tmp_path)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"sts-course workshop: {store}: cannot be used as the workshop store" in result.stderr
    assert "Trainer" not in result.stdout  # no URLs for a server that is not started
    assert store.read_bytes() == b"this is not the workshop store" * 100
