"""Every image on a built lab page has alt text in the page's language."""

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import ROOT

HANGUL = re.compile("[가-힣]")


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def article_images(page):
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parser = _Images()
    parser.feed(article)
    return parser.alts


@pytest.mark.site
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_image_on_a_lab_page_has_alt_text_in_its_language(site, prefix):
    labs = sorted(p.stem for p in (ROOT / "docs" / "labs").glob("*.py"))
    count = 0
    for lab in labs:
        for alt in article_images(site / prefix / "labs" / lab / "index.html"):
            count += 1
            assert alt and alt.strip(), f"{prefix}labs/{lab}: an <img> without alt text"
            if prefix:
                assert not HANGUL.search(alt), f"{prefix}labs/{lab}: Korean in English alt text: {alt}"
            else:
                assert HANGUL.search(alt), f"labs/{lab}: alt text without Korean: {alt}"
    assert count > 0
