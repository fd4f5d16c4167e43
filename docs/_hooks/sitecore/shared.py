"""What every hook needs: the paths, the languages, a page's language, the atomic write, the error type,
and the interface strings of every hook, one table per language."""

from __future__ import annotations

from pathlib import Path

from dnn_guide.files import write_atomic  # noqa: F401  (the one atomic write, shared with the package)

try:  # under MkDocs a failure is a PluginError (MkDocs prints it without a traceback); the parts run without it
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover - only without MkDocs installed
    _Base = Exception

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
LAB_DIR = DOCS / "labs"
PACKAGE_DIR = ROOT / "dnn_guide"
CACHE_DIR = ROOT / ".cache"
LANGS = ("ko", "en")  # Korean first: the default language, at the site's root


class SiteError(_Base):
    """The one error type of the site's hooks: a source, a lab run or a page could not be built."""


def config_language(config) -> str:
    """The language MkDocs is building now (mkdocs-static-i18n builds one language after the other)."""
    i18n = config.plugins.get("i18n") if config is not None else None
    return i18n.current_language if i18n else LANGS[0]


def page_language(page) -> str | None:
    """A page's language from its source name (``x.ko.md``, ``x.en.md``), or None for a page of neither."""
    suffixes = Path(page.file.src_uri).suffixes
    lang = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else None
    return lang if lang in LANGS else None


