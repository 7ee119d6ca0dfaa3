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
always gets its request. Run as `python -m sts_course.workshop.voila_fix <voila args>`.
"""

from __future__ import annotations

import logging
import sys

RECEIVED = "received"  # the close reason a kernel sends once it has its request


def install() -> None:
    """Replace the handler's methods with ones that never lose a request."""
    from voila.request_info_handler import RequestInfoSocketHandler as Handler

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
                logging.getLogger(__name__).info("request for kernel %s kept for its next connection", kernel_id)

    Handler.open, Handler.on_close, Handler.send_updates = open, on_close, send_updates


def main() -> int:
    install()
    from voila.app import main as voila_main

    return voila_main()


if __name__ == "__main__":
    sys.exit(main())
