"""The preview's reading kept for the save (question_bank.import_reading): through the import
job's two tasks the file is parsed once, the save still checks everything and applies the
teacher's choices; other bytes, a cache that is down or a file over the limit are read again."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache

from question_bank import import_reading
from question_bank.importing import ImportBlocked, build_preview, import_commit
from question_bank.models import Question
from tests.question_bank.import_edit.helpers import confirm, upload

pytestmark = pytest.mark.django_db

GIFT = """::tốt 1:: Thủ đô của Việt Nam là {=Hà Nội ~Huế ~Đà Nẵng}

::không đáp án:: Số nguyên tố nhỏ nhất là {~1 ~2 ~3}

::tốt 2:: Nước sôi ở 100 độ C. {T}
""".encode()


@pytest.fixture
def parses(monkeypatch):
    """Each call of the real parser, by file name."""
    calls: list[str] = []
    real = import_reading.parse_file

    def counted(filename, data, *, files=None):
        calls.append(filename)
        return real(filename, data, files=files)

    monkeypatch.setattr(import_reading, "parse_file", counted)
    return calls


@pytest.fixture
def key():
    """A key of this test's own (the cache may be the services' Redis, shared across tests:
    never cleared here)."""
    name = f"test:import-reading:{uuid.uuid4()}"
    yield name
    cache.delete(name)


def test_through_the_job_the_file_is_read_once_and_the_teachers_choice_still_holds(
    client, teacher_bank, parses, django_capture_on_commit_callbacks
):
    teacher, bank = teacher_bank
    client.force_login(teacher)
    job = upload(client, bank, GIFT, django_capture_on_commit_callbacks, name="de.gift.txt")
    assert parses == ["de.gift.txt"]
    assert cache.get(import_reading.job_key(job)) is not None
    confirm(client, job, ["Dòng 3 (“không đáp án”)"], django_capture_on_commit_callbacks)
    assert parses == ["de.gift.txt"]  # the save took the preview's reading
    assert sorted(Question.objects.values_list("stem", flat=True)) == [
        "Nước sôi ở 100 độ C.",
        "Thủ đô của Việt Nam là",
    ]
    assert cache.get(import_reading.job_key(job)) is None  # forgotten once saved


def test_the_kept_reading_is_checked_again_at_the_save(teacher_bank, parses, key):
    teacher, bank = teacher_bank
    build_preview("de.gift.txt", GIFT, bank, teacher, reading_key=key)
    with pytest.raises(ImportBlocked) as blocked:  # the broken question is not left out
        import_commit("de.gift.txt", GIFT, bank, teacher, reading_key=key)
    assert any("Dòng 3" in p for p in blocked.value.problems)
    assert parses == ["de.gift.txt"] and not Question.objects.exists()


def test_other_bytes_under_the_same_key_are_read_again(teacher_bank, parses, key):
    teacher, bank = teacher_bank
    build_preview("de.gift.txt", GIFT, bank, teacher, reading_key=key)
    other = GIFT.replace("Hà Nội".encode(), "Thăng Long".encode())
    summary = import_commit(
        "de.gift.txt", other, bank, teacher, reading_key=key, leave_out=["Dòng 3 (“không đáp án”)"]
    )
    assert parses == ["de.gift.txt", "de.gift.txt"] and summary.created == 2
    assert Question.objects.filter(choices__text="Thăng Long").exists()


def test_a_cache_that_is_down_costs_only_a_second_reading(teacher_bank, parses, key, monkeypatch):
    teacher, bank = teacher_bank

    class Down:  # a Redis that does not answer, for this module only
        def __getattr__(self, name):
            def down(*args, **kwargs):
                raise ConnectionError("redis down")

            return down

    monkeypatch.setattr(import_reading, "cache", Down())
    preview, _ = build_preview("de.gift.txt", GIFT, bank, teacher, reading_key=key)
    assert preview.total == 2
    summary = import_commit(
        "de.gift.txt", GIFT, bank, teacher, reading_key=key, leave_out=["Dòng 3 (“không đáp án”)"]
    )
    assert summary.created == 2 and parses == ["de.gift.txt", "de.gift.txt"]


def test_a_file_over_the_limit_is_never_kept(teacher_bank, parses, key, monkeypatch):
    teacher, bank = teacher_bank
    monkeypatch.setattr(import_reading, "MAX_BYTES", len(GIFT) - 1)
    build_preview("de.gift.txt", GIFT, bank, teacher, reading_key=key)
    assert cache.get(key) is None
    import_commit(
        "de.gift.txt", GIFT, bank, teacher, reading_key=key, leave_out=["Dòng 3 (“không đáp án”)"]
    )
    assert parses == ["de.gift.txt", "de.gift.txt"]


def test_without_a_key_nothing_is_kept(teacher_bank, parses):
    teacher, bank = teacher_bank
    build_preview("de.gift.txt", GIFT, bank, teacher)
    import_commit("de.gift.txt", GIFT, bank, teacher, leave_out=["Dòng 3 (“không đáp án”)"])
    assert parses == ["de.gift.txt", "de.gift.txt"]
