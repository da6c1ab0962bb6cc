"""The demo's online exam: a ready Toán 12 paper in the 2025 format, four mã đề, assembled by
the printed exam-board login from the province's Toán bank.

The README's "Thi trực tuyến" steps start from it: the board makes a session of it for class
12A1 of Trường THPT Nguyễn Huệ, and the printed student (of that class) takes it. The
session itself is left to the user.
"""

from accounts.models import Role, User
from curriculum.models import Subject
from demo.people import EXAM_CLASS_NAME, exam_class_students
from demo.questions import BANK_NAMES
from question_bank.assembly import services
from question_bank.assembly.models import Paper
from question_bank.models import QuestionBank

#: Who assembles the paper (and creates the session in the README's steps).
BOARD_USERNAME = "hoidongthi.so"
PAPER_TITLE = "Đề thi thử tốt nghiệp THPT 2025 – Toán 12 (thi trực tuyến)"
VERSIONS = 4
#: Where the exam board creates a session (URL name ``exam_board_create``).
SESSION_CREATE_URL = "/thi/quan-ly/tao/"
#: One form of 22 questions from ~700 Toán questions: the solver finds one in well under a
#: second; the limit only bounds a pathological run.
SOLVER_SECONDS = 5.0


def seed_exam_paper(*, seed: int = 2025) -> Paper | None:
    """Assemble the demo's Toán 12 paper once (``None`` without the board or the bank)."""
    existing = Paper.objects.filter(title=PAPER_TITLE).first()
    if existing is not None:
        return existing
    board = User.objects.filter(username=BOARD_USERNAME, role=Role.EXAM_BOARD).first()
    bank = QuestionBank.objects.filter(name=BANK_NAMES["toan"]).first()
    if board is None or bank is None:
        return None
    matrix = services.matrix_create_from_template(
        user=board,
        template="thpt2025-toan",
        subject=Subject.objects.get(code="toan"),
        grade=12,
        title=PAPER_TITLE,
        banks=[bank],  # the shared bank only: the paper is not a confidential one
    )
    # A parental many-to-many set after the matrix's first save is kept in memory until the
    # next save: this one writes the matrix's banks.
    matrix.save()
    [paper] = services.papers_assemble(
        user=board,
        matrix=matrix,
        options=services.AssemblyOptions(versions=VERSIONS, seed=seed, time_limit=SOLVER_SECONDS),
        header={
            "organisation": "HỘI ĐỒNG THI SỞ GD&ĐT NINH BÌNH",
            "exam_title": "KỲ THI THỬ TỐT NGHIỆP THPT NĂM 2025",
            "school_year": "NĂM HỌC 2025 – 2026",
            "official": False,
        },
    )
    return paper


def exam_student() -> User | None:
    """The printed student: the first one of class 12A1 of Trường THPT Nguyễn Huệ."""
    return exam_class_students().order_by("pk").first()


def exam_demo_line() -> str:
    """One line printed with the logins (just above their rows, which end the report): how
    to try an online exam with them, with the printed student's real date of birth."""
    student = exam_student()
    paper = Paper.objects.filter(title=PAPER_TITLE).first()
    if student is None or paper is None:
        return ""
    born = student.date_of_birth.strftime("%d/%m/%Y") if student.date_of_birth else "—"
    return (
        f"Thi trực tuyến: {BOARD_USERNAME} tạo ca thi tại {SESSION_CREATE_URL} từ đề "
        f"«{paper.title}», lớp {EXAM_CLASS_NAME} ({student.school.name}), 45 phút; "
        f"học sinh {student.username} nhập mã phòng thi và ngày sinh {born}."
    )
