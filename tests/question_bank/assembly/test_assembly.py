"""Matrices, parallel forms, shuffled versions, answer keys and practice sets."""

from collections import Counter
from decimal import Decimal

import pytest

from accounts.models import Role, User
from question_bank import permissions, scoring
from question_bank.assembly import services
from question_bank.assembly.matrix import matrix_problems, spec_table
from question_bank.assembly.models import Paper, PaperItem, PaperVariant
from question_bank.assembly.paper import PART_MC, PART_SHORT, PART_TF
from question_bank.assembly.shuffle import LETTERS, CodeError, parse_codes
from question_bank.assembly.solver import AssemblyInfeasible
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.assembly.bank import toan_bank

pytestmark = pytest.mark.django_db

TOAN_CELLS = {
    (1, "biet"): 8,
    (1, "hieu"): 4,
    (2, "hieu"): 2,
    (2, "van_dung"): 2,
    (3, "hieu"): 2,
    (3, "van_dung"): 4,
}


def _staff(role=Role.TEACHER, school=None):
    return make_user(role=role, school=school or make_school())


def _toan_matrix(user, subject, **kwargs):
    return services.matrix_create_from_template(
        user=user, template="thpt2025-toan", subject=subject, grade=12, **kwargs
    )


def _response_for(item):
    """The correct answer as a candidate marks it on this version's sheet (print order)."""
    if item.part == PART_MC:
        return LETTERS.index(item.key)
    if item.part == PART_TF:
        return [letter == "Đ" for letter in item.key]
    return item.key


def _original_response(item, response):
    """The sheet's answer mapped back to the source question's option order."""
    if item.part == PART_MC:
        return item.choice_order[response]
    if item.part == PART_TF:
        back = [None] * len(response)
        for printed, original in enumerate(item.choice_order):
            back[original] = response[printed]
        return back
    return response


def test_demo_bank_gives_24_toan_versions_with_keys_that_grade_full_marks():
    from demo.seed import seed_demo

    seed_demo(questions=True)
    teacher = User.objects.get(username="gv001.01")
    from curriculum.models import Subject

    matrix = _toan_matrix(teacher, Subject.objects.get(code="toan"))
    assert matrix_problems(matrix) == []
    [paper] = services.papers_assemble(
        user=teacher, matrix=matrix, options=services.AssemblyOptions(versions=24, seed=2025)
    )
    assembled = services.paper_assembled(paper)
    assert [v.code for v in assembled.versions] == [f"01{n:02d}" for n in range(1, 25)]
    source = sorted(paper.items.values_list("version_id", flat=True))
    assert len(source) == 22
    layouts = set()
    for version in assembled.versions:
        parts = Counter(item.part for item in version.items)
        assert parts == {PART_MC: 12, PART_TF: 4, PART_SHORT: 6}
        assert sorted(item.version_id for item in version.items) == source
        # Numbering restarts in every part: Câu 1…12, 1…4, 1…6.
        assert [i.number for i in version.items] == [*range(1, 13), *range(1, 5), *range(1, 7)]
        layouts.add(tuple((i.version_id, tuple(i.choice_order)) for i in version.items))
        for item in version.items:
            response = _response_for(item)
            pinned = paper.items.get(version_id=item.version_id).version.data
            assert scoring.score(pinned, _original_response(item, response)) == 1, (
                version.code,
                item.part,
                item.number,
            )
            if item.part == PART_MC:
                # The printed option under the key letter is the pinned correct one.
                assert item.data["choices"][LETTERS.index(item.key)]["correct"] is True
    assert len(layouts) == 24  # every version is really shuffled differently
    assert sum(i.points for i in assembled.versions[0].items) == pytest.approx(10)

    # Same seed, same paper: regenerating gives identical versions (even though the first
    # paper has since made its questions "more exposed").
    [again] = services.papers_regenerate(user=teacher, paper=paper)
    assert sorted(again.items.values_list("version_id", flat=True)) == source
    assert [v.layout for v in again.variants.all()] == [v.layout for v in paper.variants.all()]


