"""The package's exceptions: each message names what was wrong and how to fix it.

Every one derives from :class:`DnnGuideError`, and from the built-in exception a caller would catch
without knowing ``dnn_guide`` (``ValueError`` for a wrong argument, ``RuntimeError`` for bad data files).
"""

from __future__ import annotations

__all__ = [
    "DeviceError",
    "DnnGuideError",
    "ExerciseError",
    "InputError",
    "MNISTDataError",
    "RecordError",
    "TrainingError",
]


class DnnGuideError(Exception):
    """Base class of the errors ``dnn_guide`` raises."""


class InputError(DnnGuideError, ValueError):
    """An argument is wrong: a tensor's shape, dtype, device or values, a size, a count, a path."""


class DeviceError(InputError):
    """A device was asked for that this machine or this torch build cannot provide."""


class TrainingError(DnnGuideError, ValueError):
    """Training or evaluation produced a loss that is not a finite number (the inputs were finite)."""


class ExerciseError(DnnGuideError, AssertionError):
    """An exercise's checker rejected an answer while strict checking is on (the site build sets it)."""


class MNISTDataError(DnnGuideError, RuntimeError):
    """An MNIST file is missing, unreadable, truncated, corrupt or not an IDX file of MNIST."""


class RecordError(DnnGuideError, ValueError):
    """A run record (a JSON file of ``dnn-guide reproduce`` or ``bench``) is not valid JSON or lacks a field."""
