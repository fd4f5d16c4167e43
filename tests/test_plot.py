import matplotlib

matplotlib.use("Agg")

import pytest
import torch
from torch import nn

from dnn_guide import plot_decision_boundary, plot_history


def test_history_panels_and_curves():
    history = [
        {"epoch": 1, "loss": 1.0, "accuracy": 0.5, "val_loss": 1.1, "val_accuracy": 0.4},
        {"epoch": 2, "loss": 0.5, "accuracy": 0.8, "val_loss": 0.7, "val_accuracy": 0.7},
    ]
    fig = plot_history(history)
    assert len(fig.axes) == 2
    train, valid = fig.axes[0].lines
    assert list(train.get_ydata()) == [1.0, 0.5] and list(valid.get_ydata()) == [1.1, 0.7]


def test_history_errors():
    with pytest.raises(ValueError, match="history is empty"):
        plot_history([])
    with pytest.raises(ValueError, match="unknown metric"):
        plot_history([{"epoch": 1, "loss": 1.0}], metrics=("f1",))


def test_decision_boundary_follows_the_model():
    model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
    with torch.no_grad():  # predicts 1 where x1 > 0.5
        model[0].weight.copy_(torch.tensor([[20.0, 0.0]]))
        model[0].bias.fill_(-10.0)
    X = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    fig = plot_decision_boundary(model, X, torch.tensor([0, 1]), resolution=50)
    ax = fig.axes[0]
    assert len(ax.collections) >= 2  # filled regions, boundary line, the points
    points = [c for c in ax.collections if c.get_label().startswith("y=")]
    assert [p.get_offsets().tolist() for p in points] == [[[0.0, 0.0]], [[1.0, 1.0]]]


def test_decision_boundary_needs_two_inputs():
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        plot_decision_boundary(nn.Linear(3, 1), torch.zeros(4, 3), torch.zeros(4))
