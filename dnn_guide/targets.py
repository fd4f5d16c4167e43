"""What a model's targets are, named: class labels, probabilities, logits or rows of scores.

:func:`dnn_guide.checks.check_data` decides the kind once, from the loss and the model's outputs;
:meth:`TargetKind.count_correct` then counts right answers the way that kind reads them.
"""

from __future__ import annotations

from enum import Enum

import torch

__all__ = ["TargetKind"]


class TargetKind(Enum):
    """How targets pair with a model's outputs, and so what a correct prediction is."""

    #: Class indices, ``int64`` of shape ``(N,)``, against several output columns: the arg-max is the prediction.
    CLASS_LABELS = "class labels"
    #: 0/1 targets shaped like one output column that is a probability (after ``nn.Sigmoid()``): at least 0.5 is 1.
    PROBABILITIES = "probabilities"
    #: 0/1 targets shaped like one output column that is a logit (``nn.BCEWithLogitsLoss()``): at least 0 is 1.
    LOGITS = "logits"
    #: Targets shaped like several output columns (e.g. one-hot with ``nn.MSELoss()``): arg-max against arg-max.
    SCORE_ROWS = "score rows"

    def count_correct(self, output: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Number of correct predictions, as a tensor on the output's device (no host sync)."""
        if self is TargetKind.CLASS_LABELS:
            return (output.argmax(dim=1) == y).sum()
        if self is TargetKind.SCORE_ROWS:
            return (output.argmax(dim=1) == y.argmax(dim=1)).sum()
        threshold = 0.0 if self is TargetKind.LOGITS else 0.5
        return ((output.reshape(y.shape) >= threshold).to(y.dtype) == y).sum()
