import pytest
import torch

from dnn_guide import DeviceError, get_device


def test_auto_picks_cuda_then_mps_then_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert get_device() == torch.device("cpu")
    assert get_device("auto") == torch.device("cpu")
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert get_device() == torch.device("mps")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert get_device() == torch.device("cuda")


def test_explicit_cpu():
    assert get_device("cpu") == torch.device("cpu")
    assert get_device(torch.device("cpu")) == torch.device("cpu")


def test_cuda_without_cuda_names_the_fix(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(DeviceError, match=r"CUDA is not available.*device='cpu'"):
        get_device("cuda")


def test_cuda_index_out_of_range(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(DeviceError, match="has 1 CUDA device"):
        get_device("cuda:3")


def test_mps_unavailable(monkeypatch):
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    with pytest.raises(DeviceError, match="MPS is not available"):
        get_device("mps")


@pytest.mark.parametrize("name", ["gpu", "cuda0", ""])
def test_unknown_name(name):
    with pytest.raises(DeviceError, match="unknown device"):
        get_device(name)


def test_device_error_is_the_packages_and_a_value_error():
    import dnn_guide

    assert issubclass(dnn_guide.DeviceError, dnn_guide.InputError)
    assert issubclass(dnn_guide.DeviceError, ValueError) and issubclass(dnn_guide.DeviceError, dnn_guide.DnnGuideError)
