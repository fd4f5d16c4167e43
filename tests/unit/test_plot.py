import matplotlib

matplotlib.use("Agg")

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


def test_confusion_matrix_plot_and_predictions():
    from dnn_guide import plot_confusion_matrix, plot_predictions

    fig = plot_confusion_matrix(torch.eye(3, dtype=torch.long) * 5)
    assert [t.get_text() for t in fig.axes[0].texts] == ["5", "5", "5"]
    X = torch.rand(4, 784)
    fig = plot_predictions(X, torch.tensor([1, 2, 3, 4]), torch.tensor([1, 2, 0, 4]), n=4)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["1 (1)", "2 (2)", "0 (3)", "4 (4)"] and fig.axes[2].title.get_color() == "red"
