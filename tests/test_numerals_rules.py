"""numerals_rules: numeral values and the quantity pattern built from numerals_zh.yaml."""
from __future__ import annotations

from analysis.extract import numerals_rules as nr


def test_quantity_pattern_reads_cue_words_from_the_lexicon():
    prefix, suffix, trailing = nr.cue_tables()
    assert prefix["超过"] == "at_least" and prefix["约"] == "approx"
    assert suffix["多"] == "at_least" and trailing["左右"] == "approx"
    m = nr.quantity_re().fullmatch("超过70多")
    assert m is not None and nr.from_match(m) == nr.Quantity(70, None, "at_least")


def test_longer_cue_words_win():
    m = nr.quantity_re().match("将近三千")
    assert m.group("pre") == "将近" and nr.from_match(m) == nr.Quantity(3000, None, "approx")


def test_value_is_the_same_function_numerals_exports():
    from analysis.extract import numerals

    assert numerals.value is nr.value and numerals.NUMERAL == nr.NUMERAL
