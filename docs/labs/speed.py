# ---
# jupyter:
#   dnn_guide:
#     order: 110
#     number: null  # no notebook of the original course
#     title:
#       ko: "어디에 시간이 드는가"
#       en: "Where the time goes"
#     summary:
#       ko: "원래 학습 루프가 느린 이유, 메모리의 텐서, 산술 연산의 하한, GPU와 CUDA 그래프"
#       en: "Why the original training loop is slow, tensors in memory, the arithmetic floor, GPUs and CUDA graphs"
#     originals: []
#     experiments: []
#     timed: true
#     exercises: "speed"
# ---

# %% [markdown] lang="ko"
# 원래 실습의 학습 루프로 MNIST를 한 에폭(epoch) 학습하면, 작은 모델인데도 생각보다 오래 걸립니다. 이 페이지는
# 그 시간이 어디에 드는지 측정합니다. 살펴볼 곳은 세 군데입니다. 이미지를 한 장씩 PIL 이미지와 텐서로 바꾸는 데이터
# 파이프라인, 모델이 실제로 해야 하는 산술 연산, 그리고 GPU에서 연산 하나하나를 실행(launch)하는 비용입니다. 페이지의 숫자는 모두
# 빌드할 때 이 페이지의 코드가 측정한 값이거나, `dnn-guide bench` 명령이 남긴 기록(JSON)에서 읽은 값입니다.
#
# !!! info "이 페이지가 실행된 조건"
#     빌드는 패키지에 든 MNIST 표본으로 작게 측정합니다(장 수는 아래 첫 출력에 있습니다). 측정값은 CPU 종류, 스레드 수, 같은
#     컴퓨터에서 함께 돌아가는 다른 작업에 따라 빌드마다 달라집니다. 전체 데이터로 측정한 기록은
#     아래 표와 [결과 재현](../results.md) 페이지에 있습니다.
#
# !!! info "원본"
#     원래 저장소([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))에는 이 주제의
#     노트북이 없습니다. 이 페이지는 원래 MNIST 실습(예: [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb))이
#     데이터를 읽는 방식, 즉 `dsets.MNIST(..., transform=transforms.ToTensor())`와
#     `DataLoader(..., shuffle=True, drop_last=True)`를 측정합니다. CUDA 그래프 코드는 PyTorch 문서의
#     ["Whole-network capture"](https://pytorch.org/docs/stable/notes/cuda.html#whole-network-capture) 예제를 따릅니다.
#
# !!! abstract "이 실습에서 배우는 것"
#     - 원래 학습 루프의 한 스텝을 데이터 파이프라인, 순전파·역전파, 옵티마이저의 갱신으로 나눠 `time.perf_counter`로
#       측정하고, 시간이 어디에 드는지 숫자로 말합니다.
#     - 층 크기에서 학습 한 스텝의 FLOP을 계산해 PyTorch의 `FlopCounterMode`와 맞춰 보고, 측정한 시간으로 처리량
#       (초당 샘플 수, GFLOP/s)을 계산합니다.
#     - 데이터를 메모리에 올려 두는 것, CUDA 그래프, `torch.compile`이 각각 어떤 비용을 줄이는지 이해합니다.
#
# !!! info "먼저 알아 둘 것"
#     1부의 텐서와 학습 루프(`zero_grad`, `backward`, `step`), `torchvision.datasets`와 `transforms.ToTensor()`,
#     `DataLoader`로 배치를 만드는 법을 안다고 가정합니다. 이 파트의 [9-1·9-2 MNIST](mnist-softmax-mlp.md)(여기서
#     측정하는 두 모델)와 [옵티마이저](optimizers.md)(Adam)를 먼저 보면 좋습니다.

# %% [markdown] lang="en" ko="f544396b01"
# Training one epoch of MNIST with the original labs' loop takes longer than such small models suggest.
# This page measures where that time goes: the data pipeline that turns every image into a PIL image and
# then a tensor, one at a time; the arithmetic the model really needs; and, on a GPU, the cost of launching
# each operation. Every number on the page is either measured by the page's code when the site is built,
# or read from the records (JSON) that the `dnn-guide bench` command wrote.
#
# !!! info "How this page was run"
#     The build measures small: on the MNIST sample shipped in the package (its size is printed by the first cell below). The
#     numbers change from build to build with the CPU, its thread count and whatever else runs on the same
#     machine. Records measured on the full data are in the tables below and on the
#     [reproduction](../results.md) page.
#
# !!! info "Sources"
#     The original repository ([deeplearningzerotoall/PyTorch](https://github.com/deeplearningzerotoall/PyTorch))
#     has no notebook on this topic. This page measures how the original MNIST labs (e.g.
#     [lab-09_2_mnist_nn.ipynb](https://github.com/deeplearningzerotoall/PyTorch/blob/master/lab-09_2_mnist_nn.ipynb))
#     read their data: `dsets.MNIST(..., transform=transforms.ToTensor())` and
#     `DataLoader(..., shuffle=True, drop_last=True)`. The CUDA graph code follows the
#     ["Whole-network capture"](https://pytorch.org/docs/stable/notes/cuda.html#whole-network-capture)
#     example of the PyTorch documentation.
#
# !!! abstract "What you will learn"
#     - Measure one step of the original training loop in parts (the data pipeline, the forward and backward
#       passes, the optimizer's update) with `time.perf_counter`, and say in numbers where the time goes.
#     - Compute the FLOPs of one training step from the layer sizes, check them against PyTorch's
#       `FlopCounterMode`, and turn a measured time into a throughput (samples per second, GFLOP/s).
#     - Understand which cost holding the data in memory, CUDA graphs and `torch.compile` each remove.
#
# !!! info "Prerequisites"
#     From Part 1: tensors and the training loop (`zero_grad`, `backward`, `step`), `torchvision.datasets`
#     with `transforms.ToTensor()`, and batches from a `DataLoader`. From this part, the
#     [9-1·9-2 MNIST](mnist-softmax-mlp.md) lab (the two models measured here) and
#     [optimizers](optimizers.md) (Adam) help.

# %%
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, default_collate
from torch.utils.flop_counter import FlopCounterMode
from torchvision import datasets, transforms

import dnn_guide
from dnn_guide.bench import bench_lab, write_torchvision_folder
from dnn_guide.device import device_name
from dnn_guide.labs import LABS, build_model
from dnn_guide.results import load_records

device = dnn_guide.get_device()
data = dnn_guide.load_mnist(device=device)
print(f"torch {torch.__version__} on {device_name(device)}")
print(f"MNIST: {data.source}, {len(data.X_train):,} training images, on {device}")

# %% [markdown] lang="ko"
# ## 원래 루프: 이미지 한 장씩
#
# 원래 실습은 `torchvision.datasets.MNIST`에 `transforms.ToTensor()`를 주고, `DataLoader`로 100장씩 묶었습니다.
# 배치 하나를 만들 때마다 다음 일이 이미지 100장에 하나씩, 파이썬에서 차례로 일어납니다.
#
# 1. `dataset[i]`가 uint8 배열(28×28)을 `Image.fromarray`로 PIL 이미지로 만듭니다. MNIST 파일은 압축되지 않은
#    바이트라서 디코딩(decoding)할 것은 없습니다. 이미지 객체 하나를 만드는 비용입니다.
# 2. `ToTensor()`가 그 PIL 이미지를 다시 배열로 복사해 텐서로 바꾸고, 축 순서를 바꾸고, 실수로 바꿔 255로 나눕니다.
#    작은 연산 여러 개가 이미지마다 따로 실행됩니다.
# 3. `DataLoader`의 기본 묶기 함수(collate function)가 텐서 100개를 한 배치 텐서로 쌓습니다(`torch.stack`).
#
# 원래 실습처럼 `num_workers`를 주지 않았으므로(기본값 0) 이 모든 일이 학습과 같은 프로세스에서 일어납니다.
# 여기서는 MNIST를 내려받을 수 없으므로, 표본 텐서를 torchvision의 MNIST 파일 형식(uint8 이미지)으로 되돌려
# 써서 `datasets.MNIST`가 같은 이미지를 읽게 합니다.

# %% [markdown] lang="en" ko="39344cc214"
# ## The original loop: one image at a time
#
# The original labs gave `torchvision.datasets.MNIST` a `transforms.ToTensor()` and batched it by 100 with
# a `DataLoader`. Every batch then does the following, once per image, 100 times, one after the other in
# Python:
#
# 1. `dataset[i]` turns a uint8 array (28×28) into a PIL image with `Image.fromarray`. MNIST's files are
#    uncompressed bytes, so there is nothing to decode: the cost is creating an image object.
# 2. `ToTensor()` copies that PIL image back into an array, makes it a tensor, reorders its axes, converts
#    it to floating point and divides by 255: several small operations, run separately for every image.
# 3. The `DataLoader`'s default collate function stacks the 100 tensors into one batch tensor (`torch.stack`).
#
# Like the original labs, this passes no `num_workers` (the default is 0), so all of it runs in the same
# process as the training. MNIST cannot be downloaded here, so the sample's tensors are written back in
# torchvision's MNIST file format (uint8 images), and `datasets.MNIST` reads the same images.

# %%
with tempfile.TemporaryDirectory() as root:
    write_torchvision_folder(data, root)  # the sample as torchvision's raw MNIST files
    mnist_train = datasets.MNIST(root, train=True, transform=transforms.ToTensor(), download=False)
loader = DataLoader(mnist_train, batch_size=100, shuffle=True, drop_last=True)  # as in the original labs

X, y = next(iter(loader))
print(f"{len(mnist_train):,} images; one batch: X {tuple(X.shape)} {X.dtype}, y {tuple(y.shape)} {y.dtype}")

# %% [markdown] lang="ko"
# ### 단계별로 측정하기
#
# 각 단계를 따로 떼어 `time.perf_counter`로 측정합니다. 같은 무작위 배치 몇 개를 여러 번 돌려 가장 빠른 값을
# 씁니다(다른 작업이 끼어든 실행을 빼기 위해서입니다). `DataLoader`는 표본 전체를 세 번 돌려, 가장 빠른 회차의
# 배치당 시간을 씁니다. 마지막 줄은 비교 대상입니다. 데이터 전체를 미리 0–1 실수 텐서 하나로 메모리에 올려 두고, 배치의
# 행들을 인덱스로 한 번에 꺼내는 시간입니다.

