"""Things a notebook shows as Markdown and a script prints as text: tables and source code."""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from .errors import InputError

__all__ = ["Table", "show_source"]


def _cell(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


class Table:
    """Rows of values with a header.

    In a notebook (and on the course pages) it renders as a Markdown table; ``print(table)``
    gives aligned plain text. Floats show four decimals.

    Example:
        >>> print(Table(["x", "y"], [[1, 0.5]]))
        x  y
        1  0.5000
    """

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[object]]):
        self.header = [str(h) for h in header]
        self.rows = [[_cell(v) for v in row] for row in rows]
        for i, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise InputError(f"row {i} has {len(row)} values but the header has {len(self.header)}")

    def _repr_markdown_(self) -> str:
        lines = ["| " + " | ".join(self.header) + " |", "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def __str__(self) -> str:
        widths = [max(len(r[i]) for r in [self.header, *self.rows]) for i in range(len(self.header))]
        return "\n".join(
            "  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in [self.header, *self.rows]
        )

    __repr__ = __str__


class _Source:
    def __init__(self, code: str):
        self.code = code

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.code.rstrip()}\n```"

    def __str__(self) -> str:
        return self.code

    __repr__ = __str__


def show_source(obj: object) -> _Source:
    """The source code of a ``dnn_guide`` function or class, shown as highlighted Python.

    The lab pages use it so that the code a reader sees is the code the tests run.
    """
    try:
        return _Source(inspect.getsource(obj))
    except (TypeError, OSError) as err:
        raise InputError(f"no source code available for {obj!r}: pass a function or a class") from err
