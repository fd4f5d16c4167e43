"""The "check yourself" questions that answer at once in the page, in its language.

An author writes a quiz as a fenced block in a markdown cell of each language (CONTRIBUTING.md shows it):

    ```quiz
    id: hidden-layer
    section: 은닉층이 하는 일
    question: 퍼셉트론 하나가 XOR을 배우지 못하는 까닭은?
    - [ ] 학습률이 너무 작아서
        아닙니다. 학습률을 바꿔도 결정 경계는 직선 하나입니다.
    - [x] 네 점을 직선 하나로 나눌 수 없어서
        맞습니다. ...
    ```

or, for a number (``answer`` usually an inline value, `` `{python} expr` ``, filled in from the lab's run):

    ```quiz
    id: parameters
    section: 모델 만들기
    question: 이 모델의 파라미터는 모두 몇 개입니까?
    answer: `{python} n_params`
    tolerance: 0
    right: 맞습니다. ...
    wrong: 다시 세어 보세요. ...
    ```

The block becomes a form (a fieldset with a legend, real radio inputs or a labelled text input, a button and
an ``aria-live`` region) that ``docs/javascripts/quiz.js`` answers in the browser: no server, no request.
``section`` is the text of a heading of the page; each answer links to it. A malformed quiz fails the build
naming the lab (or page), the language and the quiz; a lab's quizzes must agree across its languages.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import NamedTuple

import markdown as markdown_lib

from . import source
from .shared import LANGS, SiteError
from .source import INLINE

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})quiz[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
KEYS = ("id", "section", "question", "answer", "tolerance", "right", "wrong")
_KEY = re.compile(rf"^({'|'.join(KEYS)}):(?:[ \t]+(.*))?$")
_CHOICE = re.compile(r"^- \[([ xX])\][ \t]+(.+)$")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_SECTION = re.compile(r'<a class="quiz__section" data-quiz-section="([^"]*)" data-quiz="([^"]*)">')

#: The words of the quiz interface, per language (the questions and answers are in the lab's prose).
WORDS = {
    "ko": {
        "check": "확인",
        "right": "맞습니다.",
        "wrong": "아닙니다.",
        "choose": "먼저 답을 고르세요.",
        "enter": "먼저 숫자를 입력하세요.",
        "not_number": "숫자로 입력하세요 (예: 12 또는 0.5).",
        "your_answer": "답 (숫자)",
        "read": "다시 읽기:",
        "label": "스스로 확인하기",
        "show": "답과 설명 보기",
        "answer": "답",
    },
    "en": {
        "check": "Check",
        "right": "Right.",
        "wrong": "Not quite.",
        "choose": "Choose an answer first.",
        "enter": "Type a number first.",
        "not_number": "Type a number (e.g. 12 or 0.5).",
        "your_answer": "Your answer (a number)",
        "read": "Read again:",
        "label": "Check yourself",
        "show": "Show the answer and why",
        "answer": "Answer",
    },
}


class QuizError(SiteError):
    """A quiz is malformed: the message names the lab or page, the language and the quiz."""


class Choice(NamedTuple):
    text: str
    right: bool
    why: str


class Quiz(NamedTuple):
    """One question: multiple choice (``choices``) or a number (``answer`` within ``tolerance``)."""

    id: str
    section: str
    question: str
    choices: tuple[Choice, ...] = ()
    answer: str | None = None  # the number as written (after inline values were filled in)
    tolerance: str = "0"
    right: str = ""
    wrong: str = ""

    @property
    def kind(self) -> str:
        return "choice" if self.choices else "number"

    def key(self) -> tuple:
        """What must be the same in every language: kind, the right choice's place, the answer."""
        right = tuple(i for i, choice in enumerate(self.choices) if choice.right)
        return self.kind, len(self.choices), right, self.answer, self.tolerance


# ------------------------------------------------------------------------------------------------ parsing


def _items(body: str, where: str) -> list[tuple[str, str, list[str]]]:
    """(kind, first line, continuation lines) of each item: a key (kind = its name) or a choice ("x" or " ")."""
    items: list[tuple[str, str, list[str]]] = []
    for number, line in enumerate(body.split("\n"), start=1):
        key, choice = _KEY.match(line), _CHOICE.match(line)
        if key:
            items.append((key[1], (key[2] or "").strip(), []))
        elif choice:
            items.append(("[" + choice[1].lower() + "]", choice[2].strip(), []))
        elif not line.strip() or line[:1] in (" ", "\t"):
            if items:
                items[-1][2].append(line)
            elif line.strip():
                raise QuizError(f"{where}: line {number} is indented but follows nothing: {line.strip()!r}")
        else:
            raise QuizError(
                f"{where}: line {number} {line!r} is not `key: text` ({', '.join(KEYS)}), a choice "
                "(`- [x] right text` or `- [ ] wrong text`) or an indented line continuing the one above"
            )
    return items