# %% [markdown] lang="en" ko="15ae91ffdb"
# ### Measuring each stage
#
# Each stage is measured on its own with `time.perf_counter`: the same few random batches are run several
# times and the fastest run counts (so that runs interrupted by other work drop out). The `DataLoader` is
# timed over three full passes of the sample, and the fastest pass counts, per batch. The last row is the comparison: the whole data set
# held in memory beforehand as one tensor of 0–1 floats, and the rows of a batch taken out by index, at once.


# %%
def us_per_batch(work, n, repeat=3, batches=10):
    """Microseconds per call of work(b), over n calls cycling through `batches` batches: the best of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for i in range(n):
            work(i % batches)
        if device.type == "cuda":
            torch.cuda.synchronize()
        best = min(best, time.perf_counter() - start)
    return 1e6 * best / n


B = 100  # images per batch, as in the original labs
batches = torch.randperm(len(mnist_train), generator=torch.Generator().manual_seed(0))[: 10 * B].view(10, B)
pixels = [[mnist_train.data[i].numpy() for i in batch] for batch in batches.tolist()]  # uint8, 28 x 28
images = [[Image.fromarray(a) for a in batch] for batch in pixels]
samples = [[mnist_train[i] for i in batch] for batch in batches.tolist()]
to_tensor = transforms.ToTensor()

stage_us = {
    "Image.fromarray, each image": us_per_batch(lambda b: [Image.fromarray(a) for a in pixels[b]], 10),
    "ToTensor(), each image": us_per_batch(lambda b: [to_tensor(img) for img in images[b]], 10),
    "dataset[i], each image (both, + label)": us_per_batch(lambda b: [mnist_train[i] for i in batches[b]], 10),
    "default_collate: 100 into one batch": us_per_batch(lambda b: default_collate(samples[b]), 10),
}
# a run is one full pass (all of the above, plus the shuffled sampler): µs per pass over its batches
stage_us["DataLoader, one batch (all of it)"] = us_per_batch(lambda b: sum(1 for _ in loader), 1) / len(loader)
index = batches.to(device)
stage_us["in memory: X[index], y[index]"] = us_per_batch(
    lambda b: (data.X_train[index[b]], data.y_train[index[b]]), 200
)

dnn_guide.Table(
    ["stage (a batch of 100 images)", "µs per batch", "µs per image"],
    [[name, f"{us:,.0f}", f"{us / B:.2f}"] for name, us in stage_us.items()],
)

# %%
loader_us, memory_us = stage_us["DataLoader, one batch (all of it)"], stage_us["in memory: X[index], y[index]"]
print(f"DataLoader: {loader_us:,.0f} µs per batch; in memory: {memory_us:,.0f} µs: {loader_us / memory_us:,.0f}x less")

# %% [markdown] lang="ko"
# 비용은 이미지 한 장에 드는 고정 비용입니다. 28×28 픽셀을 옮기는 일 자체는 작지만, 이미지마다 파이썬 함수 호출,
# PIL 객체 생성, 작은 텐서 연산 여러 개가 따로 실행됩니다. 메모리에 올려 둔 텐서에서는 같은 배치가 인덱스 연산
# 하나입니다. 100장의 픽셀을 한 번에 복사하므로 고정 비용을 한 번만 냅니다.
#
# ## 메모리에 올려 둔 텐서
#
# `dnn_guide.load_mnist`는 파일을 한 번 읽어 전체 데이터를 한 번에 255로 나눈 텐서로 만들고, GPU가 있으면 GPU에
# 올립니다. 그다음 배치는 `dnn_guide.iterate_batches`가 꺼냅니다. 에폭마다 순서를 한 번 섞고(`torch.randperm`),
# 배치마다 인덱스로 행을 꺼내는 것이 전부입니다(소스는 [API 참조](../reference.md#dnn_guide.data.iterate_batches)에 있습니다).

# %% [markdown] lang="en" ko="45aae9b33b"
# The cost is a fixed cost per image. Moving 28×28 pixels is little work in itself, but every image pays
# for Python function calls, a PIL object and several small tensor operations of its own. From a tensor in
# memory, the same batch is one indexing operation: the pixels of all 100 images are copied at once, and
# the fixed cost is paid once.
#
# ## Tensors in memory
#
# `dnn_guide.load_mnist` reads the files once, divides the whole data set by 255 in one operation, and puts
# the tensor on the GPU when there is one. Batches then come from `dnn_guide.iterate_batches`: one shuffle
# per epoch (`torch.randperm`), and the rows of each batch taken by index. That is all (its source is in the
# [API reference](../reference.md#dnn_guide.data.iterate_batches)).

# %% [markdown] lang="ko"
# ### 한 에폭, 네 가지 방법
#
# `dnn-guide bench`가 쓰는 함수 `bench_lab`으로 9-1(소프트맥스, 784→10)과 9-2(784-256-256-10)의 한 에폭을 네
# 가지로 측정합니다. 모두 같은 모델, 같은 배치 크기(100), 같은 Adam이고, 측정 전에 짧게 워밍업(warm-up)합니다.
# 변형마다 한 에폭을 두 번 측정해 더 빠른 쪽을 씁니다(`repeat=2`).
#
# - **원래 루프**(original loop): 위의 `DataLoader`와 원래 실습의 학습 루프(에폭 평균 손실을 구하는 `avg_cost` 누적은 뺌).
# - **fit**: 메모리의 텐서로 학습하는 `dnn_guide.fit`. 배치마다 정확도도 세고, 호출할 때 입력을 한 번 검사합니다.
# - **최소 학습 루프**(bare loop): 메모리의 텐서로 다섯 줄짜리 학습 루프만 돌리고, 그 밖의 일은 하지 않습니다.
# - **CUDA 그래프**(CUDA graph): 학습 한 스텝을 통째로 기록해 두고 다시 재생(replay)합니다. CUDA GPU에서만 돌아가므로
#   `{python} "이 빌드에서도 측정했습니다" if device.type == "cuda" else f"{device.type.upper()}에서 실행된 이 빌드에서는 측정하지 않았습니다"`(아래 "GPU에서는" 절).
#
# "µs per step"(스텝당 µs)은 배치 하나를 학습하는 데 든 시간이고, "speed ÷ original loop"은 원래 루프 대비 속도(초당
# 샘플 수의 비)입니다.

# %% [markdown] lang="en" ko="8f3cc8b7a0"
# ### One epoch, four ways
#
# `bench_lab`, the function behind `dnn-guide bench`, measures one epoch of Lab 9-1 (softmax, 784→10) and
# Lab 9-2 (784-256-256-10) four ways, all with the same model, batch size (100) and Adam, each after a short
# warm-up. Each variant is timed twice over one epoch, and the faster run counts (`repeat=2`):
#
# - **original loop**: the `DataLoader` above and the original labs' training loop (without its running
#   `avg_cost` sum, the epoch's mean loss);
# - **fit**: `dnn_guide.fit` on the tensors in memory. It also counts correct predictions every batch, and
#   checks its inputs once per call;
# - **bare loop**: the five-line training loop on the tensors in memory, and nothing else;
# - **CUDA graph**: the whole training step recorded once and replayed. It runs only on a CUDA GPU,
#   `{python} "and this build measured it" if device.type == "cuda" else f"so this build, run on the {device.type.upper()}, did not measure it"` (see "On a GPU" below).
#
# "µs per step" is the time to train on one batch; "speed ÷ original loop" is the samples per second over the
# original loop's.

# %%
VARIANTS = {"original": "original loop", "fit": "fit", "floor": "bare loop", "graph": "CUDA graph"}
LIVE_LABS = ("09_1", "09_2")
live = {lab: bench_lab(lab, data, repeat=2) for lab in LIVE_LABS}


def us_per_step(record, key):
    speed = record["samples_per_s"].get(key)
    return None if speed is None else 1e6 * record["batch_size"] / speed


def lab_names(labs, last=", "):
    """'9-1, 9-2' (or with last=" and ", '9-1 and 9-2') for ["09_1", "09_2"]: the labs as the prose names them."""
    names = [lab.lstrip("0").replace("_", "-") for lab in labs]
    return ", ".join(names[:-1]) + last + names[-1] if len(names) > 1 else "".join(names)


def percent(fraction):
    """A share as the prose and the tables show it: 0.14%, 2.0%, 52%; never a small share shown as 0%."""
    if fraction < 0.01:
        return f"{100 * fraction:.2g}%"
    return f"{100 * fraction:.1f}%" if fraction < 0.1 else f"{fraction:.0%}"


rows = []
for lab, record in live.items():
    speed = record["samples_per_s"]
    for key, name in VARIANTS.items():
        if speed.get(key) is None:
            rows.append([lab, name, f"not run ({device.type})", "–", "–", "–"])
            continue
        seconds = record["n_train"] / speed[key]
        times = speed[key] / speed["original"]
        rows.append(
            [lab, name, f"{speed[key]:,.0f}", f"{us_per_step(record, key):,.0f}", f"{seconds:.2f}", f"{times:.1f}"]
        )
fit_slower_than_original = [lab for lab, r in live.items() if us_per_step(r, "fit") > us_per_step(r, "original")]
fit_faster_than_bare = [lab for lab, r in live.items() if us_per_step(r, "fit") < us_per_step(r, "floor")]
dnn_guide.Table(["lab", "variant", "samples/s", "µs per step", "s per epoch", "speed ÷ original loop"], rows)

# %% [markdown] lang="ko"
# `{python} f"이 빌드에서는 fit이 {lab_names(fit_slower_than_original)}에서 원래 루프보다 느렸습니다. fit은 DataLoader 대신 인덱스 연산 하나로 배치를 꺼내므로 원래 루프보다 하는 일이 훨씬 적습니다. 이 순서는 하는 일이 아니라 측정에서 나온 것입니다." if fit_slower_than_original else ""`
# `{python} f"이 빌드에서는 fit이 {lab_names(fit_faster_than_bare)}에서 최소 학습 루프보다 빨랐습니다. fit은 배치마다 정확도도 세므로 최소 학습 루프보다 하는 일이 조금 더 많습니다. 이 순서는 하는 일이 아니라 측정에서 나온 것입니다." if fit_faster_than_bare else ""`
# `{python} "변형들을 차례로 측정하는 동안 같은 컴퓨터의 다른 작업이 달라지면 이런 순서가 생길 수 있습니다. 전체 데이터로 측정한 저장소의 CPU 기록은 “산술 하한” 절 끝의 표에 있습니다." if fit_slower_than_original or fit_faster_than_bare else ""`
#
# 원래 루프의 한 스텝이 `DataLoader`의 배치 하나와 최소 학습 루프의 한 스텝을 더한 것이라면, 원래 루프의 스텝
# 시간에서 `DataLoader`의 배치 시간을 뺀 나머지는 최소 학습 루프의 스텝 시간과 같아야 합니다. 위에서 따로 측정한
# 값들로 확인해 봅니다. 마지막 열은 `DataLoader`가 배치 하나를 만드는 시간(따로 측정)을 원래 루프의 한 스텝(측정)으로
# 나눈 값입니다.

# %% [markdown] lang="en" ko="0b330f3daa"
# `{python} f"In this build fit was slower than the original loop in {lab_names(fit_slower_than_original, ' and ')}. fit takes its batches with one indexing operation instead of a DataLoader, so it does far less work than the original loop: this order comes from the measurement, not from the work." if fit_slower_than_original else ""`
# `{python} f"In this build fit was faster than the bare loop in {lab_names(fit_faster_than_bare, ' and ')}. fit also counts correct predictions every batch, so it does a little more work than the bare loop: this order comes from the measurement, not from the work." if fit_faster_than_bare else ""`
# `{python} "The variants are timed one after the other, and when other work on the same machine changes meanwhile, such orders can appear. The repository's CPU records, measured on the full data, are in the table at the end of “The arithmetic floor”." if fit_slower_than_original or fit_faster_than_bare else ""`
#
# If one step of the original loop were one `DataLoader` batch plus one bare-loop step, the original step minus
# the `DataLoader` batch would equal the bare-loop step. The times measured separately above test that. The
# last column is the time the `DataLoader` takes to make one batch (measured alone) divided by the measured
# original-loop step.

# %%
loader_share, rest_vs_bare = {}, {}  # per lab: DataLoader batch / original step; (original step - batch) / bare step
rows = []
for lab, record in live.items():
    original_step, bare_step = us_per_step(record, "original"), us_per_step(record, "floor")
    loader_share[lab] = loader_us / original_step
    rest_vs_bare[lab] = (original_step - loader_us) / bare_step
    rows.append(
        [
            lab,
            f"{original_step:,.0f}",
            f"{loader_us:,.0f}",
            f"{original_step - loader_us:,.0f}",
            f"{bare_step:,.0f}",
            percent(loader_share[lab]),
        ]
    )
loader_longer = [lab for lab in LIVE_LABS if loader_share[lab] >= 1]  # measured alone, longer than a whole step
dnn_guide.Table(
    [
        "lab",
        "original loop, µs per step",
        "DataLoader batch, µs",
        "original step − DataLoader batch, µs",
        "bare-loop step, µs",
        "DataLoader batch ÷ original step",
    ],
    rows,
)

# %% [markdown] lang="ko"
# 원래 스텝에서 `DataLoader`의 배치 시간을 뺀 나머지는 최소 학습 루프 한 스텝의
# `{python} f"{rest_vs_bare['09_1']:.1f}"`배(9-1), `{python} f"{rest_vs_bare['09_2']:.1f}"`배(9-2)입니다. 1에서 멀수록
# 단순한 덧셈으로는 원래 스텝을 설명할 수 없다는 뜻입니다. 다만 이 값은 서로 다른 때에 잰 두 시간의 차를 세 번째
# 시간으로 나눈 것이라, `DataLoader`가 원래 스텝의 대부분을 차지하는 실습에서는 두 시간 가운데 하나만 조금 어긋나도
# 크게 움직입니다. 덧셈에서 벗어나는 까닭으로는 이런 것을 생각할 수 있습니다. 원래 루프는 스텝마다 `DataLoader`가
# 새로 만든 텐서로 계산하고(GPU라면 `.to(device)`로 복사도 합니다), `DataLoader`의 파이썬 작업이 캐시를 다른
# 데이터로 채운 직후에 학습 스텝을 실행합니다. 또 세 값은 서로 다른 때에 측정했으므로, 같은 컴퓨터에서 다른 작업이
# 돌고 있었다면 그만큼 어긋납니다. 이 페이지는 이 까닭들을 측정하지 않습니다. 그래서 마지막 열은 덧셈 모형이 아니라
# 측정한 두 시간의 비율입니다.
#
# 이 빌드에서 `DataLoader`의 배치 하나는 원래 루프 한 스텝의 `{python} percent(loader_share['09_1'])`(9-1),
# `{python} percent(loader_share['09_2'])`(9-2)에 해당합니다.
# `{python} f"{lab_names(loader_longer)}에서는 따로 잰 DataLoader 배치 하나가 원래 루프 한 스텝 전체보다 오래 걸렸습니다. 둘 다 가장 빠른 실행이지만 서로 다른 때에 쟀으므로, 이 컴퓨터에서는 두 측정이 서로 맞지 않습니다." if loader_longer else ""`
# 데이터를 메모리에 올려 두면 배치 하나를 만드는 시간이
# `{python} f"{loader_us:,.0f}"` µs에서 `{python} f"{memory_us:,.0f}"` µs로 줄어듭니다(단계별 표의 마지막 두 행).
# 그다음에 남는 것은 모델 자체의 비용입니다. 그 비용이 얼마여야 하는지는 층의 크기에서 계산할 수 있습니다.

# %% [markdown] lang="en" ko="4fda6b49de"
# The original step minus the `DataLoader` batch is `{python} f"{rest_vs_bare['09_1']:.1f}"` times the bare-loop
# step in 9-1 and `{python} f"{rest_vs_bare['09_2']:.1f}"` times in 9-2. The farther from 1, the less the plain sum
# explains the original step. This value, though, is the difference of two times measured at different moments,
# divided by a third: where the `DataLoader` is most of the original step, a small error in either time moves it
# a lot. Possible reasons for a departure from the sum: the original loop computes on a tensor the `DataLoader`
# has just made (on a GPU, `.to(device)` also copies it), right after the `DataLoader`'s Python work has filled
# the caches with other data; and the three times were measured at different moments, so other work running on
# the same machine shifts them apart. This page does not measure these reasons, which is why the last column is
# the ratio of the two measured times, not a model's.
#
# In this build one `DataLoader` batch is `{python} percent(loader_share['09_1'])` of an original-loop step in 9-1
# and `{python} percent(loader_share['09_2'])` in 9-2.
# `{python} f"In {lab_names(loader_longer, ' and ')} the DataLoader batch, measured alone, took longer than a whole original step: both are the fastest of their runs but were measured at different moments, and on this machine the two measurements disagree." if loader_longer else ""`
# Holding the data in memory cuts the time to make a batch
# from `{python} f"{loader_us:,.0f}"` µs to `{python} f"{memory_us:,.0f}"` µs (the last two rows of the table of
# stages). What is left then is the model's own cost, and what that cost should be can be computed from the
# sizes of its layers.

# %% [markdown] lang="ko"
# ## 산술 하한
#
# `nn.Linear(in, out)`은 샘플 하나에 곱셈-덧셈(multiply-add) `in·out`번, 즉 부동소수점 연산
# (FLOP) `2·in·out`번을 합니다. 역전파(backward)는 같은 크기의 행렬 곱을 두 번 합니다. 가중치의
# 기울기와 층 입력의 기울기입니다. 단, 첫 층의 입력은 이미지라서 기울기가 필요 없습니다. 그래서 학습 한 스텝의
# 샘플당 FLOP은
#
#     Σ (층마다) 3·2·in·out  −  2·784·n₁
#
# 입니다(n₁은 첫 층의 출력 수입니다. 9-2에서는 첫 은닉층의 크기 256이고, 은닉층이 없는 9-1에서는 클래스 수
# 10입니다). 편향, 활성화 함수, 손실, Adam의 갱신은 세지 않습니다. 이들은 원소별(elementwise)
# 연산이라 읽고 쓰는 숫자 하나에 연산을 몇 번만 하므로, 행렬 곱에 비하면 FLOP이 아주 적습니다. 계산한 값을
# PyTorch의 `FlopCounterMode`가 실제 한 스텝(배치 100)에서 센 값과 비교합니다.

# %% [markdown] lang="en" ko="202e3efa6a"
# ## The arithmetic floor
#
# `nn.Linear(in, out)` does `in·out` multiply-adds per sample, that is
# `2·in·out` floating-point operations (FLOPs). The backward pass does two matrix
# products of the same size: the gradient of the weights and the gradient of the layer's input, except that
# the first layer's input is the images, which need no gradient. One training step therefore costs, per
# sample,
#
#     Σ (over the layers) 3·2·in·out  −  2·784·n₁
#
# FLOPs (n₁: the number of outputs of the first layer: the first hidden layer's 256 in 9-2, and in 9-1, which
# has no hidden layer, the 10 classes). Biases, activations, the loss and Adam's update are not
# counted: they are elementwise operations, a few operations per number read or written, far fewer FLOPs
# than the matrix products. The formula is checked against the count of PyTorch's `FlopCounterMode` on one
# real step (batch 100).


# %%
def train_flops_per_sample(sizes):
    """FLOPs per sample of one training step of an MLP with these layer sizes (its matrix products only)."""
    flops = 0
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        product = 2 * n_in * n_out  # n_in * n_out multiply-adds
        flops += product  # forward
        flops += product  # backward: gradient of the weights
        if i > 0:
            flops += product  # backward: gradient of the layer's input (the images need none)
    return flops


BENCH_LABS = [lab for lab in LABS if not lab.endswith("_as_written")]
flops = {lab: train_flops_per_sample(LABS[lab].sizes) for lab in BENCH_LABS}
rows = []
for lab in BENCH_LABS:
    model = build_model(lab).to(device)
    with FlopCounterMode(display=False) as counter:
        loss = torch.nn.functional.cross_entropy(model(data.X_train[:B]), data.y_train[:B])
        loss.backward()
    counted = counter.get_total_flops() / B
    rows.append([lab, LABS[lab].title, f"{flops[lab] / 1e6:.3f}", f"{counted / 1e6:.3f}", counted == flops[lab]])
formula_agrees = all(row[-1] for row in rows)  # the formula's count equals FlopCounterMode's for every lab
dnn_guide.Table(["lab", "model", "MFLOP per sample (formula)", "MFLOP per sample (FlopCounterMode)", "equal"], rows)

# %% [markdown] lang="ko"
# 이 장치(`{python} device.type.upper()`)가 행렬 곱을 얼마나 빨리 하는지도 측정합니다. 1024×1024 행렬 두 개의
# 곱(2·1024³ FLOP)은 크기가 커서 연산 하나의 고정 비용이 무시할 만하므로, 그 처리량(throughput)은 이 장치가 실제로
# 낼 수 있는 처리량에 가깝습니다. 한 에폭의 FLOP을 여기서 측정한 처리량으로 나누면, 그 에폭에 걸릴 수
# 있는 최소 시간에 가까운 값이 나옵니다. 이것을 최소 학습 루프로 측정한 시간과 비교합니다.

# %% [markdown] lang="en" ko="1f86ab0d5c"
# How fast this device (`{python} device.type.upper()`) multiplies matrices is measured too. A product of two
# 1024×1024 matrices (2·1024³ FLOPs) is large enough that the fixed cost of one operation does not matter, so
# its rate is close to the throughput this device can really deliver. At the rate measured here, one epoch's
# FLOPs give about the least time the epoch could take; compare it with the time the bare loop measured.

# %%
M1, M2 = torch.randn(1024, 1024, device=device), torch.randn(1024, 1024, device=device)
matmul_gflops = 2 * 1024**3 / us_per_batch(lambda b: M1 @ M2, 4, repeat=2) / 1e3
print(f"1024x1024 matrix product on {device_name(device)}: {matmul_gflops:.1f} GFLOP/s")

# per lab: the bare loop's GFLOP/s, its fraction of the matmul rate, its µs per step
achieved_gflops, rate_share, bare_step_us = {}, {}, {}
rows = []
for lab, record in live.items():
    epoch_gflop = flops[lab] * record["n_train"] / 1e9
    bare_s = record["n_train"] / record["samples_per_s"]["floor"]
    achieved_gflops[lab] = epoch_gflop / bare_s
    rate_share[lab] = achieved_gflops[lab] / matmul_gflops
    bare_step_us[lab] = us_per_step(record, "floor")
    rows.append(
        [
            lab,
            LABS[lab].title,
            f"{epoch_gflop:.3g}",
            f"{epoch_gflop / matmul_gflops:.3g}",  # .3g: 0.0004 s stays visible
            f"{bare_s:.3g}",
            f"{achieved_gflops[lab]:.3g}",
            percent(rate_share[lab]),  # a small share keeps its digits
        ]
    )
rate_over = [lab for lab in LIVE_LABS if rate_share[lab] >= 1]  # faster than the matmul rate measured here
flop_share = flops["09_1"] / flops["09_2"]  # 9-1's FLOPs per sample over 9-2's
step_share = bare_step_us["09_1"] / bare_step_us["09_2"]  # 9-1's bare-loop step time over 9-2's
step_shrank_less = step_share >= 2 * flop_share  # the step time shrank far less than the FLOPs
shares_close = flop_share / 2 < step_share < 2 * flop_share  # within a factor of two of each other
dnn_guide.Table(
    ["lab", "model", "GFLOP per epoch", "s at the matmul rate", "s measured (bare loop)", "GFLOP/s", "of matmul rate"],
    rows,
)

# %% [markdown] lang="ko"
# 최소 학습 루프가 낸 처리량은 마지막 두 열에 있습니다. 이 빌드에서 9-2는
# `{python} f"{achieved_gflops['09_2']:.3g}"` GFLOP/s로 행렬 곱 처리량의 `{python} percent(rate_share['09_2'])`,
# 9-1은 `{python} f"{achieved_gflops['09_1']:.3g}"` GFLOP/s로 `{python} percent(rate_share['09_1'])`를 냈습니다.
# `{python} f"{lab_names(rate_over)}에서는 최소 학습 루프가 여기서 잰 행렬 곱 처리량보다 빨랐습니다. 두 값은 서로 다른 때에 쟀으므로, 행렬 곱을 잴 때 다른 작업이 끼어들었다면 이렇게 될 수 있습니다." if rate_over else ""`
#
# 9-1의 샘플당 FLOP은 9-2의 `{python} percent(flop_share)`(`{python} f"{1 / flop_share:.0f}"`분의 1)이고, 최소 학습
# 루프 한 스텝의 시간은 9-2의 `{python} percent(step_share)`였습니다(`{python} f"{bare_step_us['09_1']:,.0f}"` µs 대
# `{python} f"{bare_step_us['09_2']:,.0f}"` µs).
# `{python} "스텝 시간은 FLOP만큼 줄지 않았습니다. FLOP만으로는 스텝 시간이 정해지지 않습니다." if step_shrank_less else ("이 빌드에서는 두 비율이 두 배 안쪽으로 가깝습니다." if shares_close else "이 빌드에서는 스텝 시간이 FLOP보다도 더 많이 줄었습니다.")`
# 한 스텝을 네 부분으로 나눠 측정하면 시간이 어디에 드는지 보입니다. 배치의 행 꺼내기, 순전파와 손실, 역전파,
# 그리고 Adam의 갱신(기울기 초기화 포함)입니다.

# %% [markdown] lang="en" ko="cc527bbc54"
# The last two columns hold the throughput the bare loop reached. In this build 9-2 ran at
# `{python} f"{achieved_gflops['09_2']:.3g}"` GFLOP/s, `{python} percent(rate_share['09_2'])` of the matrix-product
# rate, and 9-1 at `{python} f"{achieved_gflops['09_1']:.3g}"` GFLOP/s, `{python} percent(rate_share['09_1'])`.
# `{python} f"In {lab_names(rate_over, ' and ')} the bare loop was faster than the matrix-product rate measured here: the two were measured at different moments, which allows this when other work interrupted the matrix product." if rate_over else ""`
#
# 9-1 has `{python} percent(flop_share)` (1/`{python} f"{1 / flop_share:.0f}"`) of 9-2's FLOPs per sample, and its
# bare-loop step took `{python} percent(step_share)` of 9-2's time (`{python} f"{bare_step_us['09_1']:,.0f}"` µs against
# `{python} f"{bare_step_us['09_2']:,.0f}"` µs).
# `{python} "The step time did not shrink as much as the FLOPs: FLOPs alone do not set it." if step_shrank_less else ("In this build the two shares are within a factor of two of each other." if shares_close else "In this build the step time shrank even more than the FLOPs.")`
# Measuring one step in four parts shows where the time goes: taking the batch's rows, the forward pass and
# the loss, the backward pass, and Adam's update (with zeroing the gradients).

# %%
PHASES = ["rows of the batch (X[index])", "forward + loss", "backward", "Adam step + zero_grad"]


def clock():
    if device.type == "cuda":
        torch.cuda.synchronize()  # on a GPU, wait for the work launched so far
    return time.perf_counter()


def phase_us(lab, epochs=2):
    """µs per step in each part of the bare loop's step, over the last of `epochs` epochs of the data."""
    generator = dnn_guide.seed_everything(0)
    model = build_model(lab).to(device)
    loss_fn, optimizer = nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=LABS[lab].lr)
    for _ in range(epochs):  # the first one warms up
        spent = [0.0] * len(PHASES)
        order = torch.randperm(len(data.X_train), generator=generator).to(device)
        steps = len(order) // B
        for s in range(steps):
            t = [clock()]
            index = order[s * B : (s + 1) * B]
            X_batch, y_batch = data.X_train[index], data.y_train[index]
            t.append(clock())
            loss = loss_fn(model(X_batch), y_batch)
            t.append(clock())
            loss.backward()
            t.append(clock())
            optimizer.step()
            optimizer.zero_grad()
            t.append(clock())
            spent = [total + b - a for total, a, b in zip(spent, t, t[1:])]
    return [1e6 * total / steps for total in spent]


