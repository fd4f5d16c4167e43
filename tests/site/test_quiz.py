"""The "check yourself" quizzes (docs/_hooks/sitecore/quiz.py, the hook docs/_hooks/quiz.py, docs/javascripts/quiz.js,
docs/stylesheets/quiz.css).

The parser and renderer are tested on their own; then a tiny copy of the project with one lab that has a
multiple-choice and a number quiz (the number an inline value from the lab's run) is built strictly and
answered in chromium, keyboard only, at 375 px, right and wrong, in both languages. A malformed quiz fails
the build naming the lab and the quiz.
"""

import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest
from sitecore import quiz

from tests.site.browser import SHOTS, serve, watch
from tests.site.conftest import build_site, write_lab

LAB = "quiz-lab"
PREFIX = {"ko": "", "en": "en/"}

CHOICE_KO = """```quiz
id: hidden-layer
section: 모델 만들기
question: 은닉층을 더하면 무엇이 **달라집니까**?
- [ ] 아무것도 달라지지 않는다
    은닉층이 활성화 함수와 함께 입력을 새 좌표로 옮깁니다.
- [x] 결정 경계가 휠 수 있다
    은닉층의 새 좌표에서는 직선이 원래 평면에서 곡선이 됩니다.
```"""

CHOICE_EN = """```quiz
id: hidden-layer
section: Building the model
question: What **changes** when a hidden layer is added?
- [ ] Nothing changes
    With an activation, the hidden layer moves the inputs to new coordinates.
- [x] The decision boundary can bend
    A line in the hidden layer's coordinates is a curve in the original plane.
```"""

NUMBER_KO = """```quiz
id: parameters
section: 모델 만들기
question: 이 모델의 파라미터는 모두 몇 개입니까?
answer: `{python} n_params`
right: 가중치 2×3개와 편향 3개입니다.
wrong: 가중치와 편향을 함께 세어 보세요.
```"""

NUMBER_EN = """```quiz
id: parameters
section: Building the model
question: How many parameters does this model have?
answer: `{python} n_params`
right: 2×3 weights and 3 biases.
wrong: Count the weights and the biases together.
```"""


def lab_body(ko_quizzes: str, en_quizzes: str) -> str:
    """A lab with a heading, one code cell (``n_params``, printed) and a cell of quizzes per language."""

    def cell(text: str) -> str:
        return "\n".join(f"# {line}".rstrip() for line in text.split("\n"))

    intro_ko = "퀴즈가 있는 작은 실습입니다.\n\n## 모델 만들기\n\n입력 2개, 출력 3개인 층 하나입니다."
    intro_en = "A small lab with quizzes.\n\n## Building the model\n\nOne layer with 2 inputs and 3 outputs."
    return f"""# %% [markdown] lang="ko"
{cell(intro_ko)}

# %% [markdown] lang="en" ko="0"
{cell(intro_en)}

# %%
n_params = 2 * 3 + 3
print("parameters:", n_params)

# %% [markdown] lang="ko"
{cell("## 확인 문제" + chr(10) * 2 + ko_quizzes)}

# %% [markdown] lang="en" ko="0"
{cell("## Check yourself" + chr(10) * 2 + en_quizzes)}
"""


def renderer() -> "quiz.Renderer":
    return quiz.Renderer(markdown.Markdown(extensions=["attr_list"]))


# ------------------------------------------------------------------------------------------------ the parser


def test_a_choice_quiz_is_parsed_with_its_right_choice_and_feedback():
    (found,) = quiz.quizzes(CHOICE_KO, "labs/x.py (ko)")
    assert found.id == "hidden-layer" and found.section == "모델 만들기" and found.kind == "choice"
    assert [c.right for c in found.choices] == [False, True]
    assert found.choices[1].why == "은닉층의 새 좌표에서는 직선이 원래 평면에서 곡선이 됩니다."


