"""Serving the course's notebooks with Voila. Configuration lives in `notebooks/voila.json`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import paths


def voila_command(notebook: Path, port: int, open_browser: bool, extra_args=(), launcher: str | None = None) -> list[str]:
    """The command that serves `notebook`: Voila itself, or `python -m <launcher>` wrapping it."""
    program = [sys.executable, "-m", launcher] if launcher else [str(Path(sys.executable).parent / "voila")]
    command = [*program, str(notebook), f"--port={port}"]
    if not open_browser:
        command.append("--no-browser")
    return command + list(extra_args)


def serve(notebook_name: str, port: int = 8866, open_browser: bool = True,
          env: dict[str, str] | None = None, extra_args=(), launcher: str | None = None) -> int:
    """Run Voila on a notebook of `notebooks/` (or on an absolute path, e.g. an exercise
    notebook) until interrupted; returns its exit code. Voila runs from `notebooks/`, so
    `notebooks/voila.json` configures every served notebook."""
    folder = paths.notebooks_dir()
    notebook = folder / notebook_name
    if not notebook.is_file():
        raise FileNotFoundError(f"no such notebook: {notebook}")
    environment = {**os.environ, **(env or {}), "STS_COURSE_ROOT": str(paths.project_root())}
    print(f"Serving {notebook_name} with Voila at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        return subprocess.call(voila_command(notebook, port, open_browser, extra_args, launcher), cwd=folder, env=environment)
    except KeyboardInterrupt:
        return 0