# per lab and part: µs per step; its fraction of the step; its GFLOP/s (parts with FLOPs)
phase_time, phase_share, phase_gflops = {}, {}, {}
rows = []
for lab in LIVE_LABS:
    forward = sum(2 * n_in * n_out for n_in, n_out in zip(LABS[lab].sizes[:-1], LABS[lab].sizes[1:])) * B
    step_flops = dict(zip(PHASES, [0, forward, flops[lab] * B - forward, 0]))  # FLOPs per step of each part
    us = phase_time[lab] = dict(zip(PHASES, phase_us(lab)))
    phase_share[lab] = {name: us[name] / sum(us.values()) for name in PHASES}
    phase_gflops[lab] = {name: step_flops[name] / us[name] / 1e3 for name in PHASES if step_flops[name]}
    for name in PHASES:
        rate = phase_gflops[lab].get(name)
        share = phase_share[lab][name]
        rate_cell = "–" if rate is None else f"{rate:.3g}"
        rows.append([lab, name, f"{us[name]:,.0f}", percent(share), f"{step_flops[name] / 1e6:.3g}", rate_cell])
MATMUL_PARTS = ("forward + loss", "backward")  # the parts with matrix products
matmul_part = {lab: sum(phase_share[lab][name] for name in MATMUL_PARTS) for lab in LIVE_LABS}
rows_slower = [lab for lab in LIVE_LABS if phase_time[lab][PHASES[0]] > memory_us]  # than in the table of stages
thin_slower = all(phase_gflops["09_1"][name] < phase_gflops["09_2"][name] for name in MATMUL_PARTS)
adam_us = {lab: phase_time[lab]["Adam step + zero_grad"] for lab in LIVE_LABS}
parameters = {lab: list(build_model(lab).parameters()) for lab in LIVE_LABS}  # a weight and a bias per layer
n_numbers = {lab: sum(p.numel() for p in parameters[lab]) for lab in LIVE_LABS}
dnn_guide.Table(["lab", "part of the step", "µs per step", "share", "MFLOP per step", "GFLOP/s"], rows)