def _join(first: str, more: list[str]) -> str:
    """An item's text: its first line, then its indented lines with their common indentation removed."""
    cut = min((len(line) - len(line.lstrip()) for line in more if line.strip()), default=0)
    return "\n".join([first, *(line[cut:] for line in more)]).strip()


def parse(body: str, where: str) -> Quiz:
    """One quiz block's body; ``where`` names the lab or page and language for the errors."""
    fields: dict[str, str] = {}
    choices: list[Choice] = []
    named = re.search(r"^id:[ \t]*(\S+)[ \t]*$", body, re.M)  # a bad line is reported with its quiz's id
    for kind, first, more in _items(body, f"{where}, quiz {named[1]!r}" if named else where):
        if kind.startswith("["):
            text, why = first, _join("", more)
            choices.append(Choice(text=text, right=kind == "[x]", why=why))
        elif kind in fields:
            raise QuizError(f"{where}: `{kind}:` is given twice in one quiz")
        else:
            fields[kind] = _join(first, more)
    quiz_id = fields.get("id", "")
    if not _ID.fullmatch(quiz_id):
        shown = f"id {quiz_id!r}" if quiz_id else "no `id:`"
        raise QuizError(
            f"{where}: a quiz has {shown}: give each quiz `id: some-name` (lowercase letters, digits, hyphens)"
        )
    where = f"{where}, quiz {quiz_id!r}"
    for key in ("question", "section"):
        if not fields.get(key):
            raise QuizError(f"{where}: `{key}:` is missing or empty")
    quiz = Quiz(id=quiz_id, section=fields["section"], question=fields["question"])
    if choices:
        return _choice_quiz(quiz, fields, choices, where)
    return _number_quiz(quiz, fields, where)


def _choice_quiz(quiz: Quiz, fields: dict[str, str], choices: list[Choice], where: str) -> Quiz:
    extra = [key for key in ("answer", "tolerance", "right", "wrong") if key in fields]
    if extra:
        raise QuizError(
            f"{where}: a multiple-choice quiz marks its right choice `- [x]` and explains each choice under it; "
            f"`{extra[0]}:` belongs to a number question (remove it, or the choices)"
        )
    right = [i for i, choice in enumerate(choices) if choice.right]
    if len(choices) < 2:
        raise QuizError(f"{where}: give at least two choices (`- [x] ...` and `- [ ] ...`)")
    if not right:
        raise QuizError(f"{where}: no right answer: mark the right choice `- [x]`")
    if len(right) > 1:
        numbers = ", ".join(str(i + 1) for i in right)
        raise QuizError(f"{where}: choices {numbers} are all marked `- [x]`: mark exactly one right choice")
    for number, choice in enumerate(choices, start=1):
        if not choice.why:
            raise QuizError(
                f"{where}: choice {number} ({choice.text!r}) has no feedback: say why it is right or wrong "
                "on the indented lines under it"
            )
    return Quiz(id=quiz.id, section=quiz.section, question=quiz.question, choices=tuple(choices))


def _number(text: str, what: str, where: str) -> float:
    """The number ``text`` says; an inline value not yet filled in (a lab's source) passes as 0."""
    if INLINE.fullmatch(text):
        return 0.0
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise QuizError(
            f"{where}: `{what}: {text}` is not a number (write digits, e.g. 17 or 0.25, or an inline value "
            "`{python} expr` whose value is a plain number, not formatted as a percentage)"
        )
    return value


def _number_quiz(quiz: Quiz, fields: dict[str, str], where: str) -> Quiz:
    if "answer" not in fields:
        raise QuizError(f"{where}: no right answer: give choices (`- [x] ...`, `- [ ] ...`) or `answer: <number>`")
    _number(fields["answer"], "answer", where)
    tolerance = fields.get("tolerance", "0")
    if _number(tolerance, "tolerance", where) < 0:
        raise QuizError(f"{where}: `tolerance: {tolerance}` must not be negative")
    for key in ("right", "wrong"):
        if not fields.get(key):
            raise QuizError(f"{where}: `{key}:` is missing: a number question says why a {key} answer is {key}")
    return Quiz(
        id=quiz.id,
        section=quiz.section,
        question=quiz.question,
        answer=fields["answer"],
        tolerance=tolerance,
        right=fields["right"],
        wrong=fields["wrong"],
    )


