"""Every internal link and anchor of the built site resolves (Korean anchors included)."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

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
    first = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))[1]
    root_path = urlsplit(first).path  # the site_url's path: absolute links start with it
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
                if anchor not in pages.get(target, _parse(target)).ids:
                    broken.append(f"{page.relative_to(site.resolve())}: {href} (no anchor)")
    assert not broken, "\n".join(broken[:40])


def test_korean_anchor_links_are_checked(site):
    """The run above covers Korean fragments: a page links to a Korean heading id."""
    html = (site / "labs" / "backprop" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*#%[0-9A-F]{2}', html) or "#전체-mnist-쓰기" in html
