"""Voila as `sts-course workshop` runs it: `python -m sts_course.workshop.voila_fix <voila args>`.

Two fixes are installed before Voila starts:

- pre-heated kernels never miss their page's request (`request.install_request_handler`);
- a page whose cell has finished but whose execute reply never reaches Voila still loads.
  The kernel has said it is idle and every output has arrived, yet stock Voila waits for the
  reply for ever. On this 2-core machine that hit about one run in three of
  tests/test_workshop_browser.py, with ipykernel 6.31 and 7.4 alike. The executor now takes
  the kernel's "idle" as the end of the cell when no reply follows within
  `REPLY_GRACE_SECONDS`, and logs a warning when it does (4 times in 10 runs of that test,
  each of which then passed).
"""

from __future__ import annotations

import asyncio
import logging
import sys

REPLY_GRACE_SECONDS = 3.0  # after the kernel is idle, how long to wait for a missing execute reply
log = logging.getLogger(__name__)


def finished_without_reply(msg_id: str) -> dict:
    """The execute reply a cell is given when the kernel went idle but its reply never came."""
    return {"msg_type": "execute_reply", "parent_header": {"msg_id": msg_id}, "header": {},
            "metadata": {}, "content": {"status": "ok", "execution_count": None}}


def poll_for_reply_or_idle(original, grace: float = REPLY_GRACE_SECONDS):
    """Wrap NotebookClient._async_poll_for_reply: also end when the outputs are complete
    (the kernel went idle) and no reply has come `grace` seconds later."""

    async def poll(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
        reply = asyncio.ensure_future(original(self, msg_id, cell, timeout, task_poll_output_msg,
                                               task_poll_kernel_alive))
        loop = asyncio.get_running_loop()
        idle_since = None
        try:
            while True:
                done, _ = await asyncio.wait({reply}, timeout=min(0.5, grace))
                if done:
                    return reply.result()
                if task_poll_output_msg.done():
                    idle_since = idle_since or loop.time()
                    if loop.time() - idle_since >= grace:
                        log.warning("cell finished (kernel idle) but its execute reply %s never came; "
                                    "going on without it", msg_id)
                        reply.cancel()
                        task_poll_kernel_alive.cancel()
                        return finished_without_reply(msg_id)
        except asyncio.CancelledError:  # nbclient cancels us when the kernel dies
            reply.cancel()
            raise

    return poll


def install() -> None:
    """Install both fixes (idempotent)."""
    from voila.execute import VoilaExecutor

    from .request import install_request_handler

    install_request_handler()
    if not getattr(VoilaExecutor, "_sts_patched", False):
        VoilaExecutor._async_poll_for_reply = poll_for_reply_or_idle(VoilaExecutor._async_poll_for_reply)
        VoilaExecutor._sts_patched = True


def main() -> int:
    install()
    from voila.app import main as voila_main

    return voila_main()


if __name__ == "__main__":
    sys.exit(main())
