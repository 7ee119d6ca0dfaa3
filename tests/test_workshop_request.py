"""Pre-heated kernels always get their page's request: both sides of `workshop.request`.

A real tornado server runs Voila's own request-info websocket handler with
`install_request_handler` applied; the kernels' side is the real client, `request._receive`.
"""

from __future__ import annotations

import asyncio
import json

import pytest
import tornado.web
import websockets
from voila.request_info_handler import RequestInfoSocketHandler as Handler

from conftest import free_port, run_alone
from sts_course.workshop.request import _receive, install_request_handler


@pytest.fixture
def query_url():
    """A server with Voila's handler at /voila/query/<kernel id>; yields a URL maker."""
    install_request_handler()
    Handler._waiters.clear()
    Handler._cache.clear()
    port = free_port()
    yield port, lambda kernel: f"ws://127.0.0.1:{port}/voila/query/{kernel}"
    Handler._waiters.clear()
    Handler._cache.clear()


def serve(port: int):
    app = tornado.web.Application([(r"/voila/query/(.*)", Handler)])
    return app.listen(port, address="127.0.0.1")


def assert_delivered(port: int, kernel: str, steps) -> None:
    """Run the coroutine function `steps` against a live handler on `port`; what it returns
    (what the kernel received) must be that kernel's own request."""
    async def scenario():
        server = serve(port)
        try:
            return await steps()
        finally:
            server.stop()

    assert json.loads(run_alone(scenario))["QUERY_STRING"].endswith(f"kernel={kernel}")


def payload(kernel: str) -> str:
    return json.dumps({"QUERY_STRING": f"code=ABCDE&kernel={kernel}"})


async def until(condition, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def test_a_reconnecting_kernel_does_not_make_another_miss_its_request(query_url):
    port, url = query_url

    async def scenario():
        old_x = await websockets.connect(url("x"), ping_interval=None)
        y = asyncio.create_task(_receive(url("y"), reconnect_seconds=60))  # never reconnects in this test
        await until(lambda: {"x", "y"} <= set(Handler._waiters))
        first_x = Handler._waiters["x"]
        new_x = await websockets.connect(url("x"), ping_interval=None)  # x reconnects...
        await until(lambda: Handler._waiters["x"] is not first_x)
        await old_x.close()  # ...and its old connection closes late (stock Voila then drops y's waiter)
        await asyncio.sleep(0.2)
        assert "y" in Handler._waiters
        Handler.send_updates({"kernel_id": "y", "payload": payload("y")})
        received = await asyncio.wait_for(y, 5)
        await new_x.close()
        return received

    assert_delivered(port, "y", scenario)


def test_a_request_is_kept_until_the_kernel_confirms_it(query_url):
    port, url = query_url

    async def scenario():
        Handler.send_updates({"kernel_id": "z", "payload": payload("z")})  # page came before the kernel listened
        # A connection that closes without confirming (a reconnect) leaves the request waiting.
        async with websockets.connect(url("z"), ping_interval=None) as first:
            assert json.loads(await first.recv())["QUERY_STRING"].endswith("kernel=z")
        await asyncio.sleep(0.2)
        assert "z" in Handler._cache
        received = await _receive(url("z"), reconnect_seconds=5)
        await until(lambda: "z" not in Handler._cache)  # confirmed: forgotten
        return received

    assert_delivered(port, "z", scenario)


def test_a_kernel_that_connected_before_its_request_still_gets_it_after_a_lost_write(query_url):
    port, url = query_url

    async def scenario():
        waiting = asyncio.create_task(_receive(url("w"), reconnect_seconds=0.5))
        await until(lambda: "w" in Handler._waiters)
        Handler._waiters.pop("w")  # as if the write went to a connection that was closing
        Handler.send_updates({"kernel_id": "w", "payload": payload("w")})
        received = await asyncio.wait_for(waiting, 10)  # delivered on the next reconnect
        return received

    assert_delivered(port, "w", scenario)
