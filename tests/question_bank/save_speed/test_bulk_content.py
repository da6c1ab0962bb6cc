"""The fast bulk save writes the rows the old path wrote: the revision content built from a
plan of the model's fields equals modelcluster's ``serializable_data()`` for every question
type, and the rows of a mixed set (every type, tags, a stimulus group, approved or
submitted) equal those the old path (``serializable_data()`` content, ``bulk_update``)
writes for the same questions."""

import pytest
from wagtail.models import ModelLogEntry, Revision

from accounts.models import Role, User
from question_bank import bulk, services
from question_bank.formats.base import Blank, Choice, ParsedGroup, ParsedQuestion, QType
from question_bank.models import Choice as ChoiceRow
from question_bank.models import Question, QuestionTag, QuestionVersion
from tests.question_bank.factories import make_bank

pytestmark = pytest.mark.django_db

VOLATILE = {"pk", "created_at", "updated_at", "latest_revision", "live_revision", "content_object",
            "question", "tag", "id", "latest_revision_id", "live_revision_id", "question_id",
            "first_published_at", "last_published_at"}  # fmt: skip


def _mixed(stimulus_key: str = "g") -> list[ParsedQuestion]:
    c = Choice
    return [
        ParsedQuestion(QType.SINGLE_CHOICE, "<p>Đạo hàm của \\(x^2\\)</p>", part=1, level="biet",
                       choices=[c("2x", True, feedback="<p>Đúng</p>"), c("x"), c("2", fixed=True)],
                       tags=["Đạo hàm", "lop-12"], solution="<p>Vì vậy.</p>", points=0.25),
        ParsedQuestion(QType.TRUE_FALSE, "<p>Xét các mệnh đề</p>", part=2, level="hieu",
                       choices=[c("a", True), c("b"), c("c", True), c("d")], tags=["Đạo hàm"]),
        ParsedQuestion(QType.SHORT_NUMERIC, "<p>Tính</p>", part=3, numeric_answer="-1,5",
                       tolerance=0.05, difficulty=0.4),
        ParsedQuestion(QType.MULTIPLE_RESPONSE, "<p>Chọn các số chẵn</p>",
                       choices=[c("2", True, fraction=0.5), c("4", True, fraction=0.5),
                                c("3", fraction=-1)]),
        ParsedQuestion(QType.SHORT_TEXT, "<p>Thủ đô</p>", case_sensitive=True,
                       choices=[c("Hà Nội", True)], general_feedback="<p>Nhận xét</p>"),
        ParsedQuestion(QType.ESSAY, "<p>Trình bày</p>", marking_guide="<p>0,5 điểm</p>",
                       tags=["tu-luan"]),
        ParsedQuestion(QType.CLOZE, "<p>H = {{1}}, O = {{2}}</p>",
                       blanks=[Blank("numeric", [c("1", True)], tolerance=0.1),
                               Blank("choice", [c("16", True), c("8")], points=2)]),
        ParsedQuestion(QType.MATCHING, "<p>Ghép</p>",
                       choices=[c("Na", match="11"), c("Mg", match="12"), c("", match="13")]),
        ParsedQuestion(QType.ORDERING, "<p>Sắp xếp</p>", choices=[c("1"), c("2"), c("3")],
                       keep_option_order=True),
        ParsedQuestion(QType.SINGLE_CHOICE, "<p>Theo đoạn văn</p>", group=stimulus_key,
                       choices=[c("A", True), c("B")], tags=["Đọc hiểu"]),
    ]  # fmt: skip


def _build(bank, user, stimulus):
    lookup = services.Lookup(bank)
    out = []
    for p in _mixed():
        out.append(
            services.question_build(
                parsed=p, bank=bank, author=user, lookup=lookup,
                stimulus=stimulus if p.group else None,
            )
        )  # fmt: skip
    return out


@pytest.fixture
def teacher():
    return User.objects.create_user("gv.nhanh", role=Role.TEACHER, full_name="GV")


def _old_path(monkeypatch):
    """The save as it was: modelcluster's serialisation, Django's bulk_create (not COPY)
    and bulk_update."""
    monkeypatch.setattr(bulk, "revision_content", lambda q, rows: q.serializable_data())
    monkeypatch.setattr(bulk, "insert", lambda model, objs: model.objects.bulk_create(objs))

    def bulk_update(questions, fields):
        Question.objects.bulk_update(questions, fields, batch_size=500)

    monkeypatch.setattr(bulk, "questions_update", bulk_update)


def _strip(data):
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def _rows(bank) -> list[dict]:
    """Every row the save wrote for the bank's questions, without ids and times."""
    out = []
    for q in Question.objects.filter(bank=bank).order_by("pk"):
        revision = Revision.objects.get(pk=q.latest_revision_id)
        version = QuestionVersion.objects.filter(question=q).values(
            "number", "data", "content_hash"
        )
        out.append(
            {
                "question": _strip({f.attname: getattr(q, f.attname) for f in Question._meta.fields} | {"bank_id": None}),
                "live_is_latest": q.live_revision_id in (None, q.latest_revision_id),
                "choices": _strip(list(ChoiceRow.objects.filter(question=q).order_by("sort_order").values())),
                "tags": sorted(QuestionTag.objects.filter(content_object=q).values_list("tag__name", flat=True)),
                "revision": _strip(revision.content) | {"bank": None},
                "revision_str": revision.object_str,
                "versions": [v | {"data": _strip(v["data"])} for v in version],
                "log": list(ModelLogEntry.objects.filter(object_id=str(q.pk), content_type__model="question")
                            .values_list("action", "label", "data", "user_id", "content_changed", "deleted")),
            }
        )  # fmt: skip
    return out


