import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

import dnn_guide.data as data_module
from dnn_guide import MNISTDataError, iterate_batches, load_mnist
from dnn_guide.data import FILES, SAMPLE_DIR, make_sample, read_idx, read_mnist_folder, stratified_indices, write_idx


@pytest.fixture(autouse=True)
def _never_download(monkeypatch, tmp_path):
    """No test downloads MNIST for real, nor reads the developer's own cache."""
    monkeypatch.setattr(data_module, "CACHE_DIR", tmp_path / "no-cache")

    def refuse(folder):
        raise AssertionError(f"a test tried to download MNIST into {folder}")

    monkeypatch.setattr(data_module, "_download", refuse)


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No user cache and no network: torchvision's download fails as it does offline."""
    monkeypatch.setattr(data_module, "CACHE_DIR", tmp_path / "cache")

    def fail(folder):
        calls.append(folder)
        return None

    calls = []
    monkeypatch.setattr(data_module, "_download", fail)
    return calls


@pytest.fixture
def sample_copy(tmp_path):
    folder = tmp_path / "mnist"
    shutil.copytree(SAMPLE_DIR, folder)
    return folder


def test_offline_falls_back_to_the_sample_with_a_notice(offline, capsys):
    data = load_mnist()
    assert offline, "a download was tried first"
    assert data.source == "sample" and data.is_sample
    assert "shipped MNIST sample" in capsys.readouterr().err
    assert data.X_train.shape == (6000, 784) and data.X_test.shape == (1000, 784)
    assert data.y_train.dtype == torch.int64


def test_train_and_test_are_preprocessed_alike(offline):
    data = load_mnist(download=False)
    for X in (data.X_train, data.X_test):
        assert X.dtype == torch.float32
        assert X.min() == 0.0 and X.max() == 1.0  # 0-255 scaled to 0-1, both sets
    assert abs(data.X_train.mean().item() - data.X_test.mean().item()) < 0.01
    raw = read_idx(SAMPLE_DIR / f"{FILES['test_images']}.gz")
    assert torch.equal(data.X_test[0], torch.from_numpy(raw[0].reshape(-1).astype(np.float32)) / 255)


def test_unflattened_images(offline):
    data = load_mnist(download=False, flatten=False)
    assert data.X_train.shape == (6000, 1, 28, 28)


def test_sample_is_stratified():
    train = read_idx(SAMPLE_DIR / f"{FILES['train_labels']}.gz")
    counts = np.bincount(train, minlength=10)
    full = np.array([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])  # published
    assert counts.sum() == 6000
    assert np.all(np.abs(counts - full / 10) <= 1)


def test_stratified_indices_keep_proportions():
    labels = np.array([0] * 70 + [1] * 20 + [2] * 10)
    picked = stratified_indices(labels, 10, np.random.default_rng(0))
    assert len(set(picked)) == 10
    assert np.bincount(labels[picked]).tolist() == [7, 2, 1]


def test_explicit_folder_and_env_var(sample_copy, monkeypatch):
    data = load_mnist(sample_copy)
    assert data.source == str(sample_copy) and len(data.X_train) == 6000
    monkeypatch.setenv("DNN_GUIDE_MNIST", str(sample_copy))
    assert load_mnist().source == str(sample_copy)
    monkeypatch.setenv("DNN_GUIDE_MNIST", "sample")
    assert load_mnist().source == "sample"


def test_uncompressed_and_torchvision_layout(sample_copy):
    raw = sample_copy / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in FILES.values():
        (raw / name).write_bytes(gzip.decompress((sample_copy / f"{name}.gz").read_bytes()))
        (sample_copy / f"{name}.gz").unlink()
    assert len(load_mnist(sample_copy).X_test) == 1000


