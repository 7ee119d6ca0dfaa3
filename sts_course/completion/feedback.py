"""Feedback that holds no hidden tests: a preprocessor for nbgrader's `GenerateFeedback`.

nbgrader's `ClearHiddenTests` removes the hidden-test regions from the test cells' source; a
failed check's traceback still quotes the failing test line, so this preprocessor reduces the
error output of every autograded test cell to its message (e.g. "Not quite. ..."), which is the
feedback a learner should read.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor


def is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade", False) and not meta.get("solution", False)


class HideTestCode(NbGraderPreprocessor):
    """Replace the traceback of a failed autograded test with its one-line message."""

    def preprocess_cell(self, cell, resources, index):
        if is_test_cell(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
                    output["traceback"] = [message]
        return cell, resources
