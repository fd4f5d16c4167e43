"""One call that seeds every random number generator a lab uses."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from .checks import check_seed

__all__ = ["seed_everything"]


def seed_everything(seed: int, *, deterministic: bool = False) -> torch.Generator:
    """Seed Python's ``random``, NumPy and PyTorch (CPU and every CUDA device).

    Args:
        seed: the seed; the original course labs use 777.
        deterministic: also ask PyTorch for deterministic algorithms (slower on a GPU; an
            operation without a deterministic version then raises an error).

    Returns:
        A CPU ``torch.Generator`` seeded with ``seed``, for shuffling batches.
    """
    check_seed(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)  # seeds CUDA too
    if deterministic:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True)
        torch.backends.cudnn.benchmark = False
    generator = torch.Generator()
    generator.manual_seed(seed)
    return generator
