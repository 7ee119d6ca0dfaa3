"""Live updates: each page's kernel polls the shared store about once a second.

The trainer's and each participant's kernel are separate processes, so changes reach a page
by polling. A poll reads one small value (a "snapshot"); widgets are redrawn only when it
changes. Polling stops when asked to, after `max_seconds`, or with the kernel, which Voila
shuts down when the page is closed.
"""

from __future__ import annotations

import asyncio
import logging
import time

log = logging.getLogger(__name__)


class Poller:
    """Call `snapshot()` every `interval` seconds; call `on_change(value)` when it changes."""

    def __init__(self, snapshot, on_change, interval: float = 1.0, max_seconds: float = 4 * 3600):
        self.snapshot, self.on_change = snapshot, on_change
        self.interval, self.max_seconds = interval, max_seconds
        self.last = object()
        self.task: asyncio.Task | None = None
        self.stopped = False

    def poll_once(self) -> bool:
        """Poll now; True if the value changed (and `on_change` ran)."""
        value = self.snapshot()
        if value == self.last:
            return False
        self.last = value
        self.on_change(value)
        return True

    def start(self) -> None:
        """Poll in the kernel's event loop until stopped (no-op outside a running loop)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:
                return
        if self.task is None:
            self.task = loop.create_task(self._run())

    def stop(self) -> None:
        self.stopped = True
        if self.task is not None:
            self.task.cancel()

    async def _run(self) -> None:
        deadline = time.monotonic() + self.max_seconds
        while not self.stopped and time.monotonic() < deadline:
            try:
                self.poll_once()
            except Exception:  # a redraw that fails must not end live updates for the page
                log.exception("workshop poll failed")
            await asyncio.sleep(self.interval)