#: The words the hooks put on pages and into downloads, per language (the pages' prose is in the sources).
UI = {
    "ko": {
        "downloads": "이 실습 내려받기: [노트북 (.ipynb)]({nb}){{ download }} · [파이썬 스크립트 (.py)]({py}){{ download }}"
        " · [모든 실습의 노트북과 스크립트 (.zip)]({zip}){{ download }}",
        "launch": "온라인에서 실행하기: [Colab에서 열기]({colab}) · [Kaggle에서 열기]({kaggle})"
        " · [SageMaker Studio Lab에서 열기]({sagemaker})",
        "ask_report": "이 실습에 대해: [질문하기]({ask}) · [이 페이지의 문제 알리기]({report})",
        "lecture_links": "원래 강좌의 강의 자료(원래 저장소 README의 링크): [슬라이드]({slides}) · [YouTube 영상]({videos})",
        "lecture_title": " · 이 실습에 해당하는 강의: {lecture}",
        "ask_body": "실습 페이지: {page}\n\n질문:\n",
        "report_body": "페이지: {page}\n언어: {language}\n사이트를 빌드한 커밋: {commit}\n\n"
        "무엇이 잘못되었나요? 기대한 것과 실제로 본 것을 적어 주세요.\n",
        "install_comment": "# 이 노트북에 맞는 dnn-guide {version}이 없으면 설치합니다 (이미 있으면 아무 일도 하지 않습니다).",
        "script_header": "# {title}: dnn-guide 실습을 파이썬 스크립트로 옮긴 것입니다. 페이지에 보이는 출력과 표를 그대로 출력합니다.\n"
        "# 필요한 패키지 설치: pip install dnn-guide=={version}",
        "language_name": "Korean",
        "solution": "풀이 (빌드에서 실행해 확인한 답)",
        "run_note": (
            '!!! info "이 페이지가 실행된 환경"\n    이 페이지의 출력과 그림은 사이트 빌드가 {date}에 {device}에서 torch {torch},'
            " dnn_guide {dnn_guide}로 코드를 실행해 얻은 것입니다. MNIST를 쓰는 부분은 패키지에 든 표본(학습 6,000장 /"
            " 테스트 1,000장)을 썼습니다. 전체 데이터로 원래 설정을 재현한 결과는 [결과 재현](../results.md)에 있습니다."
        ),
        "running": (
            '!!! note "실습을 실행하는 중입니다"\n    `mkdocs serve`가 이 실습의 코드를 뒤에서 실행하고 있습니다. 실행이 끝나면'
            " 이 페이지가 저절로 다시 읽혀 출력과 그림이 나타납니다."
        ),
        "failed": '!!! failure "실습을 실행하지 못했습니다"\n    {error}',
        "index_header": ["번호", "실습", "내용"],
        "glossary_lab": "처음 나오는 실습",
        "results": {
            "reproduce": [
                "실습",
                "모델 (원래 → 고친 버전)",
                "원래 노트북이 출력한 값",
                "원래 코드 재실행 (평균 ± 표준편차)",
                "원래 코드 시드별",
                "같은 모델, 테스트 이미지 0–1",
                "고친 버전 (평균 ± 표준편차)",
                "고친 버전 시드별",
                "같은 모델, 테스트 이미지 0–255",
                "재실행이 출력값에 가까운가?",
                "장치",
                "날짜",
                "커밋",
            ],
            "bench": [
                "실습",
                "모델",
                "원래 루프 (샘플/초)",
                "fit (샘플/초)",
                "최소 학습 루프 (샘플/초)",
                "fit ÷ 원래",
                "fit ÷ 최소 학습 루프",
                "장치",
                "스레드",
            ],
            "none": "아직 기록이 없습니다. `{command}` 명령으로 만드세요.",
            "yes": "예",
            "no": "아니요",
            "test_rows": "테스트 이미지 {n:,}장",
            "lab_name": "실습 {number}",
            "no_bn": " (배치 정규화 없음)",
            "lab_note": "기록한 장치와 날짜: {device}, {date}. 판정 규칙과 모든 실습의 결과는 "
            "[원래 실습 결과 재현하기]({link})에 있습니다.",
            "lab_none": "{name}의 재현 기록은 아직 없습니다. "
            "`dnn-guide reproduce --labs {labs}` 명령으로 만들 수 있습니다.",
            "miss": "- **{name}** (`{lab}`): 출력값 {printed}, 재실행 {mean} ± {std}(시드 {seeds}개). 출력값과의 차이: "
            "{difference} {direction}. 규칙이 허용하는 차이({tolerance})보다 큽니다.",
            "lower": "낮음",
            "higher": "높음",
            "no_misses": "모든 실습의 재실행이 원래 노트북이 출력한 값 근처에 있습니다.",
            "pending": "아직 판정하지 않은 실습(원래 코드 재실행 기록이 없음): {labs}.",
        },
    },
    "en": {
        "downloads": "Download this lab: [notebook (.ipynb)]({nb}){{ download }} · [Python script (.py)]({py}){{ download }}"
        " · [every lab's notebook and script (.zip)]({zip}){{ download }}",
        "launch": "Run it online: [Open in Colab]({colab}) · [Open in Kaggle]({kaggle})"
        " · [Open in SageMaker Studio Lab]({sagemaker})",
        "ask_report": "About this lab: [Ask a question]({ask}) · [Report a problem with this page]({report})",
        "lecture_links": "The original course's lecture material (the original repository README's links): "
        "[slides]({slides}) · [videos on YouTube]({videos})",
        "lecture_title": " · this lab's lecture: {lecture}",
        "ask_body": "Lab page: {page}\n\nQuestion:\n",
        "report_body": "Page: {page}\nLanguage: {language}\nCommit the site was built from: {commit}\n\n"
        "What is wrong? Please write what you expected and what you saw.\n",
        "install_comment": "# Installs dnn-guide {version}, which this notebook needs, unless it is already there "
        "(then it does nothing).",
        "script_header": "# {title}: a dnn-guide lab as a Python script. It prints the outputs and tables of the page.\n"
        "# Install what it needs: pip install dnn-guide=={version}",
        "language_name": "English",
        "solution": "Solution (run and checked when the site was built)",
        "run_note": (
            '!!! info "Where this page ran"\n    The outputs and figures on this page come from the site build running its code'
            " on {date} on {device} with torch {torch} and dnn_guide {dnn_guide}. Where it uses MNIST, that is the sample"
            " shipped in the package (6,000 train / 1,000 test images). Full-data results at the original settings are"
            " on the [reproduction](../results.md) page."
        ),
        "running": (
            '!!! note "This lab is running"\n    `mkdocs serve` is executing this lab\'s code in the background. When it'
            " is done, this page reloads by itself with the outputs and figures."
        ),
        "failed": '!!! failure "This lab failed to run"\n    {error}',
        "index_header": ["No.", "Lab", "What it shows"],
        "glossary_lab": "Introduced in",
        "results": {
            "reproduce": [
                "Lab",
                "Model (original → corrected)",
                "Printed by the original notebook",
                "Original code re-run (mean ± std)",
                "Original code per seed",
                "Same models, test images 0–1",
                "Corrected version (mean ± std)",
                "Corrected per seed",
                "Same models, test images 0–255",
                "Re-run near printed?",
                "Device",
                "Date",
                "Commit",
            ],
            "bench": [
                "Lab",
                "Model",
                "Original loop (samples/s)",
                "fit (samples/s)",
                "Bare loop (samples/s)",
                "fit ÷ original",
                "fit ÷ bare loop",
                "Device",
                "Threads",
            ],
            "none": "No records yet. Make them with `{command}`.",
            "yes": "yes",
            "no": "no",
            "test_rows": "{n:,} test images",
            "lab_name": "Lab {number}",
            "no_bn": " without batch normalization",
            "lab_note": "Recorded on {device}, {date}. The rule for “near” and every lab's results: "
            "[Reproducing the original labs]({link}).",
            "lab_none": "No reproduction records for {name} yet. Make them with `dnn-guide reproduce --labs {labs}`.",
            "miss": "- **{name}** (`{lab}`): printed {printed}; the re-run gives {mean} ± {std} over {seeds} seeds, "
            "{difference} {direction}, more than the {tolerance} the rule allows.",
            "lower": "lower",
            "higher": "higher",
            "no_misses": "Every lab's re-run lands near the value its original notebook printed.",
            "pending": "Not judged yet (no re-run of the original code recorded): {labs}.",
        },
    },
}
