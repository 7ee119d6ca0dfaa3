"""Sphinx extension for the reflection exercise pages.

- ``{open-exercise} I4``: how to open the exercise live (below).
- ``{exercise-serves}`I4```: the principle items the exercise serves (from its YAML), as badges.

``{open-exercise} I4`` tells a reader how to open a reflection exercise live.
It renders the words of `exercises/reflections/common.yml` (`open_live`) with the exercise's
command (`sts-course exercise I4`), its notebook, and a link that opens the notebook with
Voila on the organization's JupyterHub. The hub and repository come from `_config.yml`
(`launch_buttons: jupyterhub_url` and `repository: url`, the same values as the book's
launch buttons); without a hub, the text says to ask the training lead.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlencode

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..curriculum import load_curriculum
from ..reflection import UnknownExercise, exercise
from ..reflection.content import ContentError, common_text
from .html_render import serves_badge


def hub_link(theme_options: dict, notebook: str) -> str:
    """An nbgitpuller link that clones the course on the hub and opens `notebook` in Voila;
    empty when no hub or repository is configured."""
    hub = (theme_options.get("launch_buttons") or {}).get("jupyterhub_url", "").strip("/")
    repository = (theme_options.get("repository_url") or "").strip("/")
    if not hub or not repository:
        return ""
    branch = theme_options.get("repository_branch") or "main"
    name = repository.rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repository, "urlpath": f"voila/render/{name}/{notebook}", "branch": branch},
                      safe="/")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


class OpenExercise(SphinxDirective):
    required_arguments = 1

    def run(self):
        root = Path(self.env.srcdir)
        try:
            chosen = exercise(self.arguments[0], root)
            words = common_text(root)["open_live"]
        except (UnknownExercise, ContentError) as exc:
            raise self.error(f"open-exercise: {exc}") from exc
        self.env.note_dependency(str(chosen.path))
        self.env.note_dependency(str(root / "_config.yml"))  # the hub and repository live there
        url = hub_link(self.config.html_theme_options, chosen.notebook)
        lines = [words["intro"], "",
                 "- " + words["local"].format(command=f"sts-course exercise {chosen.id}"),
                 "- " + words["lab"].format(notebook=chosen.notebook),
                 "- " + (words["hub"].format(url=url) if url else words["hub_missing"])]
        container = nodes.container(classes=["sts-open-exercise"])
        self.state.nested_parse(StringList(lines, source=str(chosen.path)), self.content_offset, container)
        for link in container.findall(nodes.reference):  # MyST escapes "&" in link targets once too often
            if html.unescape(link.get("refuri", "")) == url:
                link["refuri"] = url
        return [container]


class ExerciseServes(SphinxRole):
    def run(self):
        root = Path(self.env.srcdir)
        try:
            chosen = exercise(self.text.strip(), root)
        except (UnknownExercise, ContentError) as exc:
            msg = self.inliner.reporter.error(f"exercise-serves: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        self.env.note_dependency(str(chosen.path))
        items = load_curriculum(root).items
        return [nodes.raw("", serves_badge([items[i] for i in chosen.serves]), format="html")], []


def setup(app: Sphinx):
    app.add_directive("open-exercise", OpenExercise)
    app.add_role("exercise-serves", ExerciseServes())
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
