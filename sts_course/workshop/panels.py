"""Small HTML panels shared by the trainer, participant and solo views."""

from __future__ import annotations

from html import escape

from .text import paragraph


def status_html(text: str, role: str = "status") -> str:
    """A short message that screen readers announce ("status"; "alert" for problems)."""
    return f"<p role='{role}'><strong>{escape(text)}</strong></p>"


def answer_html(question) -> str:
    """The correct option(s) of a question, in words."""
    right = "; ".join(f"{o.key}. {o.text}" for o in question.options if o.correct)
    return f"<p><strong>Answer:</strong> {escape(right)}</p>"


def leaderboard_html(entries) -> str:
    """Top scores by nickname; anonymous participants are never listed."""
    rows = "".join(f"<li>{escape(name)}: {score}</li>" for name, score in entries)
    body = f"<ol>{rows}</ol>" if rows else "<p>No nicknames yet.</p>"
    return f"<section aria-label='Leaderboard'><h3>Leaderboard</h3>{body}{paragraph('leaderboard_note')}</section>"


def discussion_html(prompts_by_module: dict[str, tuple[str, ...]], module_ids) -> str:
    """The discussion prompts of the given modules, or a note when there are none."""
    blocks = []
    for module_id in dict.fromkeys(module_ids):
        items = "".join(f"<li>{escape(p)}</li>" for p in prompts_by_module.get(module_id, ()))
        if items:
            blocks.append(f"<h4>{escape(module_id)}</h4><ul>{items}</ul>")
    if not blocks:
        return "<p>No discussion prompts for these questions' modules yet.</p>"
    return "<section aria-label='Discussion prompts'><h3>Discussion</h3>" + paragraph("discussion_note") + "".join(blocks) + "</section>"
