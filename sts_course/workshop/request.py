"""A pre-heated kernel's wait for its page's request (and so for the URL's query string).

Voila runs `workshop.ipynb` in pooled kernels before anyone asks for a page; the notebook
then waits here until Voila hands the kernel to a request and sends it the request's details
(`QUERY_STRING` and friends) over the `voila/query/<kernel id>` websocket.

`voila.utils.wait_for_request` does the same, but gives up on the first hiccup (a connection
that is slow to open on a busy machine, a missed keep-alive ping) and then runs the page with
no query string at all. This version keeps the connection free of keep-alive pings, connects
again after a failure and every `RECONNECT_SECONDS`, and confirms receipt by closing with
reason "received". With `voila_fix` (how `sts-course workshop` runs Voila) the server keeps
the request until then and sends it on every new connection, so none is ever lost.

`notebooks/workshop.ipynb` warms up and waits in one cell, so a page costs Voila one cell
reply, not two. Each reply can be lost on a busy machine (see `voila_fix`, which now recovers
from that); with two cells, about 1 page in 15 opened just after a start hung, with one 0 in 45.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading

from .voila_fix import RECEIVED

RECONNECT_SECONDS = 5.0


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
