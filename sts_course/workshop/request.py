"""How a pre-heated kernel gets its page's request (and so the URL's query string): both sides.

Voila runs `workshop.ipynb` in pooled kernels before anyone asks for a page; the notebook
then waits in `wait_for_query` until Voila hands the kernel to a request and sends it the
request's details (`QUERY_STRING` and friends) over the `voila/query/<kernel id>` websocket.

Kernel side: `voila.utils.wait_for_request` does the same, but gives up on the first hiccup
(a connection slow to open on a busy machine, a missed keep-alive ping) and then runs the
page with no query string at all. `wait_for_query` sends no keep-alive pings, connects again
after a failure and every `RECONNECT_SECONDS`, and confirms receipt by closing with reason
"received".

Server side: in Voila 0.5.13, `RequestInfoSocketHandler` can lose a request for good. When a
kernel reconnects, the old connection's `on_close` no longer finds itself among the waiters
and, for want of a `break`, deletes whichever waiter was registered last; and a request
written to a connection that is closing is dropped. `install_request_handler` (run by
`voila_fix`, which is how `sts-course workshop` starts Voila) keeps each request until the
kernel confirms it, sends it on every new connection, and only ever forgets its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import logging
import threading

RECEIVED = "received"  # the close reason a kernel sends once it has its request
RECONNECT_SECONDS = 5.0
log = logging.getLogger(__name__)


def _query_url() -> str:
    port = os.environ.get("VOILA_APP_PORT", "8866")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"ws://{host}:{port}{base}voila/query/{os.environ['VOILA_KERNEL_ID']}"


async def _receive(url: str, reconnect_seconds: float) -> str:
    import websockets

    while True:
        try:
            async with websockets.connect(url, open_timeout=60, ping_interval=None) as socket:
                message = await asyncio.wait_for(socket.recv(), reconnect_seconds)
                await socket.close(reason=RECEIVED)
                return message
        except (asyncio.TimeoutError, OSError, websockets.WebSocketException):
            await asyncio.sleep(0.2)  # then connect again: Voila sends a waiting request on connect


def wait_for_query(reconnect_seconds: float = RECONNECT_SECONDS) -> None:
    """In a pre-heated kernel, block until the page's request arrives and put it in os.environ."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False" or "VOILA_KERNEL_ID" not in os.environ:
        return  # an ordinary kernel: Voila set the request's variables when it started it
    received: list[str] = []
    # The kernel's own event loop is busy running this cell: receive in a thread with its own.
    thread = threading.Thread(target=lambda: received.append(
        asyncio.run(_receive(_query_url(), reconnect_seconds))), daemon=True)
    thread.start()
    thread.join()
    os.environ.update(json.loads(received[0]))


def install_request_handler() -> None:
    """In the Voila server: replace the handler's methods with ones that never lose a request."""
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
                log.info("request for kernel %s kept for its next connection", kernel_id)

    Handler.open, Handler.on_close, Handler.send_updates = open, on_close, send_updates