def test_missing_folder_and_file(tmp_path, sample_copy):
    with pytest.raises(MNISTDataError, match="does not exist.*DNN_GUIDE_MNIST"):
        load_mnist(tmp_path / "nowhere")
    (sample_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(MNISTDataError, match="t10k-labels-idx1-ubyte.* not found in"):
        load_mnist(sample_copy)


def test_truncated_file_is_named(sample_copy):
    path = sample_copy / "train-images-idx3-ubyte.gz"
    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(raw[:-100]))
    with pytest.raises(MNISTDataError, match=r"train-images-idx3-ubyte.gz has .* bytes where its header promises"):
        load_mnist(sample_copy)


def test_corrupt_gzip_is_named(sample_copy):
    path = sample_copy / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:5000])  # cut off mid-stream
    with pytest.raises(MNISTDataError, match=r"t10k-images-idx3-ubyte.gz is corrupt.*delete"):
        load_mnist(sample_copy)


def test_not_an_idx_file(sample_copy):
    (sample_copy / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(b"<html>not found</html>"))
    with pytest.raises(MNISTDataError, match="not an unsigned-byte IDX file"):
        load_mnist(sample_copy)


def test_images_and_labels_must_agree(sample_copy, tmp_path):
    make_sample(sample_copy, tmp_path / "small", n_train=50, n_test=20)
    shutil.copy(tmp_path / "small" / "train-labels-idx1-ubyte.gz", sample_copy)
    with pytest.raises(MNISTDataError, match="6000 images, 50 labels"):
        load_mnist(sample_copy)


def test_make_sample_is_reproducible(sample_copy, tmp_path):
    make_sample(sample_copy, tmp_path / "a", n_train=100, n_test=30, seed=3)
    make_sample(sample_copy, tmp_path / "b", n_train=100, n_test=30, seed=3)
    for name in FILES.values():
        assert (tmp_path / "a" / f"{name}.gz").read_bytes() == (tmp_path / "b" / f"{name}.gz").read_bytes()
    small = read_mnist_folder(tmp_path / "a")
    assert small["train_images"].shape == (100, 28, 28) and small["test_labels"].shape == (30,)