def test_a_number_quiz_keeps_its_answer_and_multi_line_feedback():
    body = "id: n\nsection: S\nquestion: Q\nanswer: 1,024\ntolerance: 0.5\nright: first line\n  second line\nwrong: W"
    found = quiz.parse(body, "page.md")
    assert (found.kind, found.answer, found.tolerance) == ("number", "1,024", "0.5")
    assert found.right == "first line\nsecond line"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("id: q\nsection: S\nquestion: Q\n- [ ] a\n    why\n- [ ] b\n    why", "no right answer: mark the right"),
        ("id: q\nsection: S\nquestion: Q\n- [x] a\n    why\n- [x] b\n    why", "choices 1, 2 are all marked"),
        ("id: q\nsection: S\nquestion: Q\n- [x] a\n    why\n- [ ] b", "choice 2 ('b') has no feedback"),
        ("id: q\nsection: S\nquestion: Q\n- [x] a\n    why", "at least two choices"),
        ("id: q\nsection: S\nquestion: Q\n- [x] a\n    w\n- [ ] b\n    w\nanswer: 2", "`answer:` belongs to a number"),
        ("id: q\nsection: S\nquestion: Q\nright: R\nwrong: W", "no right answer: give choices"),
        ("id: q\nsection: S\nquestion: Q\nanswer: 93.0%\nright: R\nwrong: W", "`answer: 93.0%` is not a number"),
        ("id: q\nsection: S\nquestion: Q\nanswer: 3\nright: R", "`wrong:` is missing"),
        ("id: q\nsection: S\nquestion: Q\nanswer: 3\ntolerance: -1\nright: R\nwrong: W", "must not be negative"),
        ("id: q\nquestion: Q\nanswer: 3\nright: R\nwrong: W", "`section:` is missing"),
        ("section: S\nquestion: Q\nanswer: 3\nright: R\nwrong: W", "a quiz has no `id:`"),
        ("id: Big Name\nsection: S", "a quiz has id 'Big Name'"),
        ("id: q\nid: r", "`id:` is given twice"),
        ("id: q\nhint: no such key", "line 2 'hint: no such key' is not `key: text`"),
    ],
)
def test_a_malformed_quiz_is_named_with_what_to_fix(body, message):
    with pytest.raises(quiz.QuizError, match=re.escape(message)) as raised:
        quiz.parse(body, "labs/x.py (en)")
    assert str(raised.value).startswith("labs/x.py (en)")
    if "id: q\n" in body and "id: r" not in body:
        assert "labs/x.py (en), quiz 'q': " in str(raised.value)


def test_two_quizzes_of_a_page_with_one_id_fail():
    with pytest.raises(quiz.QuizError, match="two quizzes have the id 'hidden-layer'"):
        quiz.quizzes(CHOICE_KO + "\n\n" + CHOICE_KO, "labs/x.py (ko)")


def test_the_languages_of_a_lab_must_agree():
    ko = quiz.quizzes(CHOICE_KO + "\n\n" + NUMBER_KO, "ko")
    en = quiz.quizzes(CHOICE_EN + "\n\n" + NUMBER_EN, "en")
    quiz.check_languages({"ko": ko, "en": en}, "labs/x.py")
    with pytest.raises(quiz.QuizError, match="labs/x.py, quiz 'parameters': it has no en version"):
        quiz.check_languages({"ko": ko, "en": en[:1]}, "labs/x.py")
    with pytest.raises(quiz.QuizError, match="quiz 'parameters': it has no ko version"):
        quiz.check_languages({"ko": ko[:1], "en": en}, "labs/x.py")
    with pytest.raises(quiz.QuizError, match="another order"):
        quiz.check_languages({"ko": ko, "en": en[::-1]}, "labs/x.py")
    moved = quiz.quizzes(CHOICE_EN.replace("- [ ] Nothing", "- [x] Nothing").replace("- [x] The", "- [ ] The"), "en")
    with pytest.raises(quiz.QuizError, match="quiz 'hidden-layer': ko and en differ in .* right choice"):
        quiz.check_languages({"ko": ko[:1], "en": moved}, "labs/x.py")


def test_a_lab_source_is_checked_in_every_language(tmp_path):
    tmp_path = tmp_path / "labs"
    good = write_lab(tmp_path, "good", lab_body(CHOICE_KO + "\n\n" + NUMBER_KO, CHOICE_EN + "\n\n" + NUMBER_EN))
    quiz.check_lab_source(good)
    missing = write_lab(tmp_path, "missing", lab_body(CHOICE_KO + "\n\n" + NUMBER_KO, CHOICE_EN))
    with pytest.raises(quiz.QuizError, match=r"labs/missing.py, quiz 'parameters': it has no en version"):
        quiz.check_lab_source(missing)
    no_why = CHOICE_EN.replace("    A line in the hidden layer's coordinates is a curve in the original plane.\n", "")
    bad = write_lab(tmp_path, "bad", lab_body(CHOICE_KO, no_why))
    with pytest.raises(quiz.QuizError, match=r"labs/bad.py \(en\), quiz 'hidden-layer': choice 2 .* no feedback"):
        quiz.check_lab_source(bad)


# ---------------------------------------------------------------------------------------------- the renderer


