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
    "TrainingError",
    "check_positive_int",
    "check_tensor",
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


def check_positive_int(value, name: str, where: str) -> int:
    """``value`` when it is an ``int`` of at least 1 (not a bool, not a float); else :class:`InputError`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{where}: {name} must be a positive int, got {value!r}")
    return value


def check_tensor(value, name: str, where: str):
    """``value`` when it is a ``torch.Tensor``; a numpy array, a list or a number gets the conversion named."""
    import torch

    if isinstance(value, torch.Tensor):
        return value
    kind = type(value).__name__
    if type(value).__module__ == "numpy":
        raise InputError(
            f"{where}: {name} is a numpy {kind}, not a tensor: convert it with {name} = torch.as_tensor({name}) "
            "(images: torch.as_tensor(X, dtype=torch.float32); labels: torch.as_tensor(y, dtype=torch.long))"
        )
    raise InputError(f"{where}: {name} is a {kind}, not a tensor: convert it with {name} = torch.as_tensor({name})")
