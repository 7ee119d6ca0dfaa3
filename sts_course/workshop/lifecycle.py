"""Ending a page's kernel when the page closes, so its polling ends with it.

Voila's page already asks the server to shut its kernel down when it unloads, sending the
`_xsrf` cookie's value with the request; but Voila 0.5 never sets that cookie, so the request
is refused (voila-dashboards/voila#1458) and the kernel, with its poller, lives on. Each view
includes this small widget: it gives the page an `_xsrf` cookie if it has none, which makes
Voila's own shutdown request valid, and also sends it on `pagehide`, which phone browsers
fire when a tab closes even where they skip `beforeunload`.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import Javascript, display

SHUTDOWN_ON_CLOSE = """
if (!/(^|;\\s*)_xsrf=/.test(document.cookie)) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
  document.cookie = "_xsrf=" + token + "; path=/; SameSite=Strict";
}
if (!window.stsShutdownOnClose) {
  window.stsShutdownOnClose = true;
  let announced = false;
  window.addEventListener("beforeunload", () => { announced = true; }, {capture: true});
  window.addEventListener("pagehide", () => {
    if (!announced) window.dispatchEvent(new Event("beforeunload"));
  });
}
"""


def page_script(code: str, output: widgets.Output | None = None) -> widgets.Output:
    """Run `code` in the page (through a hidden Output widget); returns the widget."""
    output = output or widgets.Output(layout=widgets.Layout(display="none"))
    with output:
        display(Javascript(code))
    return output


def shutdown_on_close() -> widgets.Output:
    """A hidden widget that lets Voila shut this page's kernel down when the page closes."""
    return page_script(SHUTDOWN_ON_CLOSE)