def test_a_choice_quiz_becomes_a_fieldset_of_radio_inputs_with_feedback_in_its_language():
    html = quiz.render_page("Before.\n\n" + CHOICE_KO + "\n\nAfter.", "ko", renderer(), "ko")
    assert html.startswith("Before.\n\n") and html.endswith("\n\nAfter.") and "```" not in html
    assert '<legend class="quiz__question">은닉층을 더하면 무엇이 <strong>달라집니까</strong>?</legend>' in html
    radios = re.findall(r'<input type="radio" name="quiz-hidden-layer" id="(quiz-hidden-layer-\d)" value="\d">', html)
    assert radios == ["quiz-hidden-layer-0", "quiz-hidden-layer-1"]
    assert all(f'<label for="{r}">' in html for r in radios)
    assert 'data-quiz-kind="choice" data-quiz-answer="1"' in html
    assert '<div class="quiz__feedback" role="status" aria-live="polite"></div>' in html
    assert '<button type="submit" class="md-button quiz__check">확인</button>' in html
    assert 'data-quiz-right="맞습니다."' in html and 'data-quiz-wrong="아닙니다."' in html
    assert '<div class="quiz__why" data-choice="0"><p>은닉층이 활성화 함수와' in html
    english = quiz.render_page(CHOICE_EN, "en", renderer(), "en")
    assert ">Check</button>" in english and 'data-quiz-right="Right."' in english


def test_a_number_quiz_has_a_labelled_text_input_and_its_answer():
    html = quiz.render_page(NUMBER_EN.replace("`{python} n_params`", "9"), "en", renderer(), "en")
    assert '<label class="quiz__label" for="quiz-parameters-answer">Your answer (a number)</label>' in html
    assert 'inputmode="decimal"' in html and 'id="quiz-parameters-answer"' in html
    assert 'data-quiz-kind="number" data-quiz-answer="9" data-quiz-tolerance="0"' in html
    assert '<div class="quiz__why" data-choice="wrong"><p>Count the weights' in html


class Heading:
    def __init__(self, title, id, children=()):
        self.title, self.id, self.children = title, id, list(children)


def test_the_section_link_points_at_the_heading_it_names():
    html = quiz.render_page(CHOICE_KO, "ko", renderer(), "ko")
    toc = [Heading("실습", "lab", [Heading("모델 만들기", "모델-만들기")])]
    linked = quiz.link_sections(html, toc, "labs/x.py (ko)")
    assert '<a class="quiz__section" href="#모델-만들기">모델 만들기</a>' in linked
    with pytest.raises(quiz.QuizError, match=r"labs/x.py \(ko\), quiz 'hidden-layer': `section: 모델 만들기` is no"):
        quiz.link_sections(html, [Heading("다른 제목", "other")], "labs/x.py (ko)")


def test_links_inside_a_question_or_a_choice_are_unwrapped_and_the_feedback_keeps_its_own():
    html = quiz.render_page(CHOICE_KO, "ko", renderer(), "ko")
    glossary = '<a class="glossary-term" href="../glossary/#hidden" title="t">은닉층</a>'
    linked = html.replace("은닉층을 더하면", glossary + "을 더하면").replace("은닉층이 활성화", glossary + "이 활성화")
    assert linked.count("glossary-term") == 2
    unlinked = quiz.unlink_controls(linked)
    assert '<legend class="quiz__question">은닉층을 더하면' in unlinked
    assert unlinked.count("glossary-term") == 1 and '<div class="quiz__why" data-choice="0"><p><a class=' in unlinked


def test_a_notebook_gets_the_questions_with_the_answers_folded_away():
    number = NUMBER_EN.replace("`{python} n_params`", "9")
    text = quiz.notebook_markdown("Intro.\n\n" + CHOICE_EN + "\n\n" + number, "en", "labs/x.py (en)")
    assert "```" not in text and text.startswith("Intro.\n\n**Check yourself:** What **changes** when")
    assert "1. Nothing changes\n2. The decision boundary can bend\n\n<details><summary>Show the answer" in text
    assert "1. **Not quite.** With an activation" in text and "2. **Right.** A line in the hidden" in text
    assert "Answer: **9**\n\n2×3 weights and 3 biases." in text and "Read again: Building the model" in text
    assert text.count("<details>") == text.count("</details>") == 2
    korean = quiz.notebook_markdown(CHOICE_KO, "ko", "labs/x.py (ko)")
    assert korean.startswith("**스스로 확인하기:**") and "<summary>답과 설명 보기</summary>" in korean


# ------------------------------------------------------------------------------------------- the built lab


@pytest.fixture(scope="module")
def built(tiny_site, tmp_path_factory) -> Path:
    """The tiny site with one lab that has a choice quiz and a number quiz, built strictly."""
    project = tmp_path_factory.mktemp("quiz-project")
    shutil.copytree(tiny_site, project, symlinks=True, dirs_exist_ok=True)
    ko, en = CHOICE_KO + "\n\n" + NUMBER_KO, CHOICE_EN + "\n\n" + NUMBER_EN
    write_lab(project / "docs" / "labs", LAB, lab_body(ko, en), order=30, title_ko="퀴즈 실습", title_en="Quiz lab")
    out = tmp_path_factory.mktemp("quiz-site")
    build = build_site(project, out)
    assert build.returncode == 0, build.stdout + build.stderr
    return out


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_built_page_has_both_quizzes_linked_to_their_section(built, lang):
    page = unescape((built / PREFIX[lang] / "labs" / LAB / "index.html").read_text(encoding="utf-8"))
    assert page.count('<div class="quiz" id="quiz-') == 2 and "```quiz" not in page
    assert 'data-quiz-kind="number" data-quiz-answer="9"' in page  # the inline value, from the run
    heading = {"ko": "모델-만들기", "en": "building-the-model"}[lang]
    assert f'<h2 id="{heading}">' in page
    assert page.count(f'<a class="quiz__section" href="#{heading}">') == 2
    assert "quiz.js" in page and "quiz.css" in page


