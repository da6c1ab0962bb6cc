import unicodedata

import pytest
from modelsearch.query import Or, PlainText

from search.query import vietnamese_query
from search.vietnamese import accented_keys, fold, search_companion, tone_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Học liệu", "hoc lieu"),
        ("Đề kiểm tra", "de kiem tra"),
        ("ĐƯỜNG", "duong"),
        ("x² + 1", "x² + 1"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_tone_keys_treat_old_and_new_tone_placement_alike():
    assert tone_key("hoà") == tone_key("hòa") == "hoaf"
    assert tone_key("thuỷ") == tone_key("thủy") == "thuyr"
    assert tone_key("Đề") == "ddeef" and tone_key("để") == "ddeer"
    nfd = unicodedata.normalize("NFD", "Học liệu")
    assert tone_key(nfd) == tone_key("Học liệu") == "hocj lieeuj"


def test_companion_holds_folded_text_and_keys_of_accented_words_only():
    assert search_companion("Bài 1. Mệnh đề") == "bai 1 menh de baif meenhj ddeef"
    assert search_companion("Hệ thức Vi-ét") == "he thuc vi et heej thuwcs ets"
    assert accented_keys("Unit 1 Family life") == []


def test_query_unaccented_is_folded_plain_text():
    query = vietnamese_query("  De KIEM tra ")
    assert isinstance(query, PlainText) and query.query_string == "de kiem tra"


def test_query_accented_matches_exact_keys_or_folded_text():
    query = vietnamese_query(unicodedata.normalize("NFD", "Đề kiểm tra"))
    assert isinstance(query, Or)
    assert [q.query_string for q in query.subqueries] == ["ddeef kieemr tra", "de kiem tra"]
