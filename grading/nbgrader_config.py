"""nbgrader configuration for the course. Run nbgrader from this folder (`cd grading`).

The exchange lives under this folder by default, so no system path or root access is needed;
set STS_EXCHANGE_ROOT to share one exchange between instructor and learners on a server.
"""

import os

here = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "sts-course"
c.CourseDirectory.root = here
c.Exchange.root = os.environ.get("STS_EXCHANGE_ROOT", os.path.join(here, "exchange"))
c.Exchange.path_includes_course = True

# What a learner sees in a cleared answer cell.
c.ClearSolutions.code_stub = {
    "python": 'answer = ""  # type your answer between the quotes, e.g. "B" (or "A, C" where several apply)'
}
