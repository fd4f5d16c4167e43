"""The GitHub Actions workflows (.github/workflows/): each is well formed, and each does what README says it
does. The shell that opens, updates or closes the weekly run's issue is run here against a stand-in ``gh``.
actionlint, where installed, checks them as GitHub would."""

import re
import shutil
import subprocess
import sys

import pytest
import tomllib
import yaml

from tests.conftest import ROOT
from tests.site.test_readme import TEST

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PERMISSION_SCOPES = {
    "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues",
    "models", "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
}  # fmt: skip


def load(name: str) -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def test_there_are_the_four_workflows():
    assert [w.name for w in WORKFLOWS] == ["notebooks.yml", "pages.yml", "release.yml", "test.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_well_formed(path):
    workflow = load(path.name)
    assert set(workflow) >= {"name", "on", "permissions", "jobs"}, "every workflow names its default permissions"
    assert workflow["permissions"] == {"contents": "read"}, "write access is granted per job"
    for name, job in workflow["jobs"].items():
        assert "runs-on" in job, name
        assert set(job.get("permissions", {})) <= PERMISSION_SCOPES, name
        needs = job.get("needs", [])
        assert set([needs] if isinstance(needs, str) else needs) <= set(workflow["jobs"]), name
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"{name}: a step either uses an action or runs a command"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[\w./-]+", step["uses"]), step["uses"]


def test_every_push_and_pull_request_runs_readmes_test_command():
    workflow = load("test.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    test = workflow["jobs"]["test"]
    assert TEST in [step.get("run") for step in steps(test)]
    assert "chromium" in runs(test) and "apt-get install" in runs(test)  # the browser tests fail without it


def test_oldest_job_runs_the_lower_bounds_of_pyproject(tmp_path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    oldest = load("test.yml")["jobs"]["oldest"]
    python = re.fullmatch(r">=(\d+\.\d+)", project["requires-python"])[1]
    assert oldest["container"] == f"python:{python}-trixie"
    # the job's pin script, run on this pyproject.toml: every dependency at its lower bound
    pin = next(step["run"] for step in steps(oldest) if "lowest.txt" in step.get("run", ""))
    script = pin.split("<<'EOF'\n", 1)[1].split("\nEOF\n", 1)[0]
    pins = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    expected = [re.sub(r"\s*>=\s*", "==", dependency) for dependency in project["dependencies"]]
    assert pins.stdout.split() == expected
    assert "torch==2.2" in expected  # the bound the job proves
    assert "-c lowest.txt torch torchvision" in runs(oldest) and "pytest tests/unit" in runs(oldest)


def test_weekly_job_runs_every_notebook_on_the_newest_torch_and_the_wheel():
    workflow = load("notebooks.yml")
    [schedule] = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()  # weekly
    jobs = workflow["jobs"]
    assert "python -m build" in runs(jobs["wheel"])
    assert any(step.get("with", {}).get("ref") == "notebooks" for step in steps(jobs["wheel"]))
    run = runs(jobs["run"])
    assert "pip install --upgrade torch torchvision" in run
    assert "pip install dist/*.whl" in run
    assert "jupyter nbconvert --to notebook --execute" in run
    assert jobs["run"]["strategy"]["fail-fast"] is False  # one broken lab does not hide the others
    report = jobs["report"]
    assert report["if"] == "always()" and report["permissions"]["issues"] == "write"


@pytest.fixture
def report(tmp_path):
    """The report job's script, run with a stand-in ``gh``: ``report(result, open_issue)`` gives the gh calls."""
    job = load("notebooks.yml")["jobs"]["report"]
    [step] = steps(job)
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(
        r"""#!/bin/bash
args="$*"
echo "${args//$'\n'/ }" >> "$GH_LOG"  # one line per call
case "$1 $2" in
  "issue list") echo "$OPEN_ISSUE" ;;
  "run view") echo "- run (xor-mlp.ko.ipynb)" ;;
esac
"""
    )
    fake.chmod(0o755)

    def run(result: str, open_issue: str = ""):
        log = tmp_path / f"gh-{result}-{open_issue}.log"
        env = {
            "PATH": f"{fake.parent}:/usr/bin:/bin",
            "GH_LOG": str(log),
            "OPEN_ISSUE": open_issue,
            "RESULT": result,
            "TITLE": job["env"]["TITLE"],
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "dnn-guide/dnn-guide",
            "GITHUB_RUN_ID": "42",
        }
        done = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return log.read_text().splitlines() if log.exists() else []

    return run


def test_a_failing_week_opens_one_issue_naming_the_failed_notebook(report):
    calls = report("failure")
    assert calls[0].startswith("issue list --state open")
    [create] = [call for call in calls if call.startswith("issue create")]
    assert "--title Weekly notebook run: a lab fails with the newest torch" in create
    assert "xor-mlp.ko.ipynb" in create and "https://github.com/dnn-guide/dnn-guide/actions/runs/42" in create


def test_a_failing_week_with_the_issue_open_comments_on_it(report):
    calls = report("failure", open_issue="7")
    assert calls[1].startswith("run view 42 --json jobs")  # the failed jobs' names
    assert [call.split(" --body")[0] for call in calls[2:]] == ["issue comment 7"]
    assert not any(call.startswith("issue create") for call in calls)


def test_a_green_week_closes_the_open_issue_and_otherwise_does_nothing(report):
    assert report("success", open_issue="7")[1:] == [
        "issue close 7 --comment Every notebook ran in https://github.com/dnn-guide/dnn-guide/actions/runs/42."
    ]
    assert report("success")[1:] == []


def test_pages_workflow_attaches_the_offline_site():
    build = load("pages.yml")["jobs"]["build"]
    [offline] = [step for step in steps(build) if step.get("env", {}).get("OFFLINE") == "true"]
    site_dir = offline["run"].split("--site-dir ")[1].strip()
    [upload] = [s for s in steps(build) if s.get("with", {}).get("name") == "dnn-guide-offline"]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"].rstrip("/") == site_dir


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint not installed (the test workflow runs it)")
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint(path):
    lint = subprocess.run(["actionlint", str(path)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
