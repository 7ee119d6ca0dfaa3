"""Voila's executor with `voila_fix`: a cell whose execute reply is lost still finishes.

First with a real kernel whose execute replies are dropped on their way to the executor (what
we saw on a busy machine), then the wrapper's edge cases with stand-ins for nbclient's tasks.
"""

from __future__ import annotations

import asyncio
import time

import nbformat
import pytest
from voila.execute import VoilaExecutor

from conftest import run_alone
from sts_course.workshop import voila_fix


def test_a_real_cell_whose_reply_is_dropped_still_finishes_with_its_output():
    voila_fix.install()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello from the kernel')")])
    executor = VoilaExecutor(notebook, kernel_name="python3")

    async def scenario():
        async with executor.async_setup_kernel():
            shell = executor.kc.shell_channel
            get_msg = shell.get_msg

            async def drop_execute_replies(*args, **kwargs):
                while True:
                    msg = await get_msg(*args, **kwargs)
                    if msg["msg_type"] != "execute_reply":
                        return msg

            shell.get_msg = drop_execute_replies
            started = time.monotonic()
            await asyncio.wait_for(executor.async_execute_cell(notebook.cells[0], 0), 60)
            return time.monotonic() - started

    took = run_alone(scenario)
    assert [o.get("text") for o in notebook.cells[0].outputs] == ["hello from the kernel\n"]
    assert took >= voila_fix.REPLY_GRACE_SECONDS  # it did wait for the reply first


def run_poll(original, output_done: bool, grace: float = 0.3, limit: float = 10):
    """Run the wrapped reply poll with `original` as nbclient's; returns (reply, alive task)."""
    poll = voila_fix.poll_for_reply_or_idle(original, grace=grace)

    async def scenario():
        output = asyncio.get_running_loop().create_future()
        if output_done:
            output.set_result(None)  # the kernel went idle: every output has arrived
        alive = asyncio.ensure_future(asyncio.sleep(60))
        try:
            reply = await asyncio.wait_for(poll(None, "m-1", {}, None, output, alive), limit)
        finally:
            output.cancel()
        await asyncio.sleep(0)
        return reply, alive

    return run_alone(scenario)


async def reply_never_comes(*args):
    await asyncio.sleep(3600)


def test_a_cell_whose_reply_is_lost_ends_once_the_kernel_is_idle():
    reply, alive = run_poll(reply_never_comes, output_done=True)
    assert reply["parent_header"]["msg_id"] == "m-1" and reply["content"]["status"] == "ok"
    assert alive.cancelled()  # nbclient's kernel watch ends with the cell


def test_a_reply_that_comes_is_returned_as_it_is():
    async def replies(self, msg_id, *rest):
        await asyncio.sleep(0.05)
        return {"parent_header": {"msg_id": msg_id}, "content": {"status": "error", "ename": "E"}}

    reply, _ = run_poll(replies, output_done=True)
    assert reply["content"] == {"status": "error", "ename": "E"}


def test_a_busy_kernel_is_waited_for():
    with pytest.raises(asyncio.TimeoutError):  # no idle yet, no reply: keep waiting (until wait_for gives up)
        run_poll(reply_never_comes, output_done=False, limit=1.5)
