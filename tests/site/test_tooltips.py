"""Glossary at a glance: a glossary link's title is its entry's definition in the page's language
(docs/_hooks/glossary.py), which Material's ``content.tooltips`` shows on hover and on keyboard focus."""

import html
import re
from html.parser import HTMLParser

import pytest

from tests.site.browser import LABS
from tests.site.conftest import load_hook

pytestmark = pytest.mark.site

glossary = load_hook("glossary")
BY_ANCHOR = {glossary.anchor(term): term for term in glossary.TERMS}
LINK = re.compile(r'<a class="glossary-term" href="[^"#]*#([\w-]+)" title="([^"]*)">')


def test_a_link_is_titled_with_the_definition_in_the_pages_language():
    bce = next(t for t in glossary.TERMS if "`nn.BCELoss`" in t.en_def)
    xavier = next(t for t in glossary.TERMS if "&" in t.en_def)
    text = f"<p>{bce.ko}와 {xavier.ko}</p>"
    titles = {
        anchor: html.unescape(title) for anchor, title in LINK.findall(glossary.link_first_uses(text, "ko", "g/"))
    }
    assert titles == {glossary.anchor(bce): bce.ko_def.replace("`", ""), glossary.anchor(xavier): xavier.ko_def}
    english = glossary.link_first_uses(f"<p>{bce.en} and {xavier.en}</p>", "en", "g/")
    assert "&amp;" in english and "`" not in english  # an attribute HTML reads back as the text: & escaped
    titles = {anchor: html.unescape(title) for anchor, title in LINK.findall(english)}
    assert titles == {glossary.anchor(bce): bce.en_def.replace("`", ""), glossary.anchor(xavier): xavier.en_def}


class Links(HTMLParser):
    """The glossary links of a page: (anchor, title) as a browser reads them."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("class") == "glossary-term":
            self.found.append((attrs["href"].split("#")[1], attrs.get("title")))


@pytest.mark.parametrize(("prefix", "lang"), [("", "ko"), ("en/", "en")])
def test_every_glossary_link_carries_its_entrys_definition(site, prefix, lang):
    counted = 0
    for lab in LABS:
        parser = Links()
        parser.feed((site / prefix / "labs" / lab / "index.html").read_text(encoding="utf-8"))
        assert parser.found, lab
        for anchor, title in parser.found:
            assert title == glossary.definition(BY_ANCHOR[anchor], lang), (lab, anchor)
        counted += len(parser.found)
    assert counted >= 11 * 10


TOOLTIP = """a => { const tip = document.getElementById(a.getAttribute("aria-describedby") || "");
  if (!tip) return null;
  const box = tip.querySelector(".md-tooltip2__inner").getBoundingClientRect();
  const shown = tip.classList.contains("md-tooltip2--active") && getComputedStyle(tip).opacity === "1"
                && box.width > 0 && box.height > 0;
  return {role: tip.getAttribute("role"), text: tip.textContent.trim(), shown}; }"""


def shown_tooltip(page, link) -> str:
    """Wait until Material shows the tooltip it made for ``link`` (aria-describedby); its text."""
    page.wait_for_function(f"a => ({TOOLTIP})(a)?.shown", arg=link.element_handle(), timeout=5_000)
    tip = page.evaluate(TOOLTIP, link.element_handle())
    assert tip["role"] == "tooltip"
    return tip["text"]


def definition_of(link, lang: str) -> str:
    return glossary.definition(BY_ANCHOR[link.get_attribute("href").split("#")[1]], lang)


@pytest.mark.parametrize(("prefix", "lang"), [("", "ko"), ("/en", "en")])
def test_definition_shows_on_hover_and_keyboard_focus(page, server, prefix, lang):
    page.goto(f"{server}{prefix}/labs/backprop/")
    page.wait_for_load_state("load")
    links = page.locator("article a.glossary-term")
    first, second = links.nth(0), links.nth(1)
    expected = definition_of(first, lang)
    assert re.search("[가-힣]", expected) if lang == "ko" else not re.search("[가-힣]", expected)

    first.hover()
    assert shown_tooltip(page, first) == expected
    page.mouse.move(1, 1)
    page.wait_for_function(f"a => !({TOOLTIP})(a)?.shown", arg=first.element_handle(), timeout=5_000)

    # the keyboard: Tab from the link before it
    first.evaluate("a => { const all = [...document.querySelectorAll('article a')]; all[all.indexOf(a) - 1].focus(); }")
    for _ in range(5):
        page.keyboard.press("Tab")
        if first.evaluate("a => document.activeElement === a"):
            break
    assert first.evaluate("a => a.matches(':focus-visible')")
    assert shown_tooltip(page, first) == expected
    # Tab on to the next glossary link: its own definition shows, the first one's goes
    second.focus()
    assert shown_tooltip(page, second) == definition_of(second, lang)
    assert not (page.evaluate(TOOLTIP, first.element_handle()) or {}).get("shown")  # gone, or hidden