# %% [markdown] lang="ko"
# 이 빌드에서 행렬 곱이 있는 순전파와 역전파는 9-2 스텝의 `{python} percent(matmul_part['09_2'])`, 9-1 스텝의
# `{python} percent(matmul_part['09_1'])`를 차지했습니다. 나머지(배치의 행 꺼내기, Adam의 갱신)는 FLOP 계산에
# 넣지 않은 일입니다. 네 부분의 시간은 한 에폭 동안의 평균이라(단계별 표는 가장 빠른 실행을 씁니다) 다른 작업이
# 끼어든 시간도 들어 있습니다.
# `{python} f"그래서 같은 X[index]가 {lab_names(rows_slower)}에서 단계별 표의 {memory_us:,.0f} µs보다 오래 걸렸습니다." if rows_slower else ""`
#
# 9-1의 순전파와 역전파는 `{python} f"{phase_gflops['09_1']['forward + loss']:.3g}"`,
# `{python} f"{phase_gflops['09_1']['backward']:.3g}"` GFLOP/s, 9-2는
# `{python} f"{phase_gflops['09_2']['forward + loss']:.3g}"`, `{python} f"{phase_gflops['09_2']['backward']:.3g}"`
# GFLOP/s였습니다(마지막 열).
# `{python} "출력이 10개뿐인 9-1의 가늘고 긴 행렬 곱은 FLOP당 시간이 9-2보다 길었습니다. 연산마다 드는 고정 비용에 비해 할 일이 적기 때문일 수 있지만, 이 페이지는 그 고정 비용을 따로 측정하지 않습니다." if thin_slower else "이 빌드에서는 출력이 10개뿐인 9-1의 행렬 곱이 FLOP당 9-2보다 늘 느리지는 않았습니다."`
#
# 기울기 초기화를 포함한 Adam의 갱신은 9-1에서 스텝당 `{python} f"{adam_us['09_1']:,.0f}"` µs(매개변수
# `{python} f"{n_numbers['09_1']:,}"`개, 텐서 `{python} len(parameters['09_1'])`개), 9-2에서
# `{python} f"{adam_us['09_2']:,.0f}"` µs(매개변수 `{python} f"{n_numbers['09_2']:,}"`개, 텐서
# `{python} len(parameters['09_2'])`개)였습니다. 매개변수 수는 `{python} f"{n_numbers['09_2'] / n_numbers['09_1']:.0f}"`배,
# 시간은 `{python} f"{adam_us['09_2'] / adam_us['09_1']:.1f}"`배입니다. CPU에서 `torch.optim.Adam`은 기본값으로
# 매개변수 텐서를 하나씩 차례로, 텐서마다 작은 연산 여러 개로 갱신합니다(여러 텐서를 한 번에 처리하는 foreach 방식은
# 기본값으로는 CUDA 같은 가속기에서만 씁니다). 그 시간 가운데 연산마다 드는 고정 비용이 얼마인지는 이 페이지에서
# 측정하지 않습니다. 연산 하나하나에 드는 이런 고정 비용은 아래 GPU 절의 주제이기도 합니다.
#
# 아래 표는 산술 계산을 저장소에 커밋된 CPU 기록(전체 MNIST 60,000장)에 적용한 것입니다. 기록마다 측정한 장치와
# 날짜를 함께 보여 줍니다.

