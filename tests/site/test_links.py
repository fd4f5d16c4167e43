"""Every internal link and anchor of the built site resolves (Korean anchors included); the links to the
repository and to Colab have the right form (checked without network)."""

import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[key])


def _parse(path):
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site, page, href, root_path):
    """The file a link points to (directory links mean index.html; absolute paths start at site_url)."""
    path = unquote(urlsplit(href).path)
    if path.startswith("/"):  # e.g. the 404 page, which must work at any depth
        target = (site / path.removeprefix(root_path)).resolve()
    else:
        target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def test_no_broken_internal_links_or_anchors(site):
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    root_path = min((urlsplit(loc).path for loc in locs), key=len)  # the site_url's path: the home page's
    pages = {page.resolve(): _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "data:", "javascript:")):
                continue
            target = _target(site.resolve(), page, href, root_path)
            if not target.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {href} (no file)")
            elif parts.fragment and target.suffix == ".html":
                anchor = unquote(parts.fragment)
                if anchor not in (pages[target] if target in pages else _parse(target)).ids:
                    broken.append(f"{page.relative_to(site.resolve())}: {href} (no anchor)")
    assert not broken, "\n".join(broken[:40])


def test_korean_anchor_links_are_checked(site):
    """The run above covers Korean fragments: a page links to a Korean heading id."""
    html = (site / "labs" / "backprop" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*#%[0-9A-F]{2}', html) or "#전체-mnist-쓰기" in html


def _mkdocs_env(name: str) -> str:
    """A setting of the site as built: its environment variable, else mkdocs.yml's default."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return os.environ.get(name) or re.search(rf'^\w+: !ENV \[{name}, "([^"]+)"\]', text, re.M)[1]


LAB_NAMES = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_lab_pages_link_colab_the_repository_and_the_lab_source(site, lang):
    """Format only, no network: each lab opens its own executed notebook from the notebooks branch in Colab."""
    repo_url, edit_uri = _mkdocs_env("REPO_URL").rstrip("/"), _mkdocs_env("EDIT_URI")
    owner_repo = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+)", repo_url)
    assert owner_repo, f"repo_url {repo_url!r} is not a GitHub repository URL"
    prefix = "" if lang == "ko" else "en/"
    for lab in LAB_NAMES:
        html = (site / prefix / "labs" / lab / "index.html").read_text(encoding="utf-8")
        colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', html)
        want = f"https://colab.research.google.com/github/{owner_repo[1]}/blob/notebooks/labs/{lab}.{lang}.ipynb"
        assert colab == [want], (lab, colab)
        assert (site / "labs" / f"{lab}.{lang}.ipynb").is_file()  # what the pages workflow pushes to that branch
        assert re.search(rf'<a href="{re.escape(repo_url)}/?" title="[^"]+" class="md-source">', html), lab
        assert 'data-md-component="source"' not in html  # no request to api.github.com for stars and forks
        edit = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', html)
        assert edit and edit[1] == f"{repo_url}/{edit_uri}labs/{lab}.py", (lab, edit and edit[1])  # the lab source


def test_every_page_links_the_repository(site):
    repo_url = _mkdocs_env("REPO_URL").rstrip("/")
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert f'<a href="{repo_url}' in html and 'class="md-source"' in html, page.relative_to(site)
