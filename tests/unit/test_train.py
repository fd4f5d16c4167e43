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


def test_accuracy_is_a_fraction():  # its refusals to broadcast are cases of test_bad_inputs.py
    scores = torch.randn(64, 10)
    y = torch.randint(0, 10, (64,))
    assert 0 <= accuracy(scores, y) <= 1


def test_nan_in_the_data_is_found_before_training():
    from dnn_guide import InputError

    X, y = blobs()
    X[7, 1] = float("nan")
    model = nn.Linear(2, 2)
    before = [p.clone() for p in model.parameters()]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(InputError, match=r"X holds 1 NaN value \(in rows \[7\]\)"):
        fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=1, progress=False)
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))  # not one step taken
    with pytest.raises(InputError, match=r"fit\(valid=\.\.\.\): X holds 1 NaN"):
        fit(model, *blobs(), loss_fn=nn.CrossEntropyLoss(), optimizer=optimizer, epochs=1, valid=(X, y))
    with pytest.raises(InputError, match="X holds 1 NaN"):
        evaluate(model, X, y, nn.CrossEntropyLoss())


def test_one_output_sigmoid_models():
    from dnn_guide import predict

    X, y = blobs()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    history = fit(model, X, y.float().view(-1, 1), loss_fn=nn.BCELoss(), optimizer=optimizer, epochs=20, progress=False)
    assert history[-1]["accuracy"] > 0.9
    predicted = predict(model, X)
    assert predicted.dtype == torch.int64 and predicted.shape == (200,)
    with torch.no_grad():
        assert torch.equal(predicted, (model(X) >= 0.5).long().view(-1))
    assert accuracy(model(X).detach(), y) == pytest.approx((predicted == y).float().mean().item())


def test_logit_model_with_bce_with_logits_counts_at_zero():
    X, y = blobs()
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    history = fit(
        model,
        X,
        y.float().view(-1, 1),
        loss_fn=nn.BCEWithLogitsLoss(),
        optimizer=optimizer,
        epochs=20,
        valid=(X, y.float().view(-1, 1)),
        progress=False,
    )
    with torch.no_grad():
        right = ((model(X) >= 0).long().view(-1) == y).float().mean().item()
    assert history[-1]["val_accuracy"] == pytest.approx(right) and right > 0.9


def test_one_hot_targets_with_mse_count_by_arg_max():
    X, y = blobs()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid())
    Y = nn.functional.one_hot(y, 2).float()
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    history = fit(model, X, Y, loss_fn=nn.MSELoss(), optimizer=optimizer, epochs=20, progress=False)
    assert 0.9 < history[-1]["accuracy"] <= 1