# %% [markdown] lang="en" ko="b7382a6903"
# In this build the forward and backward passes, where the matrix products are, took
# `{python} percent(matmul_part['09_2'])` of 9-2's step and `{python} percent(matmul_part['09_1'])` of 9-1's; the
# rest (taking the batch's rows, Adam's update) is work the FLOP count leaves out. The four parts are means over
# an epoch (the table of stages keeps the fastest run), so they include time lost to other work.
# `{python} f"That is why the same X[index] took longer in {lab_names(rows_slower, ' and ')} than the {memory_us:,.0f} µs of the table of stages." if rows_slower else ""`
#
# 9-1's forward and backward passes ran at `{python} f"{phase_gflops['09_1']['forward + loss']:.3g}"` and
# `{python} f"{phase_gflops['09_1']['backward']:.3g}"` GFLOP/s, 9-2's at
# `{python} f"{phase_gflops['09_2']['forward + loss']:.3g}"` and `{python} f"{phase_gflops['09_2']['backward']:.3g}"`
# (last column).
# `{python} "9-1's thin matrix products, with only 10 outputs, took longer per FLOP than 9-2's. A possible reason is that they have little work for the fixed cost of each operation, but this page does not measure that cost." if thin_slower else "In this build 9-1's thin matrix products, with only 10 outputs, were not slower per FLOP than 9-2's in both passes."`
#
# Adam's update with zeroing the gradients took `{python} f"{adam_us['09_1']:,.0f}"` µs per step in 9-1
# (`{python} f"{n_numbers['09_1']:,}"` parameters in `{python} len(parameters['09_1'])` tensors) and
# `{python} f"{adam_us['09_2']:,.0f}"` µs in 9-2 (`{python} f"{n_numbers['09_2']:,}"` in
# `{python} len(parameters['09_2'])` tensors): `{python} f"{adam_us['09_2'] / adam_us['09_1']:.1f}"` times the time
# for `{python} f"{n_numbers['09_2'] / n_numbers['09_1']:.0f}"` times the numbers. On a CPU, `torch.optim.Adam` by
# default updates one parameter tensor after another, several small operations each (its multi-tensor foreach
# path is the default only on accelerators such as CUDA GPUs). How much of that time is a fixed cost per
# operation, this page does not measure. Such a fixed cost per operation is also the subject of the GPU section
# below.
#
# The table below applies the arithmetic to the CPU records committed in the repository (full MNIST, 60,000
# images), each with the device and the date it was measured on.

# %%
RECORDS = Path(dnn_guide.__file__).resolve().parents[1] / "docs" / "results" / "bench"  # in a clone of the repository
records = load_records(RECORDS)
cpu_records = [r for r in records if r["device"].startswith("CPU")]
gpu_records = [r for r in records if not r["device"].startswith("CPU")]
record_sources = sorted({(r["data"], r["n_train"], r["device"]) for r in records})  # one figure panel each
if RECORDS.is_dir():
    print(f"bench records in docs/results/bench: {len(cpu_records)} CPU, {len(gpu_records)} GPU")
else:  # e.g. dnn_guide installed with pip: the records live in the repository
    print("no docs/results/bench here: the records are in the repository and on its results page")


def epoch_s(record, key):
    speed = record["samples_per_s"].get(key)
    return None if speed is None else record["n_train"] / speed


def cell(value, fmt):
    return "–" if value is None else format(value, fmt)


dnn_guide.Table(
    ["lab", "model", "device", "date", "original loop, s", "fit, s", "bare loop, s", "GFLOP/s (bare loop)"],
    [
        [
            r["lab"],
            r.get("title", ""),
            r["device"],
            r.get("date", "not recorded"),
            *(cell(epoch_s(r, key), ".1f") for key in ("original", "fit", "floor")),
            f"{train_flops_per_sample(LABS[r['lab']].sizes) * r['samples_per_s']['floor'] / 1e9:.1f}",
        ]
        for r in cpu_records
    ],
)

# %% [markdown] lang="ko"
# ## GPU에서는: 실행 비용이 지배한다
#
# GPU에서는 스텝의 연산 하나하나(층마다 행렬 곱, 활성화 함수, 손실, 각각의 역전파, Adam의 갱신)가 CPU가 GPU에 보내는
# 커널(kernel)입니다. 커널을 하나 실행(launch)할 때마다 일의 크기와 상관없이 CPU 시간이 듭니다. 파이썬, PyTorch의
# C++ 코드, CUDA 드라이버를 거치기 때문입니다. 아래 출력처럼 이 강좌의 모델은 한 스텝의 연산량이
# `{python} f"{flops['09_1'] * LABS['09_1'].batch_size / 1e6:.1f}"` MFLOP(9-1)부터
# `{python} f"{flops['09_4'] * LABS['09_4'].batch_size / 1e6:.1f}"` MFLOP(9-4)까지로, GPU에게는 작은 일입니다. CPU가
# 다음 커널을 보내기 전에 GPU가 커널을 끝내 버리면 GPU는 기다리게 되고, 스텝 시간은 산술이 아니라 커널 수와 실행
# 비용으로 정해집니다. 이것을 커널 실행 비용이 병목인 상태(launch-bound)라고 합니다. 원래 루프에서는 여기에 이미지
# 한 장씩 하는 CPU 작업이 더해지는데, 이 작업은 GPU가 대신해 줄 수 없습니다.
#
# **CUDA 그래프**(CUDA graph)는 한 스텝의 커널을 한 번 기록(capture)해 두고, 그 뒤로는 통째로 재생(replay)합니다.
# PyTorch 문서의 설명대로, 재생은 인자 준비와 커널 디스패치(파이썬, C++, CUDA 드라이버의 오버헤드)를 모두 건너뛰고
# 그래프 전체를 `cudaGraphLaunch` 호출 한 번으로 GPU에 보냅니다. 대신 조건이 있습니다. 재생은 매번 같은 메모리를 같은
# 크기로 읽고 쓰므로, 배치를 파이썬에서 새 텐서로 만들어 넣을 수 없습니다. 그래서 `dnn_guide.cuda_graph`는 에폭의
# 섞인 인덱스를 담은 텐서 `order`와 GPU 위의 스텝 카운터를 그래프 안에 두고, 배치를 그래프 안에서 인덱스로 꺼냅니다.
# Adam은 단계 수를 GPU에 두도록 `capturable=True`로 만듭니다. 기록하기 전에는 PyTorch 문서가 요구하는 대로 별도
# 스트림(side stream)에서 실제 스텝 몇 번으로 워밍업합니다. 코드는 API 참조의
# [`capture_step`](../reference.md#dnn_guide.cuda_graph.capture_step)에 있습니다.

