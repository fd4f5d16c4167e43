import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("languages_hook", ROOT / "docs" / "_hooks" / "languages.py")
languages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(languages)


def test_course_terms_are_split_out_of_korean_compounds():
    assert languages.segment_korean("인공신경망입니다") == "인공\u200b신경망\u200b입니다"
    assert languages.segment_korean("배치정규화와 역전파") == "배치\u200b정규화\u200b와 역전파"
    assert languages.segment_korean("perceptron 신경망") == "perceptron 신경망"  # whole words stay whole


def test_english_in_parentheses_is_split_from_the_korean_around_it():
    assert languages.segment_korean("역전파(backpropagation)는") == "역전파\u200b(backpropagation)\u200b는"
    assert languages.segment_korean("f(x) (x는)") == "f(x) (x는)"  # no Korean next to a parenthesis


def test_korean_terms_come_from_the_glossary():
    assert "역전파" in languages.KOREAN_TERMS and "소실" in languages.KOREAN_TERMS  # from 기울기 소실


def test_index_split_by_language_prefix():
    index = {"config": {"lang": ["ko"]}, "docs": [{"location": ""}, {"location": "en/labs/x/"}, {"location": "labs/"}]}
    ko, en = languages.split_index(index, "en/")
    assert [d["location"] for d in ko["docs"]] == ["", "labs/"]
    assert [d["location"] for d in en["docs"]] == ["labs/x/"]
    assert ko["config"] == en["config"] == index["config"]
