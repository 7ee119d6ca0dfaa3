"""Print words, questions and reading grade level per module.

Run: .venv/bin/python benchmarks/content_report.py
"""

from statistics import median

from sts_course.content_stats import module_stats


def main() -> None:
    stats = module_stats()
    print(f"{'module':<8}{'words':>8}{'questions':>11}{'FK grade':>10}")
    for s in stats:
        print(f"{s.module:<8}{s.words:>8}{s.questions:>11}{s.grade:>10}")
    print(f"{'total':<8}{sum(s.words for s in stats):>8}{sum(s.questions for s in stats):>11}"
          f"{median(s.grade for s in stats):>10}  (median grade)")
    print("Grade: Flesch-Kincaid grade level of the prose, measured with textstat.")


if __name__ == "__main__":
    main()
