import importlib.util
import json
import re
import statistics
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import pytest
from sitecore.shared import SiteError

from dnn_guide.errors import RecordError
from dnn_guide.records import read_records
from dnn_guide.results import (
    WIDE_BAND,
    load_records,
    near_printed,
    plot_reproduction,
    printed_rounding,
    summarize_bench,
    summarize_reproduction,
)
from tests.conftest import ROOT


def write(folder, name, record):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(record))


def record(lab, seed, accuracy, original=0.8944, data="full", **extra):
    return {
        "lab": lab,
        "seed": seed,
        "title": "softmax",
        "test_accuracy": accuracy,
        "final_loss": 0.3,
        "data": data,
        "n_train": 60000,
        "device": "cpu",
        "original_accuracy": original,
        "commit": "abc1234",
        "date": "2026-11-26",
        **extra,
    }


@pytest.fixture(scope="module")
def hook():
    """docs/_hooks/results.py, imported by path as MkDocs does."""
    spec = importlib.util.spec_from_file_location("results_hook", ROOT / "docs" / "_hooks" / "results.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_rows(markdown):
    """The cells of a Markdown table's body rows (header and rule left out)."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def test_as_written_and_corrected_runs_are_grouped_under_one_lab(tmp_path):
    for seed, accuracy in ((1, 0.88), (2, 0.89), (3, 0.90)):
        write(
            tmp_path,
            f"09_1_as_written-{seed}.json",
            record("09_1_as_written", seed, accuracy, test_accuracy_scaled=accuracy + 0.01, commit="def5678"),
        )
    for seed, accuracy in ((1, 0.90), (2, 0.92), (3, 0.94)):
        write(tmp_path, f"09_1-{seed}.json", record("09_1", seed, accuracy, test_accuracy_unscaled=accuracy - 0.1))
    (row,) = summarize_reproduction(read_records(tmp_path))
    written, corrected = row["as_written"], row["corrected"]
    assert row["lab"] == "09_1" and row["original"] == 0.8944 and row["rerun"] is written
    assert written["lab"] == "09_1_as_written" and written["accuracies"] == [0.88, 0.89, 0.90]
    assert written["mean"] == pytest.approx(0.89) and written["std"] == pytest.approx(0.01)
    assert written["scaled_mean"] == pytest.approx(0.90) and written["unscaled_mean"] is None
    assert (
        corrected["seeds"] == 3 and corrected["mean"] == pytest.approx(0.92) and corrected["std"] == pytest.approx(0.02)
    )
    assert corrected["unscaled_mean"] == pytest.approx(0.82) and corrected["scaled_mean"] is None
    assert row["difference"] == pytest.approx(0.89 - 0.8944) and row["tolerance"] == pytest.approx(0.02)
    assert row["near"] is True and row["commit"] == "abc1234, def5678"
    assert len(plot_reproduction([row]).axes[0].patches) == 3  # printed, as written, corrected


def test_near_printed_rule_both_ways():
    assert near_printed(0.90, 0.01, 0.92) and not near_printed(0.8899, 0.01, 0.92)  # 2 std either side
    assert near_printed(0.94, 0.01, 0.92) and not near_printed(0.9401, 0.01, 0.92)
    assert near_printed(0.5, 0.0, 0.5) and not near_printed(0.9819 - 0.0001, 0.0, 0.9819)
    # 9-6 printed two decimals: 0.97 stands for anything in [0.965, 0.975]
    assert printed_rounding("09_6") == printed_rounding("09_6_no_bn_as_written") == pytest.approx(0.005)
    assert printed_rounding("09_1") == printed_rounding("08_4") == 0.0
    assert near_printed(0.9745, 0.0, 0.97, printed_rounding("09_6"))
    assert not near_printed(0.9755, 0.0, 0.97, printed_rounding("09_6"))


def test_near_printed_on_constructed_records(tmp_path):
    near, far = tmp_path / "near", tmp_path / "far"
    for seed, accuracy in ((1, 0.970), (2, 0.974), (3, 0.972)):  # std 0.002 < rounding 0.005
        write(near, f"a{seed}.json", record("09_6_as_written", seed, accuracy, original=0.97))
    for seed, accuracy in ((1, 0.8870), (2, 0.8880), (3, 0.8875)):  # 0.007 below, std 0.0005
        write(far, f"a{seed}.json", record("09_1_as_written", seed, accuracy))
    (row,) = summarize_reproduction(read_records(near))
    assert row["near"] is True and row["tolerance"] == pytest.approx(0.005)
    (row,) = summarize_reproduction(read_records(far))
    assert row["near"] is False and row["difference"] == pytest.approx(0.8875 - 0.8944)
    assert row["corrected"] is None


def test_missing_as_written_variant_shows_a_dash(tmp_path, hook, monkeypatch):
    for seed in (1, 2):
        write(tmp_path / "reproduce", f"09_2-{seed}.json", record("09_2", seed, 0.95, original=0.9423))
        write(tmp_path / "reproduce", f"08_3-{seed}.json", record("08_3", seed, 1.0, original=1.0, data="xor"))
    monkeypatch.setattr(hook, "RESULTS", tmp_path)
    rows = {r["lab"]: r for r in summarize_reproduction(read_records(tmp_path / "reproduce"))}
    assert rows["09_2"]["as_written"] is None and rows["09_2"]["near"] is None  # not judged yet
    assert rows["08_3"]["rerun"] is rows["08_3"]["corrected"] and rows["08_3"]["near"] is True  # XOR: one version
    header = hook.TEXT["en"]["reproduce"]
    table = hook.reproduce_table("en")
    assert table.splitlines()[0] == "| " + " | ".join(header) + " |"
    cells = {row[0]: dict(zip(header, row)) for row in body_rows(table)}
    for lab in ("08_3", "09_2"):
        assert cells[lab]["Original code re-run (mean ± std)"] == "–"
        assert cells[lab]["Original code per seed"] == "–"
        assert cells[lab]["Corrected per seed"] == ", ".join([f"{rows[lab]['corrected']['mean']:.4f}"] * 2)
        assert cells[lab]["Commit"] == "`abc1234`"
    assert cells["09_2"]["Re-run near printed?"] == "–" and cells["08_3"]["Re-run near printed?"] == "yes (±0.0000)"
    assert "Not judged yet" in hook.misses("en") and "`09_2`" in hook.misses("en")
    assert "`08_3`" not in hook.misses("en")
    assert len(plot_reproduction(list(rows.values())).axes[0].patches) == 4  # 2 printed + 2 corrected


def test_the_verdict_shows_its_band_and_a_band_too_wide_decides_nothing(tmp_path, hook, monkeypatch):
    runs = {  # printed 0.8944 for all; the seeds decide mean and std
        "09_1": (0.8940, 0.8944, 0.8948),  # near, band ±0.0008: yes
        "09_2": (0.70, 0.90, 0.95),  # near only thanks to a ±0.26 band: too wide to say
        "09_3": (0.50, 0.60, 0.55),  # far, even with its ±0.10 band: no
    }
    for lab, accuracies in runs.items():
        for seed, accuracy in enumerate(accuracies, start=1):
            write(tmp_path / "reproduce", f"{lab}-{seed}.json", record(f"{lab}_as_written", seed, accuracy))
    monkeypatch.setattr(hook, "RESULTS", tmp_path)
    rows = {r["lab"]: r for r in summarize_reproduction(read_records(tmp_path / "reproduce"))}
    assert [rows[lab]["decided"] for lab in runs] == [True, False, True]
    assert rows["09_2"]["near"] is True and rows["09_2"]["tolerance"] > WIDE_BAND
    header = hook.TEXT["en"]["reproduce"]
    verdict = {row[0]: row[header.index("Re-run near printed?")] for row in body_rows(hook.reproduce_table("en"))}
    band = {lab: f"{rows[lab]['tolerance']:.4f}" for lab in runs}
    assert verdict == {
        "09_1": f"yes (±{band['09_1']})",
        "09_2": f"? (±{band['09_2']})",
        "09_3": f"no (±{band['09_3']})",
    }
    ko = body_rows(hook.reproduce_table("ko"))
    assert [row[header.index("Re-run near printed?")] for row in ko] == [
        f"예 (±{band['09_1']})",
        f"? (±{band['09_2']})",
        f"아니요 (±{band['09_3']})",
    ]


def test_prose_values_and_checks_come_from_the_records(tmp_path, hook, monkeypatch):
    for seed, (at_255, at_1) in enumerate(((0.88, 0.899), (0.89, 0.900), (0.90, 0.901), (0.86, 0.900)), start=1):
        write(
            tmp_path / "reproduce",
            f"w{seed}.json",
            record("09_1_as_written", seed, at_255, test_accuracy_scaled=at_1, final_loss=0.3 + seed / 100),
        )
    for seed in (1, 2, 3):
        write(tmp_path / "reproduce", f"c{seed}.json", record("09_1", seed, 0.9, test_accuracy_unscaled=0.88))
    monkeypatch.setattr(hook, "RESULTS", tmp_path)
    text = (
        "n=<!-- results:value:seeds('09_1_as_written') -->, fewest <!-- results:value:fewest_seeds() -->, "
        "more <!-- results:value:more_seeds() -->, "
        "ratio <!-- results:value:f\"{spread_ratio('09_1_as_written'):.1f}\" -->, "
        "loss <!-- results:value:f\"{max(run('09_1_as_written')['final_losses']):.2f}\" -->."
        "<!-- results:check:all(a < row('09_1')['original'] + 0.1 for a in run('09_1_as_written')['accuracies']) -->"
    )
    ratio = statistics.stdev([0.88, 0.89, 0.90, 0.86]) / statistics.stdev([0.899, 0.900, 0.901, 0.900])
    out = hook.on_page_markdown(
        text, page("results.en.md", "en"), None, SimpleNamespace(get_file_from_path=lambda p: None)
    )
    assert out == f"n=4, fewest 3, more `09_1`, ratio {ratio:.1f}, loss 0.34."
    with pytest.raises(SiteError, match=r"results.en.md: the records .* contradict .*check:seeds\('09_1'\) > 3"):
        hook.fill_expressions("<!-- results:check:seeds('09_1') > 3 -->", "results.en.md")
    with pytest.raises(
        SiteError, match=r"x.md: <!-- results:value:seeds\('09_9'\) -->: no full-data or XOR records of '09_9'"
    ):
        hook.fill_expressions("<!-- results:value:seeds('09_9') -->", "x.md")
    with pytest.raises(SiteError, match=r"x.md: <!-- results:value:nope\(\) --> failed: NameError"):
        hook.fill_expressions("<!-- results:value:nope() -->", "x.md")
    with pytest.raises(SiteError, match=r"results:value:run\('09_1'\)\['accuracies'\] --> is a list: format it"):
        hook.fill_expressions("<!-- results:value:run('09_1')['accuracies'] -->", "x.md")
    with pytest.raises(SiteError, match=r"spread_ratio\('09_1'\): the seeds agree exactly on 0-1 test images"):
        hook.fill_expressions("<!-- results:value:spread_ratio('09_1') -->", "x.md")


def test_table_refuses_a_row_of_the_wrong_width(hook):
    assert hook._table(["a", "b"], [["1", "x|y"]], name="demo").splitlines()[-1] == r"| 1 | x\|y |"
    with pytest.raises(SiteError, match=r"demo: row \['1', '2', '3'\] has 3 cells under 2 headers"):
        hook._table(["a", "b"], [["1", "2"], ["1", "2", "3"]], name="demo")
    with pytest.raises(SiteError, match="row"):
        hook._table(["a", "b"], [["1"]])


def page(src_uri, locale):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=locale))


def test_lab_marker_renders_one_lab_and_links_the_results_page(tmp_path, hook, monkeypatch):
    for seed, accuracy in ((1, 0.97), (2, 0.98)):
        write(tmp_path / "reproduce", f"09_7-{seed}.json", record("09_7", seed, accuracy, original=0.8196))
        write(tmp_path / "reproduce", f"09_7w-{seed}.json", record("09_7_as_written", seed, 0.8, original=0.8196))
    monkeypatch.setattr(hook, "RESULTS", tmp_path)
    files = SimpleNamespace(get_file_from_path=lambda path: None)
    markdown = "Before.\n\n<!-- results:lab:09_7 -->\n\nAfter.\n"
    out = hook.on_page_markdown(markdown, page("labs/selu.en.md", "en"), None, files)
    header = hook.TEXT["en"]["reproduce"][: -hook.DETAILS]
    assert "| " + " | ".join(header) + " |" in out and "Commit" not in out
    (row,) = body_rows(out)
    assert row[0] == "09_7" and row[header.index("Re-run near printed?")] == "no (±0.0000)"
    assert "[Reproducing the original labs](../results.md)" in out and "Recorded on cpu, 2026-11-26" in out
    out = hook.on_page_markdown("<!-- results:lab:09_7 -->", page("labs/selu.ko.md", "ko"), None, files)
    assert "](../results.md)" in out and "아니요 (±0.0000)" in body_rows(out)[0]
    out = hook.on_page_markdown("<!-- results:lab:09_3 -->", page("labs/weight-init.ko.md", "ko"), None, files)
    assert out.startswith("실습 9-3의 재현 기록은 아직 없습니다") and "--labs 09_3,09_3_as_written" in out
    out = hook.on_page_markdown("<!-- results:lab:08_2 -->", page("labs/xor-mlp.en.md", "en"), None, files)
    assert "No reproduction records for Lab 8-2 yet" in out and "--labs 08_2`" in out
    with pytest.raises(SiteError, match="unknown marker <!-- results:reproduce-table -->"):
        hook.on_page_markdown("<!-- results:reproduce-table -->", page("index.en.md", "en"), None, files)


def test_bench_rows_and_bad_json(tmp_path):
    write(
        tmp_path,
        "09_1-cpu.json",
        {
            "lab": "09_1",
            "data": "full",
            "n_train": 60000,
            "device": "cpu",
            "threads": 2,
            "ratio": 10.0,
            "fit_vs_floor": 0.9,
            "samples_per_s": {"original": 1, "fit": 10, "floor": 11},
        },
    )
    assert summarize_bench(read_records(tmp_path))[0]["fit"] == 10
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(RecordError, match="broken.json is not valid JSON"):
        read_records(tmp_path)
    with pytest.raises(ValueError, match="broken.json is not valid JSON"):  # a RecordError is a ValueError
        load_records(tmp_path)
    assert load_records(tmp_path / "missing") == [] and read_records(tmp_path / "missing") == []


def test_committed_records_cover_three_seeds_per_mnist_lab():
    from dnn_guide.experiments import EXPERIMENTS, ExperimentKind, corrected_id

    summary = summarize_reproduction(read_records(ROOT / "docs" / "results" / "reproduce"))
    rows = {r["lab"]: r for r in summary if r["data"] == "full"}
    for lab, experiment in EXPERIMENTS.items():
        if experiment.kind is ExperimentKind.XOR:
            continue
        runs = rows[corrected_id(lab)]["as_written" if experiment.as_written else "corrected"]
        assert runs is not None and runs["seeds"] >= 3, lab


SPEEDS = {"samples_per_s": {"original": 1.0, "fit": 2.0, "floor": 2.0}}


def test_prose_names_seeds_printed_costs_loss_spread_and_bench_noise(tmp_path, hook, monkeypatch):
    for seed in (1, 2, 3):
        write(tmp_path / "reproduce", f"c{seed}.json", record("09_1", seed, 0.9, final_loss=0.40))
        write(tmp_path / "reproduce", f"d{seed}.json", record("09_2", seed, 0.9, original=0.9423))
    for seed in (1, 2, 3, 4, 5):
        write(
            tmp_path / "reproduce", f"w{seed}.json", record("09_1_as_written", seed, 0.88, final_loss=0.3 + seed / 10)
        )
    for lab, fit_vs_floor in (("09_1", 0.9), ("09_2", 1.053), ("09_3", 1.004)):  # 1.004 shows as 1.00: not above
        write(
            tmp_path / "bench",
            f"{lab}.json",
            {**record(lab, 1, 0.9), "fit_vs_floor": fit_vs_floor, "ratio": 2.0, **SPEEDS},
        )
    monkeypatch.setattr(hook, "RESULTS", tmp_path)
    fill = hook.fill_expressions
    assert fill('<!-- results:value:",".join(str(s) for s in base_seeds()) -->', "x.md") == "1,2,3"
    assert fill('<!-- results:value:",".join(extra_runs()) -->', "x.md") == "09_1_as_written"
    assert fill('<!-- results:value:",".join(str(s) for s in extra_seeds()) -->', "x.md") == "4,5"
    assert fill("<!-- results:value:printed_cost('09_1') -->", "x.md") == "0.396514893"  # lab-09_1's last avg_cost
    assert fill("<!-- results:value:printed_cost('09_2_as_written') -->", "x.md") == "0.751341939"
    assert fill("<!-- results:value:f\"{loss_spread('09_1_as_written'):.2f}\" -->", "x.md") == f"{0.8 / 0.4:.2f}"
    assert fill("<!-- results:value:fit_above_floor() -->", "x.md") == "`09_2`: 1.05"
    with pytest.raises(SiteError, match=r"printed_cost\('09_6'\): dnn_guide.experiments records no printed cost"):
        fill("<!-- results:value:printed_cost('09_6') -->", "x.md")
    write(tmp_path / "reproduce", "d4.json", record("09_2", 4, 0.9, original=0.9423))  # extra seeds 4 vs 4, 5
    with pytest.raises(SiteError, match="do not share one set of extra seeds"):
        fill('<!-- results:value:",".join(str(s) for s in extra_seeds()) -->', "x.md")


def test_a_band_wider_than_one_point_decides_nothing_and_old_device_names_read_as_new(tmp_path):
    for seed, accuracy in enumerate((0.890, 0.8944, 0.902), start=1):  # std 0.006: band ±0.012, near
        device = "CPU AMD EPYC (1 threads)" if seed == 1 else "CPU AMD EPYC (1 thread)"
        write(tmp_path, f"{seed}.json", record("09_1_as_written", seed, accuracy, device=device))
    (row,) = summarize_reproduction(read_records(tmp_path))
    assert row["near"] is True and row["tolerance"] > WIDE_BAND and row["decided"] is False
    assert row["device"] == "CPU AMD EPYC (1 thread)"  # the oldest records' "(1 threads)" and the new spelling
    write(
        tmp_path / "bench",
        "b.json",
        {**record("09_1", 1, 0.9, device="CPU X (12 threads)"), "ratio": 1.0, "fit_vs_floor": 1.0, **SPEEDS},
    )
    assert summarize_bench(read_records(tmp_path / "bench"))[0]["device"] == "CPU X (12 threads)"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_commands_on_the_results_page_make_exactly_the_committed_records(hook, lang):
    from dnn_guide.experiments import EXPERIMENTS

    files = SimpleNamespace(get_file_from_path=lambda path: None)
    markdown = (ROOT / "docs" / f"results.{lang}.md").read_text(encoding="utf-8")
    out = hook.on_page_markdown(markdown, page(f"results.{lang}.md", lang), None, files)
    made = set()
    for labs, seeds in re.findall(r"^dnn-guide reproduce --labs (\S+) --seeds (\S+) ", out, re.M):
        ids = list(EXPERIMENTS) if labs == "all" else labs.split(",")
        made |= {(id, int(seed)) for id in ids for seed in seeds.split(",")}
    committed = {(r.experiment, r.seed) for r in read_records(ROOT / "docs" / "results" / "reproduce")}
    assert made == committed
