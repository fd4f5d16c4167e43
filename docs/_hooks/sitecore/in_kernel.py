"""Run inside each lab's kernel, not imported by the hooks: execute.py puts this file's text into the hidden
setup cell, and after every code cell it calls ``_dnn_guide_after_cell`` in a hidden cell of its own.

That call reports, as one ``AFTER_CELL_MIME`` output: the display objects (a ``dnn_guide.Table``, a
matplotlib figure) that the cell made but never showed, and the inline values of the prose that follows the
cell (each ``{python} expr`` evaluated in the lab's namespace, or the error it raised).
"""

import functools as _functools

import matplotlib.figure as _mpl_figure
import numpy as _np
from IPython import get_ipython as _get_ipython
from IPython.display import display as _display

from dnn_guide.display import Table as _Table

AFTER_CELL_MIME = "application/x-dnn-guide-after-cell+json"


class _Shown:
    """The display objects made since the last check, and the ids of those that were shown."""

    def __init__(self):
        self.made, self.shown = [], set()

    def watch(self, cls, what, showing_methods):
        """Record every ``cls`` made (as ``what``) and mark it shown when one of ``showing_methods`` runs."""
        init = cls.__init__

        @_functools.wraps(init)
        def made(obj, *args, **kwargs):
            init(obj, *args, **kwargs)
            self.made.append((what, obj))

        cls.__init__ = made
        for name in showing_methods:
            method = getattr(cls, name)

            @_functools.wraps(method)
            def showing(obj, *args, _method=method, **kwargs):
                self.shown.add(id(obj))
                return _method(obj, *args, **kwargs)

            setattr(cls, name, showing)

    def unshown(self):
        """What was made and not shown since the last call (then forget it all: the objects are not kept)."""
        found = sorted({what for what, obj in self.made if id(obj) not in self.shown})
        self.made.clear()
        self.shown.clear()
        return found


_shown = _Shown()
# A table is shown when a notebook renders it or it is printed; a figure when it is drawn (the inline backend
# draws every open pyplot figure at the end of a cell; a figure closed before that, or made without pyplot and
# never displayed, is not).
_shown.watch(_Table, "a dnn_guide.Table", ["_repr_markdown_", "__str__", "__repr__"])
_shown.watch(_mpl_figure.Figure, "a matplotlib figure", ["draw"])


def _inline_value(expr):
    """``{"value": text}`` for the prose, or ``{"error": what went wrong and the fix}``."""
    try:
        value = eval(expr, _get_ipython().user_ns)  # noqa: S307  the lab's own expression, in its own kernel
    except Exception as err:
        return {"error": f"{type(err).__name__}: {err}"}
    if isinstance(value, _np.generic):
        value = value.item()
    if isinstance(value, bool):
        return {"error": "the value is a bool: write the words, e.g. `'yes' if ok else 'no'`"}
    if isinstance(value, str):
        return {"value": value}
    if isinstance(value, (int, float)):
        return {"value": str(value)}
    return {
        "error": f"the value is a {type(value).__name__}; an inline value is a str, int or float: "
        'take a number out (a tensor\'s .item()) and format it in the expression, e.g. f"{x:.3f}"'
    }


def _dnn_guide_after_cell(expressions):
    """Report what the last cell did not show, and the inline values of ``expressions``."""
    report = {"unshown": _shown.unshown(), "values": {expr: _inline_value(expr) for expr in expressions}}
    _display({AFTER_CELL_MIME: report}, raw=True)
