"""One call that seeds every random number generator a lab uses."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from .checks import check_flag, check_seed

__all__ = ["seed_everything"]


def seed_everything(seed: int, *, deterministic: bool = False) -> torch.Generator:
    """Seed Python's ``random``, NumPy and PyTorch (CPU and every CUDA device).

    Args:
        seed: the seed, from 0 to 2**32 - 1 (what every one of these generators accepts); the
            original course labs use 777.
        deterministic: also ask PyTorch for deterministic algorithms (slower on a GPU; an
            operation without a deterministic version then raises an error).

    Raises:
        InputError: ``seed`` is not a whole number from 0 to 2**32 - 1.

    Returns:
        A CPU ``torch.Generator`` seeded with ``seed``, for shuffling batches.
    """
    seed = check_seed(seed, "seed_everything")
    check_flag(deterministic, "deterministic", "seed_everything")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # seeds CUDA too
    if deterministic:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True)
        torch.backends.cudnn.benchmark = False
    generator = torch.Generator()
    generator.manual_seed(seed)
    return generator