def test_full_mnist(full_mnist):
    data = load_mnist(full_mnist)
    assert data.X_train.shape == (60000, 784) and data.X_test.shape == (10000, 784)
    assert torch.bincount(data.y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert round(data.X_train.mean().item(), 4) == 0.1307


def test_shipped_sample_matches_full_mnist(full_mnist, tmp_path):
    """The sample in the package is exactly what `dnn-guide make-sample` writes from full MNIST."""
    make_sample(full_mnist, tmp_path)
    for name in FILES.values():
        assert (tmp_path / f"{name}.gz").read_bytes() == (SAMPLE_DIR / f"{name}.gz").read_bytes()


def test_batches_cover_every_row_once_in_seeded_order():
    X, y = torch.arange(10).float().unsqueeze(1), torch.arange(10)
    batches = list(iterate_batches(X, y, 4, generator=torch.Generator().manual_seed(0)))
    assert [len(b[1]) for b in batches] == [4, 4, 2]
    order = torch.cat([b[1] for b in batches])
    assert sorted(order.tolist()) == list(range(10)) and order.tolist() != list(range(10))
    assert all(torch.equal(bx.squeeze(1), by.float()) for bx, by in batches)  # rows stay paired
    again = torch.cat([b[1] for b in iterate_batches(X, y, 4, generator=torch.Generator().manual_seed(0))])
    assert torch.equal(order, again)


def test_batches_in_order_and_drop_last():
    X, y = torch.zeros(10, 2), torch.arange(10)
    assert [b[1].tolist() for b in iterate_batches(X, y, 4, shuffle=False, drop_last=True)] == [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
    ]


def test_make_sample_and_stratified_indices_live_in_data():
    import dnn_guide.cli

    assert dnn_guide.cli.make_sample is make_sample and dnn_guide.cli.stratified_indices is stratified_indices


def test_labels_outside_0_to_9_are_refused(sample_copy):
    path = sample_copy / "train-labels-idx1-ubyte.gz"
    labels = read_idx(path).copy()
    labels[42] = 10
    write_idx(path, labels)
    with pytest.raises(MNISTDataError, match="hold 10 at row 42: MNIST labels are digits 0-9"):
        load_mnist(sample_copy)


def test_damaged_deflate_stream_is_named(sample_copy):
    path = sample_copy / "train-images-idx3-ubyte.gz"
    raw = bytearray(path.read_bytes())
    raw[2000:2400] = bytes(400)  # zlib.error inside the stream, not a cut-off
    path.write_bytes(bytes(raw))
    with pytest.raises(MNISTDataError, match=r"train-images-idx3-ubyte.gz is corrupt.*delete"):
        load_mnist(sample_copy)


def test_permission_denied_is_not_called_corrupt(sample_copy, monkeypatch):
    read_bytes = Path.read_bytes

    def denied(self):
        if self.name == "t10k-images-idx3-ubyte.gz":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(MNISTDataError, match="permission denied; give yourself read access") as err:
        load_mnist(sample_copy)
    assert "corrupt" not in str(err.value)


def _partial_cache(cache: Path) -> Path:
    """What an interrupted download leaves: one file of four, cut off."""
    raw = cache / "MNIST" / "raw"
    raw.mkdir(parents=True)
    (raw / "train-images-idx3-ubyte.gz").write_bytes((SAMPLE_DIR / "train-images-idx3-ubyte.gz").read_bytes()[:3000])
    return raw


def test_partial_cache_falls_back_to_the_sample_offline(offline, capsys):
    _partial_cache(data_module.CACHE_DIR)
    for _ in range(2):  # not once but every time: the broken cache never makes load_mnist fail
        data = load_mnist()
        assert data.is_sample
        err = capsys.readouterr().err
        assert f"skipping the MNIST cache {data_module.CACHE_DIR / 'MNIST'}, which is incomplete" in err
        assert "delete it" in err and "shipped MNIST sample" in err
    assert len(offline) == 2  # each call tried to download a fresh copy first


def _fake_download(folder):
    raw = Path(folder) / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in FILES.values():
        shutil.copy(SAMPLE_DIR / f"{name}.gz", raw)
    return folder


def test_damaged_cache_is_replaced_by_a_fresh_download(monkeypatch, capsys):
    cache = data_module.CACHE_DIR
    _partial_cache(cache)
    monkeypatch.setattr(data_module, "_download", _fake_download)
    data = load_mnist()
    assert data.source == "download" and len(data.X_train) == 6000
    assert "skipping" not in capsys.readouterr().err
    assert sorted(p.name for p in cache.iterdir()) == ["MNIST"]  # no temporary download folder left
    monkeypatch.setattr(data_module, "_download", lambda folder: pytest.fail("downloaded again"))
    assert load_mnist().source == "download"  # read from the cache now


def test_interrupted_download_leaves_no_cache(monkeypatch, capsys):
    def interrupted(folder):
        raw = Path(folder) / "MNIST" / "raw"
        raw.mkdir(parents=True)
        (raw / "train-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8b partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(data_module, "_download", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_mnist()
    assert not (data_module.CACHE_DIR / "MNIST").exists() and list(data_module.CACHE_DIR.iterdir()) == []


def test_download_false_never_downloads(capsys):
    assert load_mnist(download=False).is_sample  # _never_download fails the test on a download


def test_write_idx_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "labels.gz"
    write_idx(path, np.arange(10, dtype=np.uint8))
    before = path.read_bytes()

    def disk_full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gzip.GzipFile, "write", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_idx(path, np.zeros(10, dtype=np.uint8))
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["labels.gz"]


def test_data_kind_comes_from_the_source():
    data = load_mnist("sample")
    assert data.kind == "sample"
    assert data_module.MNIST(data.X_train, data.y_train, data.X_test, data.y_test, "/some/folder").kind == "full"
