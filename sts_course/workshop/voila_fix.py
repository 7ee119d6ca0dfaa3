"""Run Voila with a fix for how pre-heated kernels receive their page's request.

A pre-heated kernel waits on a websocket (`/voila/query/<kernel id>`) until Voila hands it
to a page and sends it the page's request (query string and so on). In Voila 0.5.13,
`voila.request_info_handler.RequestInfoSocketHandler` can lose that request for good:

- when a kernel reconnects, the old connection's `on_close` no longer finds itself among the
  waiters and, for want of a `break`, deletes whichever waiter was registered last: that
  other kernel keeps listening on a connection nobody will write to;
- a request written to a connection that is closing is dropped (logged, not kept).

On a busy 2-core machine with thirty kernels, either leaves a participant's page stuck at
"Executing 1 of 2". The fixed handler keeps every request until the kernel confirms it
(it closes with reason "received"), delivers it on every new connection, and only ever
forgets its own connection. `request.wait_for_query` reconnects now and then, so a kernel
always gets its request.

A second fix, for a page whose cell has finished but whose execute reply never reaches Voila:
the kernel has said it is idle and every output has arrived, yet the executor waits for the
reply for ever and the page never finishes loading. On this 2-core machine that hit about one
run in three of tests/test_workshop_browser.py, with ipykernel 6.31 and 7.4 alike. The
executor now takes the kernel's "idle" as the end of the cell when no reply follows within
`REPLY_GRACE_SECONDS`, and logs a warning when it does (4 times in 10 runs of that test, each
of which then passed).

Run as `python -m sts_course.workshop.voila_fix <voila args>`.
"""

from __future__ import annotations

import asyncio
import logging
import sys

RECEIVED = "received"  # the close reason a kernel sends once it has its request
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
    """Replace the handler's methods with ones that never lose a request, and let the
    executor finish a cell whose reply is lost."""
    from voila.execute import VoilaExecutor
    from voila.request_info_handler import RequestInfoSocketHandler as Handler

    if not getattr(VoilaExecutor, "_sts_patched", False):
        VoilaExecutor._async_poll_for_reply = poll_for_reply_or_idle(VoilaExecutor._async_poll_for_reply)
        VoilaExecutor._sts_patched = True

    def open(self, kernel_id: str) -> None:  # noqa: A001 - tornado's method name
        self.kernel_id = kernel_id
        Handler._waiters[kernel_id] = self
        if kernel_id in Handler._cache:
            self.write_message(Handler._cache[kernel_id])

    def on_close(self) -> None:
        kernel_id = getattr(self, "kernel_id", None)
        if Handler._waiters.get(kernel_id) is self:
            del Handler._waiters[kernel_id]
        if self.close_reason == RECEIVED:
            Handler._cache.pop(kernel_id, None)

    @classmethod
    def send_updates(cls, msg: dict) -> None:
        kernel_id, payload = msg["kernel_id"], msg["payload"]
        cls._cache[kernel_id] = payload  # kept until the kernel says it has it
        waiter = cls._waiters.get(kernel_id)
        if waiter is not None:
            try:
                waiter.write_message(payload)
            except Exception:  # the kernel gets it from the cache when it reconnects
                log.info("request for kernel %s kept for its next connection", kernel_id)

    Handler.open, Handler.on_close, Handler.send_updates = open, on_close, send_updates


def main() -> int:
    install()
    from voila.app import main as voila_main

    return voila_main()


if __name__ == "__main__":
    sys.exit(main())
