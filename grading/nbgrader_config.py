"""nbgrader configuration for the course. Run nbgrader from this folder (`cd grading`).

The exchange lives under this folder by default, so no system path or root access is needed;
set STS_EXCHANGE_ROOT to share one exchange between instructor and learners on a server.
The course id, the gradebook URL (db_url), the pass mark and the due dates are set in
course.yml beside this file (STS_GRADEBOOK_URL overrides db_url), read through
sts_course.completion.settings so that nbgrader and `sts-course report` agree.
"""

import os

from sts_course.completion.settings import load_settings

here = os.path.dirname(os.path.abspath(__file__))
settings = load_settings(here)
c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = settings.course_id
c.CourseDirectory.root = here
c.CourseDirectory.db_url = settings.db_url
c.Exchange.root = str(settings.exchange_root)
c.Exchange.path_includes_course = True

# What a learner sees in a cleared answer cell.
c.ClearSolutions.code_stub = {
    "python": 'answer = ""  # type your answer between the quotes, e.g. "B" (or "A, C" where several apply)'
}

# Feedback released to learners: nbgrader shows hidden tests in feedback by default. Strip the
# hidden-test regions from the test cells, and reduce a failed check's traceback (which quotes
# the test code) to its message.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "sts_course.completion.feedback.HideTestCode",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Reflection exercise notebooks are private. If a learner saves one into an assignment folder,
# collecting a submission leaves it out, so it never reaches this course folder.
from sts_course.reflection import notebook_names  # noqa: E402

c.CourseDirectory.ignore.extend(notebook_names())
