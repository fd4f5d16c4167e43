from tests.conftest import ROOT

SERVE = 'pip install -e ".[docs]" && mkdocs serve'
TEST = 'pip install -e ".[test]" && pytest'


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```bash\n{SERVE}\n```" in readme
    assert f"```bash\n{TEST}\n```" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert TEST in ci, ".ci/run must run README's test command verbatim"