# %% [markdown] lang="en" ko="7f2bf38dd0"
# ## On a GPU: launch-bound
#
# On a GPU, every operation of the step (each layer's matrix product, the activations, the loss, the
# backward of each, Adam's update) is a kernel that the CPU sends to the GPU. Launching a kernel costs CPU
# time whatever the size of its work, because it goes through Python, PyTorch's C++ code and the CUDA
# driver. As printed below, one step of this course's models is `{python} f"{flops['09_1'] * LABS['09_1'].batch_size / 1e6:.1f}"` MFLOP (9-1) to
# `{python} f"{flops['09_4'] * LABS['09_4'].batch_size / 1e6:.1f}"` MFLOP (9-4): small work for a GPU. When the GPU finishes a kernel faster than the CPU can launch the next one, the GPU waits,
# and the step time is set by the number of kernels and the cost of launching them, not by the arithmetic:
# the launch-bound regime. The original loop adds its per-image CPU work on top, which a GPU cannot take over.
#
# A **CUDA graph** records (captures) the kernels of one step once and afterwards replays them as a whole.
# As the PyTorch documentation explains, a replay skips all argument setup and kernel dispatch (the Python,
# C++ and CUDA driver overheads) and submits the entire graph to the GPU with a single `cudaGraphLaunch`
# call. There are conditions. A replay reads and writes the same memory, with the same shapes, every time,
# so a batch cannot be handed in as a new tensor made in Python. `dnn_guide.cuda_graph` therefore keeps the
# epoch's shuffled indices in one tensor, `order`, and a step counter on the GPU inside the graph, and
# gathers the batch by index inside the graph. Adam is built with `capturable=True`, which keeps its step
# count on the GPU. Before the capture, a few real steps warm up on a side stream, as the PyTorch
# documentation requires. The code is [`capture_step`](../reference.md#dnn_guide.cuda_graph.capture_step) in
# the API reference.

# %%
for lab in ("09_1", "09_2", "09_4"):
    step_mflop = flops[lab] * LABS[lab].batch_size / 1e6
    print(f"{lab} {LABS[lab].title}: {step_mflop:.1f} MFLOP per training step (batch {LABS[lab].batch_size})")

# %% [markdown] lang="ko"
# `dnn-guide bench`는 GPU에서 이 그래프 변형의 처음 몇 스텝 손실이 같은 시드의 보통(eager) 루프와 부동소수점 오차
# 안에서 같은지 확인하고, 그 차이도 기록에 남깁니다(드롭아웃이 있는 실습은 난수가 달라 비교하지 않습니다).
#
# `torch.compile(model, mode="reduce-overhead")`는 같은 문제를 자동으로 풉니다. PyTorch 문서는 이 모드를 "CUDA 그래프로
# 파이썬의 오버헤드를 줄이는, 작은 배치에 유용한 모드"라고 설명합니다. 컴파일러(TorchInductor)가 작은 원소별 연산을 더
# 적은 커널로 합치고, 그 결과를 CUDA 그래프로 재생합니다. 문서는 이 효과가 보장되지 않는다고도 덧붙입니다. 지금은
# 입력을 제자리에서 바꾸지(mutate) 않고 CUDA만 쓰는 그래프에만 적용됩니다. 처음 호출할 때 컴파일 시간이 들고, 입력 크기가 바뀌면
# 다시 컴파일할 수 있습니다. 이 페이지는 `torch.compile`을 측정하지 않습니다.
#
# ### GPU 기록
#
# 아래 코드는 저장소의 GPU 기록(`docs/results/bench/*-gpu.json`)을 측정 장치, 날짜와 함께 표로 보여 줍니다. 기록이
# 없으면 그렇다고 출력합니다. GPU가 있는 컴퓨터에서 `dnn-guide bench --device cuda --data /path/to/mnist`로 만듭니다.

# %% [markdown] lang="en" ko="722a6bccef"
# `dnn-guide bench` checks on a GPU that the first steps' losses of this graph variant equal, to
# floating-point tolerance, those of the plain (eager) loop with the same seed, and records the difference
# (labs with dropout are not compared: their random draws differ).
#
# `torch.compile(model, mode="reduce-overhead")` solves the same problem automatically. The PyTorch
# documentation describes this mode as one that "reduces the overhead of python with CUDA graphs, useful for
# small batches". The compiler (TorchInductor) merges small elementwise operations into fewer kernels, and
# the result is replayed as CUDA graphs. The documentation adds that this is not guaranteed to work: today it
# applies only to CUDA-only graphs that do not mutate their inputs. The first call spends time compiling, and
# a change of input shape may compile again. This page does not measure `torch.compile`.
#
# ### GPU records
#
# The code below shows the GPU records of the repository (`docs/results/bench/*-gpu.json`) with the device
# and date of each, or says that there are none. Make them on a machine with a CUDA GPU with
# `dnn-guide bench --device cuda --data /path/to/mnist`.

# %%
gpu_rows = [
    [
        r["lab"],
        r["device"],
        r.get("date", "not recorded"),
        cell(us_per_step(r, "floor"), ",.0f"),
        cell(us_per_step(r, "graph"), ",.0f"),
        cell((r.get("graph") or {}).get("vs_floor"), ".1f"),
        cell((r.get("graph") or {}).get("vs_original"), ".1f"),
        cell((r.get("graph") or {}).get("loss_diff"), ".1e"),
    ]
    for r in gpu_records
]
if not gpu_rows:
    measured_on_gpu = "only this build's own measurements" if device.type == "cuda" else "nothing on this page"
    print(
        f"No GPU bench record yet: {measured_on_gpu} was measured on a GPU.\n"
        "Make the records on a machine with a CUDA GPU:\n"
        "    dnn-guide bench --device cuda --data /path/to/mnist\n"
        "They are written to docs/results/bench/<lab>-<data>-gpu.json."
    )
header = ["lab", "device", "date", "bare loop, µs per step", "graph, µs per step", "graph ÷ bare", "graph ÷ original"]
dnn_guide.Table([*header, "loss difference"], gpu_rows) if gpu_rows else None

# %% [markdown] lang="ko"
# ## 한눈에 보기
#
# 에폭당 시간을 변형별로 그립니다. 가로축은 로그 눈금입니다. 맨 위 패널은 이 빌드가 표본으로 측정한 값(9-1, 9-2)이고,
# `{python} ("그 아래 패널은 저장소의 기록입니다." if len(record_sources) == 1 else f"그 아래 패널 {len(record_sources)}개는 저장소의 기록입니다.") if record_sources else "저장소의 기록이 없으므로 패널은 그것 하나입니다."`
# 패널 제목에 데이터와 장치가 있습니다. 실행되지 않은 변형은 막대가 없습니다.

# %% [markdown] lang="en" ko="1816e34fd8"
# ## At a glance
#
# Time per epoch by variant, on a log scale. The top panel is what this build measured on the sample (9-1,
# 9-2);
# `{python} ("the panel below is the repository's records." if len(record_sources) == 1 else f"the {len(record_sources)} panels below are the repository's records.") if record_sources else "there are no repository records, so it is the only panel."`
# Each panel's title names the data and the device. A variant that did not run has no bar.

# %%
COLORS = {"original": "#fd8d3c", "fit": "#74c476", "floor": "#3182bd", "graph": "#756bb1"}


def plot_epoch_times(ax, group, title):
    """Horizontal bars: seconds per epoch of each variant that ran, one group of bars per lab."""
    keys = [key for key in VARIANTS if any(epoch_s(r, key) is not None for r in group)]
    height = 0.8 / len(keys)
    for j, key in enumerate(keys):
        points = [(i, epoch_s(r, key)) for i, r in enumerate(group) if epoch_s(r, key) is not None]
        ys, xs = zip(*points)
        offset = (j - (len(keys) - 1) / 2) * height
        ax.barh([y + offset for y in ys], xs, height=height, color=COLORS[key], label=VARIANTS[key])
    ax.set_yticks(range(len(group)), [f"{r['lab']} {r.get('title', '')}" for r in group])
    ax.invert_yaxis()
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", which="both", alpha=0.3)


panels = [(f"this build: sample ({len(data.X_train):,} images), {device_name(device)}", list(live.values()))]
for source in record_sources:
    group = [r for r in records if (r["data"], r["n_train"], r["device"]) == source]
    panels.append((f"records: {source[0]} MNIST ({source[1]:,} images), {source[2]}", group))
sizes = [len(group) for _, group in panels]
fig, axes = plt.subplots(len(panels), 1, sharex=True, figsize=(8, 1.4 + 0.5 * sum(sizes)), height_ratios=sizes)
axes = [axes] if len(panels) == 1 else list(axes)
for ax, (title, group) in zip(axes, panels):
    plot_epoch_times(ax, group, title)
axes[-1].set_xscale("log")
axes[-1].xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:g}"))
axes[-1].set_xlabel("seconds per epoch (log scale)")
handles = {label: handle for ax in axes for handle, label in zip(*ax.get_legend_handles_labels())}
fig.legend(handles.values(), handles.keys(), loc="upper center", ncol=len(handles), frameon=False)
fig.tight_layout(rect=(0, 0, 1, 1 - 0.4 / fig.get_figheight()))
plt.show()

# %% [markdown] lang="ko"
# ## 연습 문제
#
# 코드 연습은 빈칸 함수를 채운 뒤 아래의 `check_...` 한 줄로 확인합니다. 체커는 새 입력으로 기준과 비교하고,
# 틀렸으면 무엇이 틀렸는지 알려 줍니다. 풀이는 접힌 블록에 있습니다.
#
# !!! question "연습 1: 학습 한 스텝의 FLOP"
#     층 크기 `sizes`(예: `[784, 256, 256, 10]`)와 배치 크기로 MLP 학습 한 스텝(순전파와 역전파)의 FLOP을 세는
#     `train_step_flops(sizes, batch_size)`를 완성하세요. 위 "산술 하한" 절처럼 행렬 곱만 셉니다. 층마다
#     `2·in·out·batch_size`를 순전파, 가중치의 기울기, 층 입력의 기울기(첫 층은 빼고)에서 한 번씩 더합니다. 체커는
#     층 크기가 다른 작은 MLP 세 개에서 PyTorch의 `FlopCounterMode`가 센 값과 비교합니다.

# %% [markdown] lang="en" ko="5927f514b2"
# ## Exercises
#
# A code exercise is a function to fill in, checked by the `check_...` line under it. The checker compares it
# with the reference on fresh inputs and, when it is wrong, says what is wrong. The solutions are in the
# collapsed blocks.
#
# !!! question "Exercise 1: the FLOPs of one training step"
#     Complete `train_step_flops(sizes, batch_size)`, which counts the FLOPs of one training step (forward and
#     backward) of an MLP with layer sizes `sizes` (e.g. `[784, 256, 256, 10]`) and the given batch size.
#     Count the matrix products only, as in "The arithmetic floor" above: per layer, add
#     `2·in·out·batch_size` for the forward pass, for the weight gradient, and for the gradient of the layer's
#     input (except the first layer). The checker compares it with what PyTorch's `FlopCounterMode` counts on
#     three small MLPs of different layer sizes.

