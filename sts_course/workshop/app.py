"""Which view a workshop URL opens, read from the query string Voila hands the kernel.

- `?role=trainer&token=...`: the trainer view (the token is checked against the store);
- `?mode=solo` (optionally `&module=F1`): solo mode, nothing stored;
- anything else, e.g. `?code=K7QX2`: the participant view.

`notebooks/workshop.ipynb` calls `warm_up()` before Voila hands over a pre-heated kernel,
then `workshop_app()` once the request (and its query string) has arrived.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

import ipywidgets as widgets

from ..bank import Bank, load_bank
from .lifecycle import shutdown_on_close
from .panels import status_html
from .store import WorkshopError, WorkshopStore
from .text import message

JOIN_URL_ENV = "STS_WORKSHOP_JOIN_URL"
_warm: dict = {}


def warm_up() -> Bank:
    """Import and load everything a page needs, before any request: this is what pre-heating buys."""
    from . import discussion, participant, text, trainer  # noqa: F401 - imported to warm the kernel

    if "bank" not in _warm:
        _warm["bank"] = load_bank()
        discussion.load_prompts()
        text.message("privacy")
    return _warm["bank"]


def query() -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(os.environ.get("QUERY_STRING", "")).items()}


def join_url() -> str:
    """Where participants join: set by `sts-course workshop`, else the address this page came from."""
    if os.environ.get(JOIN_URL_ENV):
        return os.environ[JOIN_URL_ENV]
    host, port = os.environ.get("SERVER_NAME", "127.0.0.1"), os.environ.get("SERVER_PORT", "")
    return f"http://{host}{':' + port if port else ''}/"


def _notice(text: str) -> widgets.Widget:
    return widgets.VBox([widgets.HTML(status_html(text, "alert")), shutdown_on_close()])


def workshop_app(params: dict[str, str] | None = None) -> widgets.Widget:
    params = query() if params is None else params
    bank = warm_up()
    if params.get("mode") == "solo":
        from .solo import SoloView

        return SoloView(bank, params.get("module")).widget
    try:
        store = WorkshopStore()
    except WorkshopError as exc:
        return _notice(str(exc))
    if params.get("role") == "trainer":
        if not store.trainer_token_ok(params.get("token")):
            return _notice(message("trainer_bad_token"))
        from .trainer import TrainerView

        return TrainerView(store, bank, join_url()).widget
    from .participant import ParticipantView

    return ParticipantView(store, bank, code=params.get("code", ""), secret=params.get("p")).widget
