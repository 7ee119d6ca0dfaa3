"""Answer throughput of the workshop store: 60 participants answering 10 questions at once.

Each simulated participant is its own process with its own SQLite connection, as each
participant's Voila kernel is. For every question the trainer opens it, then all
participants send their answer at the same moment (and a quarter of them change their
mind and send again). Prints answers sent vs stored (must be equal) and the time.

Run: .venv/bin/python benchmarks/workshop_throughput.py [--participants 60] [--questions 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sts_course.bank import load_bank  # noqa: E402
from sts_course.workshop.store import WorkshopStore  # noqa: E402


def participant(path: str, code: str, question_ids, number: int, ready, start, done, sent) -> None:
    store = WorkshopStore(Path(path))
    bank = load_bank()
    person = store.join(code, f"p{number}" if number % 2 else None)
    rng = random.Random(number)
    ready.wait()
    for question_id in question_ids:
        question = bank.by_id(question_id)
        start.wait()
        keys = {rng.choice(question.options).key}
        store.submit(person, question, keys)
        if number % 4 == 0:  # changes their mind: still one stored answer
            store.submit(person, question, {rng.choice(question.options).key})
        with sent.get_lock():
            sent.value += 1
        done.wait()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    question_ids = [q.id for q in load_bank().questions[: args.questions]]
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "workshop.sqlite3"
        trainer = WorkshopStore(path)
        session = trainer.create_session(question_ids, "throughput benchmark")
        ready = context.Barrier(args.participants + 1)
        start = context.Barrier(args.participants + 1)
        done = context.Barrier(args.participants + 1)
        sent = context.Value("i", 0)
        workers = [context.Process(target=participant,
                                   args=(str(path), session.code, question_ids, n, ready, start, done, sent))
                   for n in range(args.participants)]
        for worker in workers:
            worker.start()
        ready.wait()  # all have joined
        rounds = []
        for position in range(len(question_ids)):
            trainer.open_question(session.id, position)
            began = time.perf_counter()
            start.wait()  # everyone answers at once
            done.wait()
            rounds.append(time.perf_counter() - began)
            trainer.reveal(session.id)
        for worker in workers:
            worker.join(120)
        failed = [w.exitcode for w in workers if w.exitcode != 0]
        stored = trainer.total_answers(session.id)
        trainer.close()
    print(f"{args.participants} participants x {len(question_ids)} questions, answering at once")
    print(f"answers sent:   {sent.value}")
    print(f"answers stored: {stored}   ({'equal' if stored == sent.value and not failed else 'MISMATCH'})")
    print(f"time answering: {sum(rounds):.2f} s in all; per question median {statistics.median(rounds) * 1000:.0f} ms, "
          f"max {max(rounds) * 1000:.0f} ms; {sent.value / sum(rounds):.0f} answers/s")
    if failed:
        print(f"{len(failed)} participant process(es) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