def test_parallel_forms_k24_from_a_2000_question_bank_meet_the_matrix_without_sharing():
    board = _staff(Role.EXAM_BOARD)
    supply = {
        (1, "biet"): 720,
        (1, "hieu"): 360,
        (2, "hieu"): 180,
        (2, "van_dung"): 180,
        (3, "hieu"): 180,
        (3, "van_dung"): 380,
    }
    bank, subject = toan_bank(board, supply, seed=7)
    assert Question.objects.filter(bank=bank, status="approved").count() == 2000
    matrix = _toan_matrix(board, subject)
    papers = services.papers_assemble(
        user=board,
        matrix=matrix,
        options=services.AssemblyOptions(forms=24, versions=1, seed=11),
    )
    assert len(papers) == 24
    seen: set[int] = set()
    means = []
    for paper in papers:
        items = list(paper.items.select_related("version__question__level"))
        got = Counter((it.part, it.version.question.level.code) for it in items)
        assert got == Counter(TOAN_CELLS), paper.title
        assert all(it.version.question.part == it.part for it in items)
        ids = {it.version.question_id for it in items}
        assert len(ids) == 22 and not (ids & seen)
        seen |= ids
        means.append(sum(it.version.question.difficulty for it in items) / 22)
        assert [v.code for v in paper.variants.all()] == [f"{paper.form_number:02d}01"]
    target = papers[0].options["target_difficulty"]
    assert max(means) - min(means) <= 0.01 * target
    assert len({p.form_set for p in papers}) == 1


def test_infeasible_matrix_names_the_short_cells_and_writes_nothing():
    teacher = _staff()
    supply = dict(TOAN_CELLS)
    supply[(2, "van_dung")] = 5
    _bank, subject = toan_bank(teacher, supply)
    matrix = _toan_matrix(teacher, subject)
    with pytest.raises(AssemblyInfeasible) as caught:
        services.papers_assemble(
            user=teacher, matrix=matrix, options=services.AssemblyOptions(forms=3, seed=1)
        )
    messages = caught.value.messages
    assert (
        "Phần II · mọi chủ đề · Vận dụng: cần 6 câu đã duyệt, ngân hàng chỉ có 5 (thiếu 1)."
        in messages
    )
    assert (
        "Phần I · mọi chủ đề · Biết: cần 24 câu đã duyệt, ngân hàng chỉ có 8 (thiếu 16)."
        in messages
    )
    assert len(messages) == 6
    assert Paper.objects.count() == PaperItem.objects.count() == PaperVariant.objects.count() == 0


def test_matrix_checks_counts_and_points_before_assembling():
    teacher = _staff()
    _bank, subject = toan_bank(teacher, TOAN_CELLS)
    matrix = _toan_matrix(teacher, subject)
    cell = matrix.cells.get(part=PART_MC, level__code="hieu")
    cell.count = 3
    cell.save()
    problems = matrix_problems(matrix)
    assert "Phần I cần 12 câu theo định dạng, ma trận đang có 11 câu." in problems
    assert "Tổng điểm của ma trận là 9,75, phải bằng 10." in problems
    with pytest.raises(services.MatrixInvalid):
        services.papers_assemble(user=teacher, matrix=matrix, options=services.AssemblyOptions())
    assert Paper.objects.count() == 0


def test_specification_table_counts_parts_levels_and_points():
    teacher = _staff()
    _bank, subject = toan_bank(teacher, {(1, "biet"): 1})
    table = spec_table(_toan_matrix(teacher, subject))
    assert [(c["part"], c["level"]) for c in table["columns"]] == [
        ("Phần I", "Biết"),
        ("Phần I", "Hiểu"),
        ("Phần II", "Hiểu"),
        ("Phần II", "Vận dụng"),
        ("Phần III", "Hiểu"),
        ("Phần III", "Vận dụng"),
    ]
    assert table["totals"] == [8, 4, 2, 2, 2, 4]
    assert [p["points"] for p in table["parts"]] == ["3", "4", "3"]
    assert table["total_points"] == "10"


def test_version_codes_from_what_the_board_types():
    assert parse_codes("", 3) == ["0101", "0102", "0103"]
    assert parse_codes("034-036") == ["034", "035", "036"]
    assert parse_codes("111,222, 333") == ["111", "222", "333"]
    assert parse_codes("101-102;201") == ["101", "102", "201"]
    with pytest.raises(CodeError, match="trùng"):
        parse_codes("111,111")
    with pytest.raises(CodeError, match="cần 4"):
        parse_codes("111,222", 4)
    with pytest.raises(CodeError, match="ngược"):
        parse_codes("036-034")


