"""A session's results: `results.csv` (one row per stored answer) and a PNG chart per question."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

from ..bank import Bank, load_bank
from .charts import distribution_png
from .store import WorkshopStore

CSV_COLUMNS = ("session", "question", "participant", "choice", "correct", "answered_at")


def results_csv(store: WorkshopStore, session_id: int) -> str:
    """The session's answers as CSV text (the last answer of each participant per question)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in store.answer_rows(session_id):
        when = datetime.fromtimestamp(row.answered_at, timezone.utc).isoformat(timespec="seconds")
        writer.writerow((row.code, row.question_id, row.participant, row.choice,
                         "yes" if row.correct else "no", when))
    return out.getvalue()


def export_session(store: WorkshopStore, session_id: int, folder: Path | None = None,
                   bank: Bank | None = None) -> list[Path]:
    """Write results.csv and <question id>.png into `folder` (default: the store's exports/<code>)."""
    bank = bank or load_bank()
    session = store.session(session_id)
    folder = Path(folder) if folder else store.path.parent / "exports" / session.code
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "results.csv"]
    written[0].write_text(results_csv(store, session_id), encoding="utf-8")
    for question_id in session.question_ids:
        question = bank.by_id(question_id)
        png = distribution_png(question, store.distribution(session_id, question),
                               store.answer_count(session_id, question_id))
        path = folder / f"{question_id}.png"
        path.write_bytes(png)
        written.append(path)
    return written
