"""Things a notebook shows as Markdown and a script prints as text: tables and source code."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence

from .errors import InputError

__all__ = ["Table", "show_source"]


def _cell(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def _is_row(value: object) -> bool:
    """Whether ``value`` can be a row of cells: a list, a tuple or another iterable that is not text or a dict."""
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict))


def _check_header(header) -> list:
    """``header`` as a list of column names: a string (which would split into letters) gets the fix."""
    if isinstance(header, str):
        raise InputError(
            f"Table: header is the string {header!r}, which would make one column per letter: give a list of "
            f"column names, e.g. header=[{header!r}] for one column or header=['x', 'y'] for two"
        )
    if not _is_row(header):
        raise InputError(f"Table: header must be a list of column names, e.g. ['x', 'y'], got {header!r}")
    header = list(header)
    if not header:
        raise InputError("Table: header is empty: give one name per column, e.g. ['x', 'y']")
    unnamed = [i for i, name in enumerate(header) if not str(name).strip()]
    if unnamed:
        raise InputError(
            f"Table: column {unnamed[0]} of the header {header!r} has no name: name every column, e.g. 'layer' "
            "(a screen reader reads each cell with its column's name)"
        )
    return header


def _check_rows(rows, columns: int) -> list:
    """``rows`` as a list of rows of ``columns`` cells; one row given flat, or a row that is text, gets the fix."""
    if isinstance(rows, (str, bytes)) or not _is_row(rows):
        raise InputError(
            f"Table: rows must be a list of rows, each a list of {_values(columns)}, e.g. [[1, 0.5], [2, 0.25]], "
            f"got {rows!r}"
        )
    rows = list(rows)
    if rows and not any(_is_row(row) or isinstance(row, dict) for row in rows):
        if columns == 1:
            fix = "a one-column table has one list per row, rows=[[value] for value in rows]"
        elif len(rows) == columns:
            fix = f"a table of one row is a list of that one row, rows=[{list(rows)!r}]"
        else:
            fix = f"each row is a list of {_values(columns)}, e.g. rows=[{list(rows[:columns])!r}, ...]"
        raise InputError(f"Table: rows holds {_values(len(rows))}, not rows of {_values(columns)}: {fix}")
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            raise InputError(
                f"Table: row {i} is a dict: give its values in the header's order, e.g. [row[h] for h in header]"
            )
        if not _is_row(row):
            raise InputError(f"Table: row {i} is {row!r}, not a list of {_values(columns)}: each row is a list")
        cells = list(row)
        if len(cells) != columns:
            raise InputError(f"Table: row {i} has {len(cells)} values but the header has {columns}")
        rows[i] = cells
    return rows


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
        self.header = [str(h) for h in _check_header(header)]
        self.rows = [[_cell(v) for v in row] for row in _check_rows(rows, len(self.header))]

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
