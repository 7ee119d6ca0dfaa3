"""HTML for the book's data-driven blocks. Pure functions: data in, markup out."""

from __future__ import annotations

from html import escape

from ..bank import Question
from ..curriculum import Curriculum, Item, Module


def knowledge_check(module_id: str, questions: tuple[Question, ...]) -> str:
    total = len(questions)
    parts = [
        f'<section class="sts-kc" data-module="{escape(module_id)}" aria-label="Knowledge check">',
        '<noscript><p class="sts-kc-noscript">This self-check needs JavaScript in your browser. '
        "You can also take it in JupyterLab or Voila.</p></noscript>",
    ]
    for number, question in enumerate(questions, start=1):
        parts.append(_question(question, number, total))
    parts.append(
        f'<p class="sts-kc-score" role="status" aria-live="polite" data-total="{total}">'
        f"Score: 0 of {total} correct so far.</p></section>"
    )
    return "\n".join(parts)


def _question(question: Question, number: int, total: int) -> str:
    qid = escape(question.id)
    input_type = "checkbox" if question.type == "multiple" else "radio"
    options = []
    for option in question.options:
        oid = f"kc-{qid}-{option.key}"
        options.append(
            f'<div class="sts-kc-option" data-key="{option.key}" data-correct="{int(option.correct)}">'
            f'<input type="{input_type}" name="kc-{qid}" id="{oid}" value="{option.key}">'
            f'<label for="{oid}"><span class="sts-kc-key">{option.key}.</span> {escape(option.text)}</label>'
            f'<div class="sts-kc-feedback" id="{oid}-fb" hidden>'
            f'<span class="sts-kc-verdict"></span> {escape(option.feedback)}</div></div>'
        )
    return (
        f'<fieldset class="sts-kc-question" id="kc-{qid}" data-qid="{qid}" data-type="{question.type}">'
        f'<legend><span class="sts-kc-number">Question {number} of {total}</span> '
        f'<span class="sts-kc-stem">{escape(question.stem)}</span></legend>'
        f'<p class="sts-kc-hint">{escape(question.hint)}</p>'
        f'<div class="sts-kc-options">{"".join(options)}</div>'
        '<div class="sts-kc-actions">'
        '<button type="button" class="sts-kc-check">Check answer</button> '
        '<button type="button" class="sts-kc-retry" hidden>Try again</button></div>'
        '<p class="sts-kc-result" role="status" aria-live="polite"></p>'
        f'<p class="sts-kc-serves">Principle item(s): {escape(", ".join(question.serves))}</p>'
        "</fieldset>"
    )


def serves_badge(items: list[Item]) -> str:
    label = ", ".join(i.id for i in items)
    title = "; ".join(f"{i.id}: {i.text}" for i in items)
    noun = "Principle items" if len(items) > 1 else "Principle item"
    return f'<span class="sts-serves" title="{escape(title)}">{noun} {escape(label)}</span>'


def principle_items(module: Module) -> str:
    rows = "".join(
        f'<li id="item-{escape(i.id.replace(".", "-"))}"><strong>{escape(i.id)}</strong> '
        f'{escape(i.text)}{" <em>(numbered in the source)</em>" if i.numbered else ""}</li>'
        for i in module.items
    )
    heading = escape(module.principle) if module.principle else escape(module.title)
    return (f'<div class="sts-principle"><p class="sts-principle-statement">{heading}</p>'
            f'<ul class="sts-principle-items">{rows}</ul></div>')


def principle_map(curriculum: Curriculum, href) -> str:
    individual = [m for m in curriculum.modules if m.kind == "individual"]
    organizational = [m for m in curriculum.modules if m.kind == "organizational"]
    rows = []
    for number, (ind, org) in enumerate(zip(individual, organizational), start=1):
        rows.append(
            f'<tr><th scope="row">{number}</th>'
            f'<td><a href="{href(ind)}"><strong>{ind.id}</strong></a> {escape(ind.principle)}</td>'
            f'<td><a href="{href(org)}"><strong>{org.id}</strong></a> {escape(org.principle)}</td></tr>'
        )
    return ('<table class="sts-principle-map"><caption>The 14 principles: seven for individuals, '
            'seven for organizations, paired by number</caption>'
            '<thead><tr><th scope="col">#</th><th scope="col">Individual</th>'
            '<th scope="col">Organizational</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def track_table(modules: list[Module], href) -> str:
    rows = "".join(
        f'<tr><td>{n}</td><td><a href="{href(m)}">{m.id}: {escape(m.title)}</a></td>'
        f'<td>{m.minutes} min</td></tr>'
        for n, m in enumerate(modules, start=1)
    )
    total = sum(m.minutes for m in modules)
    return ('<table class="sts-track"><caption>Modules in order, with estimated times</caption>'
            '<thead><tr><th scope="col">Step</th><th scope="col">Module</th>'
            '<th scope="col">Time</th></tr></thead>'
            f'<tbody>{rows}</tbody><tfoot><tr><th scope="row" colspan="2">Total</th>'
            f'<td>{total} min ({duration(total)})</td></tr></tfoot></table>')


def duration(minutes: int) -> str:
    """A reader's time estimate: 95 -> 'about 1 h 35 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"about {rest} min"
    return f"about {hours} h {rest:02d} min" if rest else f"about {hours} h"
