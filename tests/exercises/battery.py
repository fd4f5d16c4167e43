"""Count the exercise battery's outcomes per checker: ``python -m tests.exercises.battery``.

Every case of every test module's ``BATTERY`` is run in both languages' messages and sorted by
:func:`tests.exercises.conftest.classify`; the table lists, per checker, the cases and the four failure counts
(all must be 0), then each failing case. The exit status is 1 when any count is not 0.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from tests.exercises.conftest import OUTCOMES, classify

#: Every exercise test module that defines ``BATTERY = {checker name: [cases]}``.
MODULES = sorted(path.stem for path in Path(__file__).parent.glob("test_exercises_*.py"))


def main() -> int:
    failures = []
    print(f"{'checker':28} {'cases':>5} " + " ".join(f"{o:>16}" for o in OUTCOMES[1:]))
    for module in MODULES:
        battery = getattr(import_module(f"tests.exercises.{module}"), "BATTERY", {})
        for checker, cases in battery.items():
            counts = dict.fromkeys(OUTCOMES, 0)
            for case in cases:
                outcome, detail = classify(case)
                counts[outcome] += 1
                if outcome != "right":
                    failures.append(f"{case.name}: {outcome}: {detail}")
            print(f"{checker:28} {len(cases):>5} " + " ".join(f"{counts[o]:>16}" for o in OUTCOMES[1:]))
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
