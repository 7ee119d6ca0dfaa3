"""Sphinx extension: the course's data rendered into the book.

- ``{knowledge-check} F1``: the module's bank questions as a self-check that works with no
  kernel (static HTML plus a small script, no third-party requests).
- ``{serves}`I2.3```: marks the principle item a section teaches; counted by the coverage check.
- ``{principle-items} I2``: the module's principle items, from the curriculum.
- ``{principle-map}``: the 14 principles side by side, linked to their modules.
- ``{track-table} individual``: a track's modules in order with their times and the total.
- ``{track-time}`individual```: a track's total time, for prose.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..bank import BankError, load_bank
from ..curriculum import CurriculumError, load_curriculum
from . import html_render

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _root(env) -> Path:
    return Path(env.srcdir)


def _curriculum(env):
    try:
        return load_curriculum(_root(env))
    except CurriculumError as exc:
        raise ExtensionError(f"curriculum is invalid:\n{exc}") from exc


def _raw(html: str) -> nodes.raw:
    return nodes.raw("", html, format="html")


class KnowledgeCheck(SphinxDirective):
    """Render a module's questions (or a chosen subset) as a static self-check."""

    required_arguments = 1
    option_spec = {"questions": directives.unchanged}

    def run(self):
        module_id = self.arguments[0]
        root = _root(self.env)
        try:
            bank = load_bank(root)
        except BankError as exc:
            raise self.error(f"the question bank is invalid:\n{exc}") from exc
        questions = bank.for_module(module_id)
        if "questions" in self.options:
            wanted = self.options["questions"].split()
            unknown = [q for q in wanted if q not in {x.id for x in bank.questions}]
            if unknown:
                raise self.error(f"knowledge-check: unknown question id(s) {', '.join(unknown)}")
            questions = tuple(bank.by_id(q) for q in wanted)
        if not questions:
            raise self.error(f"knowledge-check: no questions for module '{module_id}'")
        for path in bank.files:
            self.env.note_dependency(str(path))
        return [_raw(html_render.knowledge_check(module_id, questions))]


class ServesRole(SphinxRole):
    """``{serves}`I2.3``` -> a small badge naming the principle item."""

    def run(self):
        items = _curriculum(self.env).items
        ids = self.text.split()
        unknown = [i for i in ids if i not in items]
        if unknown:
            msg = self.inliner.reporter.error(
                f"serves: unknown principle item(s) {', '.join(unknown)}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [_raw(html_render.serves_badge([items[i] for i in ids]))], []


class TrackTimeRole(SphinxRole):
    """``{track-time}`individual``` -> the track's total estimated time, from the curriculum."""

    def run(self):
        try:
            minutes = _curriculum(self.env).track_minutes(self.text.strip())
        except KeyError:
            msg = self.inliner.reporter.error(f"track-time: unknown track '{self.text}'", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [nodes.Text(html_render.duration(minutes))], []


class PrincipleItems(SphinxDirective):
    required_arguments = 1

    def run(self):
        self.env.note_dependency(str(_root(self.env) / "exercises" / "curriculum.yml"))
        try:
            module = _curriculum(self.env).module(self.arguments[0])
        except KeyError:
            raise self.error(f"principle-items: unknown module '{self.arguments[0]}'") from None
        return [_raw(html_render.principle_items(module))]


class PrincipleMap(SphinxDirective):
    def run(self):
        self.env.note_dependency(str(_root(self.env) / "exercises" / "curriculum.yml"))
        return [_raw(html_render.principle_map(_curriculum(self.env), self._href))]

    def _href(self, module) -> str:
        return _relative_link(self.env, module.page)


class TrackTable(SphinxDirective):
    required_arguments = 1

    def run(self):
        self.env.note_dependency(str(_root(self.env) / "exercises" / "curriculum.yml"))
        curriculum = _curriculum(self.env)
        try:
            track = curriculum.track(self.arguments[0])
        except KeyError:
            raise self.error(f"track-table: unknown track '{self.arguments[0]}'") from None
        modules = [curriculum.module(m) for m in track.modules]
        return [_raw(html_render.track_table(modules, lambda m: _relative_link(self.env, m.page)))]


def _relative_link(env, docname: str) -> str:
    """A link from the current page to another page of the book."""
    from sphinx.util.osutil import relative_uri

    return relative_uri(env.app.builder.get_target_uri(env.docname), env.app.builder.get_target_uri(docname))


def _fix_page(app, pagename, templatename, context, doctree):
    """Page-level fixes to what Jupyter Book's defaults emit.

    - sphinx-thebe inlines a CDN address for live code on every page; the course never uses
      thebe (live work happens in JupyterLab and Voila), so no page names a third-party script.
    - docutils marks the bibliography role="list" but its entries are doc-biblioentry, not
      listitem, which assistive technology reads as a broken list (axe: aria-required-children).
    """
    if "script_files" in context:
        context["script_files"] = [js for js in context["script_files"]
                                   if "THEBE_JS_URL" not in (getattr(js, "attributes", {}).get("body") or "")]
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')


def _add_templates(app: Sphinx, config) -> None:
    """Our template overrides (accessibility fixes to theme components) come first."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _copy_assets(app: Sphinx, exception):
    if exception is None and app.builder.format == "html":
        out = Path(app.outdir) / "_static"
        out.mkdir(parents=True, exist_ok=True)
        for asset in STATIC.iterdir():
            (out / asset.name).write_bytes(asset.read_bytes())


def setup(app: Sphinx):
    app.add_directive("knowledge-check", KnowledgeCheck)
    app.add_directive("principle-items", PrincipleItems)
    app.add_directive("principle-map", PrincipleMap)
    app.add_directive("track-table", TrackTable)
    app.add_role("serves", ServesRole())
    app.add_role("track-time", TrackTimeRole())
    app.add_css_file("sts_course.css")
    app.add_js_file("knowledge_check.js", defer="defer")
    app.add_js_file("theme_fixes.js", defer="defer")
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _fix_page)
    app.connect("build-finished", _copy_assets)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