def test_a_malformed_quiz_fails_the_build_naming_the_lab_and_the_quiz(tiny_site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(tiny_site, project, symlinks=True)
    no_right = CHOICE_EN.replace("- [x]", "- [ ]")
    write_lab(project / "docs" / "labs", LAB, lab_body(CHOICE_KO, no_right), order=30)
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "labs/quiz-lab.py (en), quiz 'hidden-layer': no right answer" in build.stdout + build.stderr


# ---------------------------------------------------------------------------------------------- the browser

WORDS = {
    "ko": {"right": "맞습니다.", "wrong": "아닙니다.", "why_right": "직선이 원래 평면에서 곡선",
           "why_wrong": "새 좌표로", "number_right": "가중치 2×3개", "number_wrong": "함께 세어",
           "section": "모델 만들기"},
    "en": {"right": "Right.", "wrong": "Not quite.", "why_right": "is a curve in the original plane",
           "why_wrong": "moves the inputs", "number_right": "2×3 weights", "number_wrong": "Count the weights",
           "section": "Building the model"},
}  # fmt: skip


@pytest.fixture(scope="module")
def phone(built, browser):
    """A 375 px wide phone on the built quiz site, every request watched."""
    with serve(built) as address:
        context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
        page = watch(context.new_page(), address)
        page.address = address
        yield page
        context.close()


def feedback(page, quiz_id: str) -> str:
    region = page.locator(f"#quiz-{quiz_id} .quiz__feedback")
    page.wait_for_function(f"() => document.querySelector('#quiz-{quiz_id} .quiz__feedback .quiz__verdict')")
    assert region.get_attribute("aria-live") == "polite"
    return region.inner_text()


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate(f"() => document.activeElement && document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus with Tab")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_answers_by_keyboard_at_375_px_get_feedback_in_the_page_language(phone, lang):
    page, words = phone, WORDS[lang]
    page.goto(f"{page.address}/{PREFIX[lang]}labs/{LAB}/")
    page.locator(".quiz").first.scroll_into_view_if_needed()
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    box = page.locator("#quiz-hidden-layer").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375

    # Start at the heading's permalink just above the quizzes; from there only the keyboard.
    page.locator("h2:has(+ .quiz) a.headerlink, h2 + .quiz").first.evaluate("e => e.focus()")
    tab_to(page, "#quiz-hidden-layer input[type=radio]")
    focused = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "the focused choice shows its focus"
    page.keyboard.press("Space")  # the first choice: wrong
    tab_to(page, "#quiz-hidden-layer button")
    page.keyboard.press("Enter")
    text = feedback(page, "hidden-layer")
    assert text.startswith(words["wrong"]) and words["why_wrong"] in text and words["section"] in text
    assert words["why_right"] not in text
    page.keyboard.press("Shift+Tab")  # back to the radio group; the arrow key picks the next (right) choice
    page.keyboard.press("ArrowDown")
    assert page.locator("#quiz-hidden-layer-1").is_checked()
    tab_to(page, "#quiz-hidden-layer button")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelector('#quiz-hidden-layer .quiz__verdict')?.textContent === {words['right']!r}"
    )
    text = feedback(page, "hidden-layer")
    assert words["why_right"] in text and words["why_wrong"] not in text

    # The number quiz: type, press Enter in the field (the form submits), wrong then right.
    tab_to(page, "#quiz-parameters input.quiz__number")
    page.keyboard.type("6")
    page.keyboard.press("Enter")
    text = feedback(page, "parameters")
    assert text.startswith(words["wrong"]) and words["number_wrong"] in text
    page.keyboard.press("Control+A")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelector('#quiz-parameters .quiz__verdict')?.textContent === {words['right']!r}"
    )
    text = feedback(page, "parameters")
    assert words["number_right"] in text and words["number_wrong"] not in text

    # The section link of the feedback leads to the heading it names.
    link = page.locator("#quiz-parameters .quiz__feedback a.quiz__section")
    target = link.get_attribute("href")
    assert page.locator(target).inner_text().strip().startswith(words["section"])
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.outside == [] and page.missing == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#quiz-hidden-layer").screenshot(path=SHOTS / f"quiz-phone-{lang}.png")