def test_keep_order_fixed_options_and_kept_positions_survive_shuffling():
    from question_bank.assembly.shuffle import shuffle_layout

    items = [
        {
            "position": n,
            "part": 1,
            "data": {
                "qtype": "single_choice",
                "choices": [{"text": t, "correct": t == "A", "fixed": t == "D"} for t in "ABCD"],
                "keep_option_order": n == 2,
                "keep_position": n == 1,
            },
        }
        for n in range(1, 6)
    ]
    orders = set()
    for code in ("0101", "0102", "0103", "0104", "0105", "0106"):
        layout = shuffle_layout(items, seed=3, code=code)
        assert layout[0]["item"] == 1  # kept its position
        by_item = {e["item"]: e["order"] for e in layout}
        assert by_item[2] == [0, 1, 2, 3]  # kept its options' order
        for item, order in by_item.items():
            assert order[3] == 3, item  # "D" is fixed in place
        orders.add(tuple(e["item"] for e in layout))
    assert len(orders) > 1


def test_questions_of_the_schools_last_exams_are_avoided():
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    supply = {key: n * 2 for key, n in TOAN_CELLS.items()}
    _bank, subject = toan_bank(teacher, supply)
    matrix = _toan_matrix(teacher, subject)
    options = services.AssemblyOptions(seed=1, school_id=school.pk)
    [first] = services.papers_assemble(user=teacher, matrix=matrix, options=options)
    options.avoid_recent = 1
    options.seed = 2
    [second] = services.papers_assemble(user=teacher, matrix=matrix, options=options)
    used = set(first.items.values_list("version__question_id", flat=True))
    assert not used & set(second.items.values_list("version__question_id", flat=True))
    # A third paper with nothing left to avoid it with: names the short cells.
    with pytest.raises(AssemblyInfeasible):
        options.avoid_recent = 2
        services.papers_assemble(user=teacher, matrix=matrix, options=options)


def test_confidential_papers_stay_with_the_board_until_released():
    school = make_school()
    board = make_user(role=Role.EXAM_BOARD, school=school)
    member = make_user(role=Role.EXAM_BOARD, school=school)
    colleague = make_user(role=Role.TEACHER, school=school)
    student = make_user(role=Role.STUDENT, school=school)
    bank, subject = toan_bank(board, TOAN_CELLS, confidential=True, members=[member])
    matrix = _toan_matrix(board, subject, banks=[bank])
    matrix.confidential = True
    matrix.save()
    [paper] = services.papers_assemble(
        user=board, matrix=matrix, options=services.AssemblyOptions(seed=4, school_id=school.pk)
    )
    assert paper.confidential
    assert permissions.can_view_paper(board, paper)
    assert permissions.can_view_paper(member, paper)
    assert not permissions.can_view_paper(colleague, paper)
    assert not permissions.can_view_paper(student, paper)
    with pytest.raises(services.PermissionDenied):
        services.paper_release(user=colleague, paper=paper)
    services.paper_release(user=board, paper=paper)
    assert permissions.can_view_paper(colleague, paper)
    assert not permissions.can_view_paper(student, paper)


def test_practice_set_uses_approved_non_confidential_questions_only():
    teacher = _staff()
    open_bank, subject = toan_bank(teacher, {(1, "biet"): 6, (1, "hieu"): 3})
    _secret, _subject = toan_bank(teacher, {(1, "biet"): 6}, confidential=True, seed=2)
    from question_bank.scales import CognitiveLevel

    biet = CognitiveLevel.objects.get(scale__is_default=True, code="biet")
    paper = services.practice_set_create(
        user=teacher, subject=subject, grade=12, level=biet, count=5, seed=9
    )
    questions = Question.objects.filter(
        pk__in=paper.items.values_list("version__question_id", flat=True)
    )
    assert questions.count() == 5
    assert set(questions.values_list("bank_id", flat=True)) == {open_bank.pk}
    assert set(questions.values_list("level__code", flat=True)) == {"biet"}
    assert paper.kind == Paper.Kind.PRACTICE and paper.variants.count() == 1
    assert sum(it.points for it in paper.items.all()) == Decimal("1.25")  # 5 × 0,25 (2025, Toán)
    with pytest.raises(AssemblyInfeasible) as caught:
        services.practice_set_create(
            user=teacher, subject=subject, grade=12, level=biet, count=7, seed=9
        )
    assert "cần 7 câu đã duyệt, ngân hàng chỉ có 6 (thiếu 1)" in caught.value.messages[0]
