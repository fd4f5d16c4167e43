"""The names the lab pages import for the MNIST experiments: ``from dnn_guide.labs import LABS, build_model``.

The experiments themselves, and everything that runs them, live in :mod:`dnn_guide.experiments`; a
*lab* is a page of the site. :data:`LABS` is :data:`dnn_guide.experiments.MNIST_EXPERIMENTS`, the
09_x experiments by id (``LABS["09_7"].title``, ``.sizes``, ``.lr``, ``.batch_size``).
"""

from __future__ import annotations

from .experiments import MNIST_EXPERIMENTS as LABS
from .experiments import build_model

__all__ = ["LABS", "build_model"]
