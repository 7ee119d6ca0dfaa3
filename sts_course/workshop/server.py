"""`sts-course workshop`: serve `notebooks/workshop.ipynb` with Voila and print the URLs.

Voila's settings (pre-heated kernel pool, no sources, no tracebacks, localhost) live in
`notebooks/voila.json`. Its `VoilaExecutor.iopub_timeout` of 120 s is there for a crowd: with
the default 4 s, stock Voila dropped the output of all 30 pages of benchmarks/workshop_join.py.

This launcher only adds what is decided at launch: a fresh trainer token (its hash goes into
the store), `--lan` (listen on the room's network), an optional pool size, and Voila started
through `voila_fix`.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..voila_server import serve, voila_command
from .app import JOIN_URL_ENV
from .store import ENV_DIR, WorkshopStore

NOTEBOOK = "workshop.ipynb"
LAUNCHER = "sts_course.workshop.voila_fix"  # Voila with our fixes: no lost request, no lost reply


@dataclass(frozen=True)
class Launch:
    """Everything needed to start the workshop server, and the URLs to hand out."""

    port: int
    trainer_url: str
    join_url: str
    solo_url: str
    store_path: str
    extra_args: tuple[str, ...] = ()
    env: dict = field(default_factory=dict)

    @property
    def command(self) -> list[str]:
        return voila_command(paths.notebooks_dir() / NOTEBOOK, self.port, False, self.extra_args, LAUNCHER)

    @property
    def environment(self) -> dict:
        """The full environment for Voila (and so for every kernel it starts)."""
        return {**os.environ, **self.env, "STS_COURSE_ROOT": str(paths.project_root())}


def lan_address() -> str:
    """This machine's address on the local network, as participants' phones will reach it."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for *_, sockaddr in infos:
        if not sockaddr[0].startswith("127."):
            return sockaddr[0]
    raise RuntimeError("could not find this machine's network address; pass --host with the "
                       "address or name participants should use")


def pool_args(pool_size: int | None) -> list[str]:
    """Override the workshop's kernel pool size, keeping the rest of voila.json's pool settings."""
    if pool_size is None:
        return []
    config = json.loads((paths.notebooks_dir() / "voila.json").read_text(encoding="utf-8"))
    pools = dict(config.get("VoilaKernelManager", {}).get("kernel_pools_config", {}))
    pools[NOTEBOOK] = {**pools.get(NOTEBOOK, {}), "pool_size": pool_size}
    return [f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}"]


def kernel_transport_args() -> list[str]:
    """Kernels talk to Voila over local sockets where the system has them (not on Windows).

    Starting a pool of kernels at once over TCP lets two kernels pick the same free port; the
    loser dies before its page is served, and that page never loads. Socket files cannot clash.
    """
    return ["--KernelManager.transport=ipc"] if os.name == "posix" else []


def kernel_profile(folder: Path) -> Path:
    """An IPython folder for the workshop's kernels, with command history off.

    Thirty kernels saving history to the one shared history file lock each other out, and
    IPython prints the error on participants' pages. Nobody needs a workshop page's history.
    """
    profile = folder / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text("c.HistoryManager.enabled = False\n", encoding="utf-8")
    return folder / "ipython"


def prepare(port: int = 8866, lan: bool = False, host: str | None = None,
            pool_size: int | None = None, store: WorkshopStore | None = None) -> Launch:
    """Make a new trainer token (stored hashed) and work out the command and URLs."""
    store = store or WorkshopStore()
    token = secrets.token_urlsafe(18)
    store.set_trainer_token(token)
    address = host or (lan_address() if lan else "127.0.0.1")
    join = f"http://{address}:{port}/"
    extra = (["--Voila.ip=0.0.0.0"] if lan else []) + pool_args(pool_size) + kernel_transport_args()
    env = {JOIN_URL_ENV: join, ENV_DIR: str(store.path.parent),
           "IPYTHONDIR": str(kernel_profile(store.path.parent))}
    return Launch(port=port, trainer_url=f"http://127.0.0.1:{port}/?role=trainer&token={token}",
                  join_url=join, solo_url=f"{join}?mode=solo", store_path=str(store.path),
                  extra_args=tuple(extra), env=env)


def run(port: int = 8866, lan: bool = False, host: str | None = None, pool_size: int | None = None) -> int:
    """Print the URLs, then serve until Ctrl+C."""
    launch = prepare(port, lan, host, pool_size)
    print("Workshop quiz", flush=True)
    print(f"  Trainer (keep private; needs this token): {launch.trainer_url}")
    print(f"  Participants join at:                      {launch.join_url}"
          "  (the trainer screen shows the code and a QR code)")
    print(f"  Solo mode, no session:                     {launch.solo_url}")
    print(f"  Session store: {launch.store_path}")
    if not lan:
        print("  Listening on this computer only; use --lan to let phones on the room's network join.")
    print("  Kernels are pre-heated in the background: the first pages open at once, "
          "a full pool takes a minute.", flush=True)
    return serve(NOTEBOOK, port=port, open_browser=False, env=launch.env, extra_args=launch.extra_args,
                 launcher=LAUNCHER)


def stop(process: subprocess.Popen, timeout: float = 60) -> None:
    """Stop a Voila server started from `Launch.command`, waiting for it to close its kernels."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:  # stuck closing kernels: they exit when Voila is gone
        process.kill()
        process.wait()
