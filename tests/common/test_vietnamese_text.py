import unicodedata

import pytest
from modelsearch.query import Or, PlainText

from common.textsearch import vietnamese_query
from common.vietnamese import accented_keys, fold, search_companion, tone_key
from search.query import relaxed_groups, relaxed_minimum
from search.synonyms import abbreviations


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


def test_companion_carries_the_abbreviations_of_its_phrases():
    keys = search_companion("Ôn thi tốt nghiệp Trung học  phổ thông – học kỳ 1, kiểm tra").split()
    # Each abbreviation once; "học kỳ" is found in either spelling of "kì".
    assert keys[-4:] == ["thpt", "hk", "ktra", "kt"]
    assert search_companion("Sách giáo khoa Toán 10").endswith(" sgk")
    # Words that only look alike are not the phrase.
    assert "sgk" not in search_companion("sách giáo khoan")
    assert abbreviations("giao duc pho thong 2018") == ["gdpt"]


def test_relaxed_queries_need_most_words():
    assert [relaxed_minimum(n) for n in range(2, 8)] == [1, 2, 2, 3, 4, 4]
    groups = relaxed_groups(["a", "b", "c", "d", "e"])
    assert len(groups) == 10 and all(len(g) == 3 for g in groups)
