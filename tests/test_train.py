import pytest
import torch
from torch import nn

from dnn_guide import accuracy, evaluate, fit, seed_everything


def blobs(n=200):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(n, 2, generator=g)
    y = (X[:, 0] + X[:, 1] > 0).long()
    return X, y


def train_once(seed=0, epochs=3):
    generator = seed_everything(seed)
    X, y = blobs()
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    history = fit(
        model,
        X,
        y,
        loss_fn=nn.CrossEntropyLoss(),
        optimizer=optimizer,
        epochs=epochs,
        batch_size=32,
        valid=(X, y),
        generator=generator,
        progress=False,
    )
    return model, history


def test_history_records_and_learning():
    _, history = train_once(epochs=5)
    assert [r["epoch"] for r in history] == [1, 2, 3, 4, 5]
    assert set(history[0]) == {"epoch", "loss", "accuracy", "val_loss", "val_accuracy"}
    assert history[-1]["loss"] < history[0]["loss"]
    assert history[-1]["val_accuracy"] > 0.9


def test_seeded_runs_repeat_exactly():
    assert train_once(seed=1)[1] == train_once(seed=1)[1]
    assert train_once(seed=1)[1] != train_once(seed=2)[1]


def test_evaluate_matches_a_hand_computation_and_restores_mode():
    model, _ = train_once()
    X, y = blobs()
    model.train()
    scores = evaluate(model, X, y, nn.CrossEntropyLoss(), batch_size=64)
    assert model.training
    with torch.no_grad():
        out = model(X)
    assert scores["loss"] == pytest.approx(nn.functional.cross_entropy(out, y).item(), rel=1e-5)
    assert scores["accuracy"] == pytest.approx((out.argmax(1) == y).float().mean().item())


def test_evaluate_uses_eval_mode():
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(2, 2))
    X, y = blobs()
    a = evaluate(model, X, y, nn.CrossEntropyLoss())
    b = evaluate(model, X, y, nn.CrossEntropyLoss())
    assert a == b  # dropout off: deterministic


def test_accuracy_for_scores_and_probabilities():
    assert accuracy(torch.tensor([[2.0, 1.0], [0.0, 3.0]]), torch.tensor([0, 0])) == 0.5
    assert accuracy(torch.tensor([[0.9], [0.2], [0.5]]), torch.tensor([[1.0], [0.0], [0.0]])) == pytest.approx(2 / 3)


def test_fit_bad_arguments():
    X, y = blobs()
    model = nn.Linear(2, 2)
    kwargs = dict(loss_fn=nn.CrossEntropyLoss(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1))
    with pytest.raises(ValueError, match="X has 200 rows but y has 10"):
        fit(model, X, y[:10], epochs=1, **kwargs)
    with pytest.raises(ValueError, match="epochs must be a positive int"):
        fit(model, X, y, epochs=0, **kwargs)
    with pytest.raises(ValueError, match=r"fit\(valid=...\)"):
        fit(model, X, y, epochs=1, valid=(X, y[:3]), **kwargs)


def test_fit_stops_on_nan_loss():
    X, y = blobs()
    model = nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e30)
    with pytest.raises(ValueError, match="lower the lr"):
        fit(model, X * 1e30, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=2, progress=False)


def test_confusion_matrix_and_predict():
    from dnn_guide import confusion_matrix, predict

    matrix = confusion_matrix(torch.tensor([0, 0, 1, 2]), torch.tensor([0, 1, 1, 2]), num_classes=3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    with pytest.raises(ValueError, match="same shape"):
        confusion_matrix(torch.zeros(3), torch.zeros(4))
    model = nn.Linear(2, 3)
    X = torch.randn(2500, 2)
    model.train()
    assert torch.equal(predict(model, X, batch_size=700), model(X).argmax(1)) and model.training


def test_fit_gives_lbfgs_its_closure():
    X, y = blobs()
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    optimizer = torch.optim.LBFGS(model.parameters(), lr=0.5, max_iter=5)
    history = fit(
        model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=3, batch_size=200, progress=False
    )
    assert history[-1]["loss"] < history[0]["loss"] and history[-1]["accuracy"] > 0.95