# %%
from dnn_guide.exercises.speed import check_samples_per_second, check_train_step_flops


# %% exercise=true
def train_step_flops(sizes, batch_size):
    # your code: loop over the layers, zip(sizes[:-1], sizes[1:])
    raise NotImplementedError


check_train_step_flops(train_step_flops)


# %% solution=true
def train_step_flops(sizes, batch_size):
    flops = 0
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        product = 2 * n_in * n_out * batch_size
        flops += 2 * product if i == 0 else 3 * product  # the first layer's input needs no gradient
    return flops


print(f"9-2, one step of batch 100: {train_step_flops([784, 256, 256, 10], 100) / 1e6:.1f} MFLOP")
check_train_step_flops(train_step_flops)

# %% [markdown] lang="ko"
# !!! question "연습 2: 측정한 시간에서 초당 샘플 수"
#     스텝마다 잰 시간(초)의 리스트 `step_seconds`에서 처리량(초당 샘플 수)을 계산하는 `samples_per_second(step_seconds,
#     batch_size, warmup)`을 완성하세요. 처음 `warmup`개 스텝은 워밍업(메모리 할당, 캐시 등으로 느린 첫 스텝)이라
#     빼고, 나머지 스텝에서 처리한 샘플 수를 그 스텝들의 시간 합으로 나눕니다. 풀이는 9-1 모델의 최소 학습 루프 60스텝을
#     직접 재서 이 함수에 넣어 봅니다.

# %% [markdown] lang="en" ko="d6f3d578f1"
# !!! question "Exercise 2: samples per second from measured times"
#     Complete `samples_per_second(step_seconds, batch_size, warmup)`, which turns a list of per-step times (in
#     seconds) into a throughput, samples per second. The first `warmup` steps are the warm-up (first steps
#     slowed by memory allocation, caches and the like) and are left out; the samples of the remaining steps
#     are divided by the sum of their times. The solution times 60 steps of the 9-1 model's bare loop and feeds
#     them to this function.


# %% exercise=true
def samples_per_second(step_seconds, batch_size, warmup):
    # your code: leave out the first `warmup` steps
    raise NotImplementedError


check_samples_per_second(samples_per_second)


# %% solution=true
def samples_per_second(step_seconds, batch_size, warmup):
    timed = step_seconds[warmup:]
    return batch_size * len(timed) / sum(timed)


model = build_model("09_1").to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=LABS["09_1"].lr)
step_seconds = []
for index in torch.randperm(len(data.X_train), device=device)[: 60 * B].view(60, B):
    start = clock()
    loss = nn.functional.cross_entropy(model(data.X_train[index]), data.y_train[index])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    step_seconds.append(clock() - start)
print(
    f"9-1, bare loop, 60 steps timed: {samples_per_second(step_seconds, B, warmup=10):,.0f} samples/s after 10 warm-up steps"
)
check_samples_per_second(samples_per_second)

# %% [markdown] lang="ko"
# !!! question "연습 3: DataLoader의 몫은 무엇으로 정해지나"
#     이 빌드에서 원래 루프 한 스텝 가운데 `DataLoader`의 배치 하나가 차지한 몫은 9-1(소프트맥스)에서
#     `{python} percent(loader_share['09_1'])`, 9-2(784-256-256-10)에서 `{python} percent(loader_share['09_2'])`입니다(덧셈
#     모형을 확인한 표의 마지막 열). 두 실습의 `DataLoader`는 같은 일을 하는데, 이 몫은 무엇으로 정해질까요?
#
#     ??? success "답"
#         `DataLoader`가 배치 하나를 만드는 비용은 모델과 상관없이 같습니다(같은 이미지 100장을 같은 방식으로 바꿉니다).
#         달라지는 것은 나머지, 곧 모델의 한 스텝입니다. 같은 파이프라인 비용이라도 짧은 스텝에서는 더 큰 몫이 됩니다.
#         9-1의 샘플당 FLOP은 9-2의 `{python} f"{1 / flop_share:.0f}"`분의 1이고, 이 빌드에서 최소 학습 루프의 한
#         스텝은 `{python} f"{bare_step_us['09_1']:,.0f}"` µs(9-1), `{python} f"{bare_step_us['09_2']:,.0f}"`
#         µs(9-2)였습니다("µs per step" 열).
#         `{python} "스텝이 더 짧은 실습에서 몫이 더 컸습니다." if (bare_step_us['09_1'] < bare_step_us['09_2']) == (loader_share['09_1'] > loader_share['09_2']) else "그런데 이 빌드에서는 최소 학습 루프의 스텝이 더 짧은 실습에서 몫이 더 크지 않았습니다. 원래 루프의 스텝이 최소 학습 루프의 스텝과 같은 순서로 측정되지 않았다는 뜻입니다(덧셈 모형을 확인한 표)."`

# %% [markdown] lang="en" ko="79625cafde"
# !!! question "Exercise 3: what sets the DataLoader's share?"
#     In this build one `DataLoader` batch is `{python} percent(loader_share['09_1'])` of an original-loop step in
#     9-1 (softmax) and `{python} percent(loader_share['09_2'])` in 9-2 (784-256-256-10) (the last column of the
#     table that tests the sum). The two labs' `DataLoader`s do the same work: what sets the share?
#
#     ??? success "Answer"
#         The `DataLoader`'s cost per batch does not depend on the model (the same 100 images, converted the same
#         way). What differs is the rest, the model's step, and the same pipeline cost is a larger share of a
#         shorter step. 9-1 has 1/`{python} f"{1 / flop_share:.0f}"` of 9-2's FLOPs per sample, and in this build
#         its bare-loop step took `{python} f"{bare_step_us['09_1']:,.0f}"` µs against 9-2's
#         `{python} f"{bare_step_us['09_2']:,.0f}"` µs (the "µs per step" column).
#         `{python} "The lab with the shorter step had the larger share." if (bare_step_us['09_1'] < bare_step_us['09_2']) == (loader_share['09_1'] > loader_share['09_2']) else "In this build, though, the lab with the shorter bare-loop step did not have the larger share: the original-loop steps were not measured in the same order as the bare-loop steps (see the table that tests the sum)."`

# %% [markdown] lang="ko"
# !!! question "연습 4: 9-1의 스텝 시간은 어디에 쓰이나"
#     이 빌드의 최소 학습 루프는 9-2에서 행렬 곱 처리량의 `{python} percent(rate_share['09_2'])`,
#     9-1에서 `{python} percent(rate_share['09_1'])`를 냈습니다. 스텝을 네 부분으로 나눈 표에서, 9-1의 시간은 어디에
#     쓰이고 있나요? FLOP을 줄이면 9-1이 빨라질까요?
#
#     ??? success "답"
#         이 빌드에서 9-1 스텝의 `{python} percent(1 - matmul_part['09_1'])`는 행렬 곱이 없는 부분(배치의 행 꺼내기,
#         Adam의 갱신과 기울기 초기화)이고, 행렬 곱이 있는 순전파와 역전파는 `{python} percent(matmul_part['09_1'])`입니다.
#         9-1의 FLOP은 9-2의 `{python} percent(flop_share)`이고, 최소 학습 루프의 스텝 시간은 9-2의
#         `{python} percent(step_share)`였습니다.
#         `{python} "스텝 시간이 FLOP만큼 줄지 않았으니, FLOP을 더 줄여도 9-1은 별로 빨라지지 않을 것입니다. 줄여야 할 것은 FLOP과 함께 줄지 않는 시간, 곧 행렬 곱 밖의 일과 작은 연산 하나하나에 드는 비용입니다." if step_shrank_less else "이 빌드에서는 스텝 시간이 FLOP과 비슷하게, 또는 그보다 더 많이 줄었으므로, 이 측정만으로는 FLOP을 줄여도 빨라지지 않는다고 말할 수 없습니다."`
#         연산의 개수(파이썬에서 실행하는 작은 연산, GPU라면 커널 실행)를 줄이는 것이 CUDA 그래프와
#         `torch.compile(mode="reduce-overhead")`가 노리는 것입니다.

# %% [markdown] lang="en" ko="c8a3bb89bc"
# !!! question "Exercise 4: where does 9-1's step time go?"
#     In this build the bare loop reached `{python} percent(rate_share['09_2'])` of the matrix-product rate in 9-2
#     and `{python} percent(rate_share['09_1'])` in 9-1. In the table that splits the step into four parts, where
#     does 9-1's time go? Would fewer FLOPs make 9-1 faster?
#
#     ??? success "Answer"
#         In this build `{python} percent(1 - matmul_part['09_1'])` of 9-1's step is parts without matrix products
#         (taking the batch's rows, Adam's update with zeroing the gradients), and
#         `{python} percent(matmul_part['09_1'])` the forward and backward passes, where the matrix products are.
#         9-1 has `{python} percent(flop_share)` of 9-2's FLOPs, and its bare-loop step took
#         `{python} percent(step_share)` of 9-2's.
#         `{python} "The step time did not shrink as much as the FLOPs, so fewer FLOPs would hardly make 9-1 faster; what to cut is the time that does not shrink with the FLOPs: the work outside the matrix products and the cost of each small operation." if step_shrank_less else "In this build the step time shrank nearly as much as the FLOPs or more, so this measurement alone cannot say that fewer FLOPs would not help."`
#         Cutting the number of operations (small operations run from Python, kernel launches on a GPU) is what
#         CUDA graphs and `torch.compile(mode="reduce-overhead")` aim at.