def quizzes(markdown: str, where: str) -> list[Quiz]:
    """Every quiz of a page's (or a markdown cell's) Markdown, checked; ids unique."""
    return _unique([parse(match["body"], where) for match in FENCE.finditer(markdown)], where)


def _unique(found: list[Quiz], where: str) -> list[Quiz]:
    seen: set[str] = set()
    for quiz in found:
        if quiz.id in seen:
            raise QuizError(f"{where}: two quizzes have the id {quiz.id!r}: give each its own")
        seen.add(quiz.id)
    return found


def check_languages(by_language: dict[str, list[Quiz]], where: str) -> None:
    """A lab's quizzes agree across its languages: the same ids in the same order, each with the same kind,
    the same number of choices, the same right choice and the same answer."""
    first, *others = LANGS
    for lang in others:
        ids = {la: [quiz.id for quiz in by_language.get(la, [])] for la in (first, lang)}
        for quiz_id in ids[first]:
            if quiz_id not in ids[lang]:
                raise QuizError(f"{where}, quiz {quiz_id!r}: it has no {lang} version (write it in the {lang} cell)")
        for quiz_id in ids[lang]:
            if quiz_id not in ids[first]:
                raise QuizError(f"{where}, quiz {quiz_id!r}: it has no {first} version (write it in the {first} cell)")
        if ids[first] != ids[lang]:
            raise QuizError(f"{where}: the quizzes come in another order in {lang} ({ids[lang]}) than in {first}")
        for one, other in zip(by_language[first], by_language[lang]):
            if one.key() != other.key():
                raise QuizError(
                    f"{where}, quiz {one.id!r}: {first} and {lang} differ in kind, number of choices, right "
                    f"choice or answer ({first}: {one.key()}, {lang}: {other.key()})"
                )


def check_lab_source(path: Path) -> None:
    """Check the quizzes of a lab source (``docs/labs/<name>.py``) in every language, before inline values
    are filled in: each language's quizzes well formed, and the languages in agreement."""

    where = f"{path.parent.name}/{path.name}"
    by_language: dict[str, list[Quiz]] = {lang: [] for lang in LANGS}
    for cell in source.parse(path).cells:
        lang = cell.metadata.get("lang")
        if cell.cell_type == "markdown" and lang in by_language:
            by_language[lang] += quizzes(cell.source, f"{where} ({lang})")
    for lang, found in by_language.items():
        _unique(found, f"{where} ({lang})")
    check_languages(by_language, where)


# ---------------------------------------------------------------------------------------------- rendering


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