@pytest.mark.parametrize("mode", ["draft", "approve", "submit"])
def test_rows_equal_the_old_path(teacher, monkeypatch, mode):
    if mode == "submit":
        from wagtail.models import Workflow

        if not Workflow.objects.filter(active=True).exists():
            pytest.skip("no active review workflow in this database")
    kwargs = {"approve": mode == "approve", "submit": mode == "submit", "index": False}
    fast_bank, old_bank = make_bank(teacher, name="Nhanh"), make_bank(teacher, name="Cũ")
    stim_fast = services.stimulus_create(
        group=ParsedGroup("g", "<p>Văn</p>", "Đoạn"), bank=fast_bank, user=teacher
    )
    stim_old = services.stimulus_create(
        group=ParsedGroup("g", "<p>Văn</p>", "Đoạn"), bank=old_bank, user=teacher
    )
    services.questions_bulk_save(
        questions=_build(fast_bank, teacher, stim_fast), user=teacher, **kwargs
    )
    with monkeypatch.context() as m:
        _old_path(m)
        services.questions_bulk_save(
            questions=_build(old_bank, teacher, stim_old), user=teacher, **kwargs
        )
    fast, old = _rows(fast_bank), _rows(old_bank)
    assert len(fast) == len(old) == len(_mixed())
    for a, b in zip(fast, old, strict=True):
        a["question"]["stimulus_id"] = b["question"]["stimulus_id"] = bool(
            a["question"]["stimulus_id"]
        )
        a["revision"]["stimulus"] = b["revision"]["stimulus"] = bool(a["revision"]["stimulus"])
        for v in a["versions"] + b["versions"]:
            v["data"]["stimulus_id"] = bool(v["data"]["stimulus_id"])
            v.pop("content_hash")
        assert a == b


def test_content_equals_serializable_data_for_every_type(teacher):
    """Direct: for each saved question, the built content is modelcluster's, field for
    field and child for child (ids included); only ``updated_at`` differs, as
    ``pre_save`` stamps the time of serialisation there."""
    bank = make_bank(teacher)
    stimulus = services.stimulus_create(
        group=ParsedGroup("g", "<p>V</p>", "Đoạn"), bank=bank, user=teacher
    )
    questions = _build(bank, teacher, stimulus)
    assert {q.qtype for q in questions} == {t.value for t in QType}
    children = bulk.questions_insert(questions)
    for q, rows in zip(questions, children, strict=True):
        built = bulk.revision_content(q, rows)
        expected = q.serializable_data()
        assert built.pop("updated_at") is not None
        expected.pop("updated_at")
        assert built == expected
        assert built["tagged_items"] or not q._pending_tags
        # and once reloaded from the database (children read back, not the kept ones)
        fresh = Question.objects.get(pk=q.pk)
        rows = {
            "choices": list(fresh.choices.all()),
            "tagged_items": list(fresh.tagged_items.all()),
        }
        again = bulk.revision_content(fresh, rows)
        again.pop("updated_at")
        fresh_expected = fresh.serializable_data()
        fresh_expected.pop("updated_at")
        assert again == fresh_expected


def test_new_tags_are_created_once_with_unique_slugs(teacher):
    from taggit.models import Tag

    Tag.objects.create(name="Dao ham")  # slug dao-ham
    bank = make_bank(teacher)
    parsed = [
        ParsedQuestion(QType.ESSAY, f"<p>Câu {i}</p>", tags=["Đạo hàm", "Tích phân"])
        for i in range(3)
    ]
    questions = [services.question_build(parsed=p, bank=bank, author=teacher) for p in parsed]
    services.questions_bulk_save(questions=questions, user=teacher, index=False)
    tags = {t.name: t.slug for t in Tag.objects.all()}
    assert tags["Đạo hàm"] != tags["Dao ham"] and len(set(tags.values())) == len(tags)
    assert QuestionTag.objects.filter(content_object__bank=bank).count() == 6


def test_stimuli_in_bulk_equal_those_written_one_by_one(teacher):
    from django.contrib.contenttypes.models import ContentType

    from question_bank.models import Stimulus

    groups = [
        ParsedGroup("g1", "<p>Đoạn văn <script>x()</script>một</p>", "  Đoạn 1  "),
        ParsedGroup("g2", "<p>Bảng số liệu</p>", ""),
    ]
    fast_bank, old_bank = make_bank(teacher, name="Nhanh"), make_bank(teacher, name="Cũ")
    fast = services.stimuli_create(groups=groups, bank=fast_bank, user=teacher)
    old = {g.key: services.stimulus_create(group=g, bank=old_bank, user=teacher) for g in groups}
    assert list(fast) == list(old) == ["g1", "g2"]

    def rows(bank):
        stimuli = list(Stimulus.objects.filter(bank=bank).order_by("pk"))
        assert all(s.created_at is not None for s in stimuli)
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Stimulus),
            object_id__in=[str(s.pk) for s in stimuli],
            action="wagtail.create",
        ).order_by("object_id")
        return (
            [(s.title, s.content) for s in stimuli],
            [(e.label, e.user_id, e.content_type_id) for e in entries],
        )

    assert rows(fast_bank) == rows(old_bank)
    assert rows(fast_bank)[0][0] == ("Đoạn 1", "<p>Đoạn văn một</p>")
    assert {s.pk for s in fast.values()} == set(
        Stimulus.objects.filter(bank=fast_bank).values_list("pk", flat=True)
    )
