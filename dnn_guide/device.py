"""Pick the device to compute on: CUDA, then Apple MPS, then the CPU."""

from __future__ import annotations

import torch

from .errors import DeviceError

__all__ = ["DeviceError", "device_name", "get_device"]


def _mps_available() -> bool:
    return hasattr(torch.backends, "mps") and torch.backends.mps.is_available()


def get_device(name: str | torch.device | None = None) -> torch.device:
    """Return the device to use.

    Args:
        name: ``None`` or ``"auto"`` picks CUDA when there is a GPU, else Apple's MPS, else the CPU.
            ``"cpu"``, ``"cuda"``, ``"cuda:N"`` and ``"mps"`` ask for that device.

    Raises:
        DeviceError: the name is unknown, or that device is not available here.

    Example:
        >>> get_device("cpu")
        device(type='cpu')
    """
    if name is None or name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except (RuntimeError, TypeError) as err:
        raise DeviceError(f"unknown device {name!r}: use 'auto', 'cpu', 'cuda', 'cuda:N' or 'mps'") from err
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise DeviceError(
                f"device={str(name)!r} was asked for, but CUDA is not available "
                f"(torch {torch.__version__}, CUDA build: {torch.version.cuda or 'no'}). "
                "Use device='cpu', or device='auto' to pick what this machine has."
            )
        count = torch.cuda.device_count()
        if device.index is not None and device.index >= count:
            raise DeviceError(
                f"device={str(name)!r} was asked for, but this machine has {count} CUDA "
                f"device(s): use an index from 0 to {count - 1}."
            )
    elif device.type == "mps" and not _mps_available():
        raise DeviceError(
            f"device={str(name)!r} was asked for, but Apple MPS is not available here. "
            "Use device='cpu', or device='auto'."
        )
    elif device.type not in ("cpu", "cuda", "mps"):
        raise DeviceError(f"device type {device.type!r} is not supported: use 'cpu', 'cuda' or 'mps'")
    return device


def device_name(device: torch.device) -> str:
    """A readable name: the GPU model, or the CPU model and its thread count."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple MPS"
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    import platform

    threads = torch.get_num_threads()
    return f"CPU {model or platform.processor() or platform.machine()} ({threads} thread{'s' if threads != 1 else ''})"