class Renderer:
    """Turns quizzes into HTML; ``inline`` renders a line of Markdown, ``block`` a passage."""

    def __init__(self, markdown: markdown_lib.Markdown):
        self._md = markdown

    def block(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def inline(self, text: str) -> str:
        out = self.block(text)
        return out[3:-4] if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1 else out

    def quiz(self, quiz: Quiz, lang: str) -> str:
        words, base = WORDS[lang], f"quiz-{quiz.id}"
        section = f'<a class="quiz__section" data-quiz-section="{_attr(quiz.section)}" data-quiz="{quiz.id}">'
        more = f'<p class="quiz__more">{words["read"]} {section}{html.escape(quiz.section)}</a></p>'
        if quiz.choices:
            right = next(i for i, choice in enumerate(quiz.choices) if choice.right)
            inputs = "\n".join(
                f'<div class="quiz__choice"><input type="radio" name="{base}" id="{base}-{i}" value="{i}">'
                f' <label for="{base}-{i}">{self.inline(choice.text)}</label></div>'
                for i, choice in enumerate(quiz.choices)
            )
            answers = "\n".join(
                f'<div class="quiz__why" data-choice="{i}">{self.block(choice.why)}</div>'
                for i, choice in enumerate(quiz.choices)
            )
            data = f'data-quiz-kind="choice" data-quiz-answer="{right}"'
        else:
            inputs = (
                f'<label class="quiz__label" for="{base}-answer">{words["your_answer"]}</label> '
                f'<input class="quiz__number" type="text" inputmode="decimal" autocomplete="off" '
                f'id="{base}-answer" name="{base}">'
            )
            answers = (
                f'<div class="quiz__why" data-choice="right">{self.block(quiz.right)}</div>\n'
                f'<div class="quiz__why" data-choice="wrong">{self.block(quiz.wrong)}</div>'
            )
            data = (
                f'data-quiz-kind="number" data-quiz-answer="{_attr(quiz.answer.replace(",", ""))}" '
                f'data-quiz-tolerance="{_attr(quiz.tolerance.replace(",", ""))}"'
            )
        messages = " ".join(
            f'data-quiz-{key.replace("_", "-")}="{_attr(words[key])}"'
            for key in ("right", "wrong", "choose", "enter", "not_number")
        )
        return (
            f'<div class="quiz" id="{base}" role="group" aria-label="{_attr(words["label"])}" {data} {messages}>\n'
            f'<form class="quiz__form">\n<fieldset>\n'
            f'<legend class="quiz__question">{self.inline(quiz.question)}</legend>\n{inputs}\n</fieldset>\n'
            f'<button type="submit" class="md-button quiz__check">{words["check"]}</button>\n</form>\n'
            f'<div class="quiz__feedback" role="status" aria-live="polite"></div>\n'
            f'<div class="quiz__answers" hidden>\n{answers}\n{more}\n</div>\n</div>'
        )


def render_page(markdown: str, lang: str, renderer: Renderer, where: str) -> str:
    """The page's Markdown with each quiz block replaced by its HTML (checked first: errors name ``where``)."""
    found = iter(quizzes(markdown, where))
    return FENCE.sub(lambda _: "\n" + renderer.quiz(next(found), lang) + "\n", markdown)


def _plain(text: str) -> str:
    """A heading's text as compared: entities decoded, no code or emphasis marks, whitespace collapsed."""
    return " ".join(html.unescape(text).replace("`", "").replace("*", "").split())


def _titles(toc) -> dict[str, str]:
    """Heading text (see :func:`_plain`) -> its id, for every heading of a page's table of contents."""
    out: dict[str, str] = {}
    for item in toc:
        out.setdefault(_plain(item.title), item.id)
        out.update({k: v for k, v in _titles(item.children).items() if k not in out})
    return out


def link_sections(content: str, toc, where: str) -> str:
    """Point each quiz's "read again" link at the heading its ``section:`` names (a missing one fails)."""
    titles = _titles(toc)

    def link(match: re.Match) -> str:
        wanted = _plain(match[1])
        if wanted not in titles:
            raise QuizError(
                f"{where}, quiz {match[2]!r}: `section: {wanted}` is no heading of the page; "
                f"its headings are: {', '.join(repr(t) for t in titles) or '(none)'}"
            )
        return f'<a class="quiz__section" href="#{_attr(titles[wanted])}">'

    return _SECTION.sub(link, content)


_CONTROL_TEXT = re.compile(r'(<legend class="quiz__question">|<label for="quiz-[^"]*">)(.*?)(</legend>|</label>)', re.S)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)


def unlink_controls(content: str) -> str:
    """No link inside a question or a choice (the glossary links a term's first use): a click on a choice's
    text must pick the choice, and a choice must not hold a second tab stop."""
    return _CONTROL_TEXT.sub(lambda m: m[1] + _LINK.sub(r"\1", m[2]) + m[3], content)


def _notebook_quiz(quiz: Quiz, lang: str) -> str:
    """One quiz as plain Markdown for a notebook: the question, its choices, and the answers folded away."""
    words = WORDS[lang]
    if quiz.choices:
        asked = "\n".join(f"{i}. {choice.text}" for i, choice in enumerate(quiz.choices, start=1))
        told = "\n\n".join(
            f"{i}. **{words['right'] if choice.right else words['wrong']}** {choice.why}"
            for i, choice in enumerate(quiz.choices, start=1)
        )
    else:
        asked = ""
        told = f"{words['answer']}: **{quiz.answer}**\n\n{quiz.right}"
    more = f"{words['read']} {quiz.section}"
    return (
        f"**{words['label']}:** {quiz.question}\n\n{asked}\n\n"
        f"<details><summary>{words['show']}</summary>\n\n{told}\n\n{more}\n\n</details>"
    ).replace("\n\n\n\n", "\n\n")


def notebook_markdown(markdown: str, lang: str, where: str) -> str:
    """A markdown cell's quizzes as plain Markdown for the notebook downloads (Jupyter has no quiz script):
    the question and choices, then the right answer and every choice's feedback in a folded block."""
    found = iter(quizzes(markdown, where))
    return FENCE.sub(lambda _: _notebook_quiz(next(found), lang), markdown)