# %% [markdown] lang="ko"
# ## 스스로 확인하기
#
# ```quiz
# id: dataloader-cost
# section: 원래 루프: 이미지 한 장씩
# question: 원래 루프에서 `DataLoader`가 배치 하나를 만드는 데 시간이 많이 드는 까닭은 무엇입니까?
# - [ ] 압축된 MNIST 이미지를 풀어야(디코딩) 해서
#     MNIST 파일은 압축되지 않은 바이트라 디코딩할 것이 없습니다.
# - [x] 이미지 한 장마다 파이썬 함수 호출, PIL 이미지 생성, 작은 텐서 연산 여러 개가 따로 실행되어서
#     이미지 한 장의 고정 비용이 100번 되풀이됩니다. 메모리에 올려 둔 텐서에서는 같은 배치가 인덱스 연산 하나입니다.
# - [ ] 784개 픽셀을 옮기는 일 자체가 무거워서
#     28×28 픽셀을 옮기는 일은 작습니다. 메모리의 텐서에서 100장의 픽셀을 한 번에 꺼내는 시간과 비교해 보세요(단계별 표의 마지막 두 행).
# ```
#
# ```quiz
# id: flops-09-1
# section: 산술 하한
# question: 9-1 모델(`nn.Linear(784, 10)` 하나)의 학습 한 스텝에서 샘플 하나당 FLOP은 몇 번입니까? 이 페이지처럼 행렬 곱만 셉니다.
# answer: `{python} flops['09_1']`
# right: 순전파 $2 \cdot 784 \cdot 10$, 가중치의 기울기 $2 \cdot 784 \cdot 10$을 더한 값입니다. 첫 층의 입력은 이미지라서 입력의 기울기는 세지 않습니다.
# wrong: 층마다 $3 \cdot 2 \cdot \text{in} \cdot \text{out}$에서, 첫 층은 입력의 기울기가 필요 없으므로 $2 \cdot 784 \cdot n_1$을 뺍니다. 9-1에서 $n_1$은 10입니다.
# ```
#
# ```quiz
# id: cuda-graph
# section: GPU에서는: 실행 비용이 지배한다
# question: 작은 모델을 GPU에서 학습할 때 CUDA 그래프가 줄이는 비용은 무엇입니까?
# - [ ] 행렬 곱의 FLOP
#     그래프를 재생해도 같은 커널이 같은 계산을 합니다. FLOP은 그대로입니다.
# - [x] 커널을 하나씩 실행(launch)할 때마다 드는 CPU 비용(파이썬, C++, CUDA 드라이버)
#     한 스텝의 커널을 한 번 기록해 두고, 재생할 때 `cudaGraphLaunch` 호출 한 번으로 통째로 GPU에 보냅니다.
# - [ ] 원래 루프가 이미지 한 장씩 하는 PIL·`ToTensor` 작업
#     그 일은 CPU에서 파이썬으로 하는 데이터 파이프라인이라 GPU가 대신할 수 없습니다. 그래프 변형은 메모리(GPU)에 올려 둔 텐서에서 배치를 꺼냅니다.
# ```

# %% [markdown] lang="en" ko="611e9ea3e6"
# ## Check yourself
#
# ```quiz
# id: dataloader-cost
# section: The original loop: one image at a time
# question: Why does the original loop's `DataLoader` take so long to make one batch?
# - [ ] It has to decode compressed MNIST images
#     MNIST files are uncompressed bytes: there is nothing to decode.
# - [x] For each image separately it runs Python function calls, creates a PIL image and runs several small tensor operations
#     One image's fixed cost is paid 100 times. From tensors in memory the same batch is a single indexing operation.
# - [ ] Moving 784 pixels is heavy work in itself
#     Moving 28×28 pixels is small. Compare with taking 100 images' pixels at once from a tensor in memory (the last two rows of the per-stage table).
# ```
#
# ```quiz
# id: flops-09-1
# section: The arithmetic floor
# question: How many FLOP does one training step of the 9-1 model (a single `nn.Linear(784, 10)`) take per sample? Count matrix products only, as this page does.
# answer: `{python} flops['09_1']`
# right: The forward pass, $2 \cdot 784 \cdot 10$, plus the weights' gradient, $2 \cdot 784 \cdot 10$. The first layer's input is the images, so its gradient is not computed.
# wrong: Each layer costs $3 \cdot 2 \cdot \text{in} \cdot \text{out}$, less $2 \cdot 784 \cdot n_1$ because the first layer's input needs no gradient. In 9-1, $n_1$ is 10.
# ```
#
# ```quiz
# id: cuda-graph
# section: On a GPU: launch-bound
# question: Training a small model on a GPU, which cost does a CUDA graph cut?
# - [ ] The FLOP of the matrix products
#     Replaying the graph runs the same kernels doing the same arithmetic: the FLOP stay.
# - [x] The CPU cost of launching each kernel (Python, C++, the CUDA driver)
#     The step's kernels are captured once, and each replay sends them all to the GPU with one `cudaGraphLaunch` call.
# - [ ] The original loop's per-image PIL and `ToTensor` work
#     That is the data pipeline, Python on the CPU, which a GPU cannot take over. The graph variant takes its batches from tensors in (GPU) memory.
# ```

# %% [markdown] lang="ko"
# !!! success "핵심 정리"
#     - 원래 루프는 배치마다 이미지 100장에 하나씩, 파이썬에서 PIL 이미지를 만들고 `ToTensor`로 바꾸는 고정 비용을
#       냅니다(단계별 표). 이 빌드에서 그 `DataLoader` 배치 하나는 원래 루프 한 스텝의
#       `{python} percent(loader_share['09_1'])`(9-1), `{python} percent(loader_share['09_2'])`(9-2)였습니다. 같은
#       비용이라도 모델의 스텝이 짧을수록 큰 몫이 됩니다(연습 3).
#     - 데이터를 한 번에 텐서로 바꿔 메모리(또는 GPU)에 올려 두면 배치는 인덱스 연산 하나가 되고, 이 빌드에서는 배치
#       하나를 만드는 시간이 `{python} f"{loader_us / memory_us:,.0f}"`분의 1로 줄었습니다. 이 강좌의 `fit`과
#       `iterate_batches`가 그렇게 합니다.
#     - 그다음 하한은 산술입니다. 층 크기에서 센 FLOP은 `FlopCounterMode`가 센 값과
#       `{python} "모든 실습에서 같았습니다" if formula_agrees else "일부 실습에서 달랐습니다(FLOP 표의 equal 열)"`.
#       측정한 시간과 비교하면 최소 학습 루프는 9-2에서 이 장치의 행렬 곱 처리량의
#       `{python} percent(rate_share['09_2'])`, 9-1에서 `{python} percent(rate_share['09_1'])`를 냈고, 9-1은 스텝의
#       `{python} percent(1 - matmul_part['09_1'])`를 행렬 곱이 없는 부분에 썼습니다.
#     - `{python} "이 빌드는 GPU에서 실행되었으므로 위의 표와 그림에 GPU에서 측정한 값이 있습니다." if device.type == "cuda" else ("이 빌드는 GPU 없이 실행되었고, GPU에서 측정한 값은 위의 GPU 기록 표와 그림에 있습니다." if gpu_records else "이 빌드는 GPU 없이 실행되었고 저장소에 GPU 기록도 없으므로, 이 페이지에는 GPU에서 측정한 값이 없습니다.")`
#       PyTorch 문서가 작은 스텝의 실행 비용을 줄이는 방법으로 드는 것은 스텝 전체를 CUDA 그래프로 기록해 재생하는 것과
#       `torch.compile(mode="reduce-overhead")`입니다.

# %% [markdown] lang="en" ko="173a58888d"
# !!! success "Key points"
#     - Every batch of the original loop pays, for each of its 100 images and in Python, the fixed cost of creating
#       a PIL image and converting it with `ToTensor` (the table of stages). In this build that `DataLoader` batch
#       was `{python} percent(loader_share['09_1'])` of an original-loop step in 9-1 and
#       `{python} percent(loader_share['09_2'])` in 9-2: the same cost is a larger share of a shorter step
#       (Exercise 3).
#     - Converting the data to a tensor once and holding it in memory (or on the GPU) makes a batch one indexing
#       operation; in this build it cut the time to make a batch `{python} f"{loader_us / memory_us:,.0f}"`-fold.
#       This course's `fit` and `iterate_batches` do exactly that.
#     - The next floor is arithmetic. Against `FlopCounterMode`'s count, the FLOPs counted from the layer sizes
#       `{python} "are equal for every lab" if formula_agrees else "differ for some labs (the equal column of the FLOP table)"`.
#       Set against the measured times, the bare loop reached `{python} percent(rate_share['09_2'])` of this
#       device's matrix-product rate in 9-2 and `{python} percent(rate_share['09_1'])` in 9-1, and 9-1 spent
#       `{python} percent(1 - matmul_part['09_1'])` of its step on the parts without matrix products.
#     - `{python} "This build ran on a GPU, so the tables and the figure above hold measurements on a GPU." if device.type == "cuda" else ("This build ran without a GPU; the measurements on a GPU are in the table of GPU records and the figure above." if gpu_records else "This build ran without a GPU and the repository has no GPU records, so nothing on this page was measured on a GPU.")`
#       The PyTorch documentation's ways to cut the launch cost of small steps are recording the whole
#       step as a CUDA graph and replaying it, and `torch.compile(mode="reduce-overhead")`.

# %% [markdown] lang="ko"
# ## 참고 문헌
#
# - PyTorch 문서: [CUDA semantics — CUDA Graphs](https://pytorch.org/docs/stable/notes/cuda.html#cuda-graphs)
#   (그래프 기록과 재생, 별도 스트림 워밍업, "Whole-network capture" 예제)
# - PyTorch 문서: [torch.compile](https://pytorch.org/docs/stable/generated/torch.compile.html) (`mode="reduce-overhead"`)
# - PyTorch 문서: [torch.utils.data](https://pytorch.org/docs/stable/data.html) (`DataLoader`, `num_workers`, 기본 묶기 함수)
# - S. Williams, A. Waterman, D. Patterson (2009). Roofline: an insightful visual performance model for multicore
#   architectures. *Communications of the ACM* 52(4). [doi:10.1145/1498765.1498785](https://doi.org/10.1145/1498765.1498785)

# %% [markdown] lang="en" ko="54dea6e073"
# ## References
#
# - PyTorch documentation: [CUDA semantics — CUDA Graphs](https://pytorch.org/docs/stable/notes/cuda.html#cuda-graphs)
#   (capture and replay, side-stream warm-up, the "Whole-network capture" example)
# - PyTorch documentation: [torch.compile](https://pytorch.org/docs/stable/generated/torch.compile.html)
#   (`mode="reduce-overhead"`)
# - PyTorch documentation: [torch.utils.data](https://pytorch.org/docs/stable/data.html) (`DataLoader`,
#   `num_workers`, the default collate function)
# - S. Williams, A. Waterman, D. Patterson (2009). Roofline: an insightful visual performance model for multicore
#   architectures. *Communications of the ACM* 52(4). [doi:10.1145/1498765.1498785](https://doi.org/10.1145/1498765.1498785)
