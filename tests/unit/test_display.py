import pytest

from dnn_guide import Table


def test_markdown_and_text():
    table = Table(["gate", "p"], [["AND", 0.25], ["OR", 1]])
    assert table._repr_markdown_() == "| gate | p |\n|---|---|\n| AND | 0.2500 |\n| OR | 1 |"
    assert str(table) == "gate  p\nAND   0.2500\nOR    1"


def test_row_length_must_match_header():
    with pytest.raises(ValueError, match="row 1 has 1 values but the header has 2"):
        Table(["a", "b"], [[1, 2], [3]])


def test_show_source_is_the_real_code():
    from dnn_guide import seed_everything, show_source

    shown = show_source(seed_everything)
    assert str(shown).startswith("def seed_everything(")
    assert shown._repr_markdown_().startswith("```python\ndef seed_everything(")
    with pytest.raises(ValueError, match="no source code"):
        show_source(3)
