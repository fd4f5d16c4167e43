"""Lighthouse's accessibility audit of every lab page, Korean and English, on a built site.

    mkdocs build --strict --site-dir build/site
    (cd tests/site/node && npm ci)
    python -m tests.site.lighthouse build/site [LAB ...]

prints one line per page: its score (0-100) and the audits that failed, with the first elements each names.
Exits 1 when a page scores under 100. Lighthouse takes ~15 s a page, so the tests run it on one page
(tests/site/test_accessibility.py) and this command measures them all.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.site.browser import CHROMIUM, LABS, NODE_DIR, serve

LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"


def audit(url: str) -> tuple[int, list[str]]:
    """Lighthouse's accessibility score of ``url`` (0-100) and one line per failed audit."""
    run = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=accessibility",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM or ""},
    )
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} (exit {run.returncode}):\n{run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    failed = []
    for name, result in report["audits"].items():
        if result["scoreDisplayMode"] == "binary" and result["score"] == 0:
            items = result.get("details", {}).get("items", [])
            where = ", ".join(item.get("node", {}).get("selector", "?") for item in items[:3])
            failed.append(f"{name} ({len(items)}: {where})")
    return round(report["categories"]["accessibility"]["score"] * 100), failed


def main(site: Path, labs: list[str]) -> int:
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `npm ci` in {NODE_DIR}")
    if CHROMIUM is None:
        sys.exit("chromium not found (apt-get install chromium)")
    below = 0
    with serve(site) as server:
        for prefix in ("", "/en"):
            for lab in labs:
                score, failed = audit(f"{server}{prefix}/labs/{lab}/")
                below += score < 100
                print(f"{score:3d}  {prefix}/labs/{lab}/  {'; '.join(failed)}", flush=True)
    return 1 if below else 0


if __name__ == "__main__":
    if len(sys.argv) < 2 or not Path(sys.argv[1], "index.html").exists():
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:] or LABS))
