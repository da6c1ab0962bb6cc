"""A world of objects that the probing roles must not see, each carrying a marker string.

Built through the services (as the conventions ask) for the role × door matrix and the
write probes. Every forbidden object has a marker (an ASCII token that survives HTML
escaping, Vietnamese folding and truncation: it comes first in titles and stems); a
response that a role may not have must never contain a marker forbidden to that role.

The probing roles live in Sở A (department A): a student, a teacher, a teacher of another
school of the same Sở, a librarian, a member of the exam board who is not in the
confidential pool, a school admin, a department admin and a superuser. The forbidden
objects are:

- the confidential pool of another board member of school A: bank, question (stem,
  solution, tag), stimulus, matrix and an unreleased paper with its file;
- another teacher of school A: a private bank with an approved question, a matrix, a
  draft lesson, an uploaded import file;
- a school of Sở B: a draft and a school-only published lesson, a school-only published
  library item with its file and a draft one, a class with a student, a comment, a
  takedown record, and a document and an image of the school's collection;
- online exams (``lms.exams``): a session of school A made by the pool's board member from
  a confidential paper of theirs, with a student of another class of school A who checked
  in, wrote an essay answer and submitted; and a session of Sở B's school made by its
  teacher for its class, whose student's attempt is in progress.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from accounts.models import Role, TeachingAssignment
from content import feedback
from content.curation import library_item_publish, takedown
from content.models import HomePage, LessonPage
from curriculum.models import Subject
from lms.assignments import services as assignment_services
from lms.exams import codes, saving
from lms.exams import services as exams
from lms.exams.delivery import variant_items
from lms.marking import services as marking_services
from lms.surveys import services as survey_services
from question_bank.assembly.models import Paper
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.import_jobs import ImportJob
from question_bank.models import Stimulus
from tests.accounts.factories import (
    DepartmentFactory,
    make_class,
    make_school,
    make_student_in,
    make_user,
)
from tests.content.library_helpers import make_item
from tests.lms.exams.factories import make_exam_paper
from tests.question_bank.factories import make_bank, make_question, make_reviewer

#: The exam candidates' date of birth (the identity check).
EXAM_DOB = dt.date(2008, 3, 15)
#: A real word every forbidden text contains, used as the search query of list and
#: search doors (the marker itself would be echoed back by a search page).
SEARCH_WORD = "nguyệt thực"

# The markers. Lower case: responses are compared lower-cased.
CONF_BANK = "xmkconfbank"
CONF_STEM = "xmkconfstem"
CONF_SOLUTION = "xmkconfsolution"
CONF_OPTION = "xmkconfoption"
CONF_TAG = "xmkconftag"
CONF_STIMULUS = "xmkconfstimulus"
CONF_MATRIX = "xmkconfmatrix"
CONF_PAPER = "xmkconfpaper"
CONF_PAPER_FILE = "xmkconfpaperfile"
PRIV_BANK = "xmkprivbank"
PRIV_STEM = "xmkprivstem"
PRIV_SOLUTION = "xmkprivsolution"
PRIV_MATRIX = "xmkprivmatrix"
IMPORT_FILE = "xmkimportfile"
DRAFT_A = "xmkdrafta"
DRAFT_B = "xmkdraftb"
SCHOOL_PAGE_B = "xmkschoolpageb"
LIB_B = "xmklibb"
LIB_B_FILE = "xmklibbfile"
LIB_DRAFT_B = "xmklibdraftb"
CLASS_B = "xmkclassb"
STUDENT_B = "xmkstudentb"
COMMENT_B = "xmkcommentb"
TAKEDOWN_B = "xmktakedownb"
DOC_B = "xmkdocb"
DOC_B_FILE = "xmkdocbfile"
IMAGE_B = "xmkimageb"
PKG_B = "xmkpkgb"
PKG_SCO_B = "xmkpkgscob"
EXAM_SESSION_A = "xmkexamsessiona"
EXAM_PAPER_A = "xmkexampapera"
EXAM_STEM_A = "xmkexamstema"
EXAM_ANSWER_A = "xmkexamanswera"
EXAM_SESSION_B = "xmkexamsessionb"
EXAM_PAPER_B = "xmkexampaperb"
EXAM_STEM_B = "xmkexamstemb"
EXAM_ANSWER_B = "xmkexamanswerb"
ASSIGNMENT_B = "xmkassignmentb"
SURVEY_B = "xmksurveyb"

CONFIDENTIAL = frozenset(
    {
        CONF_BANK,
        CONF_STEM,
        CONF_SOLUTION,
        CONF_OPTION,
        CONF_TAG,
        CONF_STIMULUS,
        CONF_MATRIX,
        CONF_PAPER,
        CONF_PAPER_FILE,
    }
)
PRIVATE_BANK = frozenset({PRIV_BANK, PRIV_STEM, PRIV_SOLUTION})
OTHER_SCHOOL = frozenset(
    {
        DRAFT_B,
        SCHOOL_PAGE_B,
        LIB_B,
        LIB_B_FILE,
        LIB_DRAFT_B,
        CLASS_B,
        STUDENT_B,
        COMMENT_B,
        TAKEDOWN_B,
        DOC_B,
        DOC_B_FILE,
        IMAGE_B,
        PKG_B,
        PKG_SCO_B,
        EXAM_SESSION_B,
        EXAM_PAPER_B,
        EXAM_STEM_B,
        EXAM_ANSWER_B,
        ASSIGNMENT_B,
        SURVEY_B,
    }
)
#: School A's exam session: its title, its paper's title and questions, a candidate's answer.
EXAM_A = frozenset({EXAM_SESSION_A, EXAM_PAPER_A, EXAM_STEM_A, EXAM_ANSWER_A})
#: Who runs school A's session (lms.permissions.manageable_sessions): the department's exam
#: board and admins, the school's admin, superusers (its creator is no probing role).
EXAM_A_RUNNERS = frozenset({"exam_board", "school_admin", "department_admin", "superuser"})
ALL_MARKERS = (
    CONFIDENTIAL | PRIVATE_BANK | OTHER_SCHOOL | EXAM_A | {PRIV_MATRIX, IMPORT_FILE, DRAFT_A}
)

ROLES = (
    "anonymous",
    "student",
    "teacher",
    "teacher_other_school",
    "librarian",
    "exam_board",
    "school_admin",
    "department_admin",
    "superuser",
)


def forbidden_markers(role: str) -> frozenset[str]:
    """The markers ``role`` must never receive, by the platform's rules (accounts.permissions):

    - the confidential pool: nobody outside it, not even a superuser;
    - a colleague's matrix and import upload: nobody but their author;
    - a private bank: its members (and superusers, who see every non-confidential bank);
    - a draft lesson of school A: its author and school A's curators (the librarian, the
      school admin, the department admin) and superusers;
    - everything of Sở B's school, its exam session too: superusers only (nobody else of
      Sở A's roles);
    - school A's exam session (its paper's questions, a candidate's answers): those who run
      it (:data:`EXAM_A_RUNNERS`), never another student or a teacher who does not run it.
      Its paper is a confidential one, but a separate pool's: the pool's own markers stay
      forbidden to everyone.
    """
    forbidden = set(ALL_MARKERS)
    if role in EXAM_A_RUNNERS:
        forbidden -= EXAM_A
    if role == "superuser":
        forbidden -= PRIVATE_BANK | OTHER_SCHOOL | {DRAFT_A}
    if role in ("librarian", "school_admin", "department_admin"):
        forbidden -= {DRAFT_A}
    return frozenset(forbidden)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    owners: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    home: HomePage | None = None

    def ids(self, key: str) -> list[int]:
        value = self.objects.get(key, [])
        return [o.pk for o in (value if isinstance(value, list) else [value])]


def _png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _parsed(marker_stem: str, marker_solution: str, option: str = "") -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>{marker_stem} {SEARCH_WORD}: hiện tượng nào xảy ra khi Mặt Trăng khuất?</p>",
        choices=[
            Choice(text=option or "Nhật thực", correct=False),
            Choice(text="Nguyệt thực toàn phần", correct=True),
            Choice(text="Thuỷ triều", correct=False),
        ],
        solution=f"<p>{marker_solution} Trái Đất che Mặt Trăng.</p>",
        level="biet",
        part=1,
    )


def _lesson(owner, school, *, title, slug, live, parent, publisher=None) -> LessonPage:
    page = LessonPage(
        title=title,
        slug=slug,
        summary=f"Bài về {SEARCH_WORD}.",
        scope="school",
        school=school,
        owner=owner,
        live=False,
    )
    parent.add_child(instance=page)
    revision = page.save_revision(user=owner)
    if live:
        revision.publish(user=publisher)
    page.refresh_from_db()
    return page


def build_world() -> World:
    """Create the probing users and the forbidden objects (see the module docstring)."""
    world = World()
    dept_a = DepartmentFactory()
    dept_b = DepartmentFactory(name="Sở Giáo dục và Đào tạo Khác", code="TNB")
    school_a = make_school(department=dept_a, name="Trường THPT Thăm Dò A")
    school_a2 = make_school(department=dept_a, name="Trường THPT Thăm Dò A2")
    school_b = make_school(department=dept_b, name="Trường THPT Thăm Dò B")
    class_a = make_class(school=school_a, name="10A1")

    u = world.users
    u["student"] = make_student_in(class_a, full_name="Trần Thị Học Sinh")
    u["teacher"] = make_reviewer(make_user(role=Role.TEACHER, school=school_a))
    u["teacher_other_school"] = make_reviewer(make_user(role=Role.TEACHER, school=school_a2))
    u["librarian"] = make_user(role=Role.LIBRARIAN, school=school_a)
    u["exam_board"] = make_user(role=Role.EXAM_BOARD, school=school_a)
    u["school_admin"] = make_user(role=Role.SCHOOL_ADMIN, school=school_a)
    u["department_admin"] = make_user(role=Role.DEPARTMENT_ADMIN, school=None, department=dept_a)
    superuser = make_user(role=Role.DEPARTMENT_ADMIN, school=None, department=dept_a)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    u["superuser"] = superuser

    o = world.owners
    o["board"] = make_user(role=Role.EXAM_BOARD, school=school_a)
    o["colleague"] = make_user(role=Role.TEACHER, school=school_a)
    o["teacher_b"] = make_user(role=Role.TEACHER, school=school_b)
    o["librarian_b"] = make_user(role=Role.LIBRARIAN, school=school_b)
    world.objects.update(school_a=school_a, school_b=school_b, class_a=class_a)
    world.home = HomePage.objects.get()
    subject, _ = Subject.objects.get_or_create(code="vatly", defaults={"name": "Vật lí"})

    _confidential_pool(world, subject)
    _private_bank(world, subject)
    _other_school(world)
    _exams(world)
    _assignments_b(world)
    _surveys_b(world)
    return world


def _confidential_pool(world: World, subject) -> None:
    from question_bank.assembly.models import ExamMatrix

    board = world.owners["board"]
    pool = make_bank(
        board, name=f"{CONF_BANK} Kho đề thi {SEARCH_WORD}", subject=subject, confidential=True
    )
    stimulus = Stimulus.objects.create(
        bank=pool,
        title=f"{CONF_STIMULUS} ngữ liệu",
        content=f"<p>{CONF_STIMULUS} {SEARCH_WORD}</p>",
    )
    question = make_question(
        pool, parsed=_parsed(CONF_STEM, CONF_SOLUTION, CONF_OPTION), approve=True
    )
    question.tags.add(CONF_TAG)
    question.save()
    matrix = ExamMatrix.objects.create(
        title=f"{CONF_MATRIX} Ma trận thi {SEARCH_WORD}",
        subject=subject,
        grade=12,
        scale=pool.scale,
        created_by=board,
        confidential=True,
    )
    matrix.banks.add(pool)
    paper = Paper.objects.create(
        title=f"{CONF_PAPER} Đề thi {SEARCH_WORD}",
        matrix=matrix,
        school=world.objects["school_a"],
        created_by=board,
        confidential=True,
    )
    paper.output.save(
        "de-thi-bao-mat.zip", ContentFile(f"{CONF_PAPER_FILE} đáp án".encode()), save=True
    )
    world.objects.update(
        conf_bank=pool,
        conf_question=question,
        conf_stimulus=stimulus,
        conf_matrix=matrix,
        conf_paper=paper,
    )


def _private_bank(world: World, subject) -> None:
    from question_bank.assembly.models import ExamMatrix

    colleague = world.owners["colleague"]
    bank = make_bank(colleague, name=f"{PRIV_BANK} Ngân hàng riêng {SEARCH_WORD}", subject=subject)
    question = make_question(bank, parsed=_parsed(PRIV_STEM, PRIV_SOLUTION), approve=True)
    matrix = ExamMatrix.objects.create(
        title=f"{PRIV_MATRIX} Ma trận riêng {SEARCH_WORD}",
        subject=subject,
        grade=10,
        scale=bank.scale,
        created_by=colleague,
    )
    matrix.banks.add(bank)
    job = ImportJob.objects.create(
        bank=bank, created_by=colleague, filename="de-cua-dong-nghiep.txt", format="aiken"
    )
    job.upload.save(
        "de-cua-dong-nghiep.txt",
        ContentFile(f"{IMPORT_FILE} Câu 1\nA. x\nB. y\nANSWER: A\n".encode()),
        save=True,
    )
    draft_a = _lesson(
        colleague,
        world.objects["school_a"],
        title=f"{DRAFT_A} Bài nháp {SEARCH_WORD}",
        slug="nhap-dong-nghiep",
        live=False,
        parent=world.home,
    )
    world.objects.update(
        priv_bank=bank, priv_question=question, priv_matrix=matrix, import_job=job, draft_a=draft_a
    )


def _other_school(world: World) -> None:
    teacher_b = world.owners["teacher_b"]
    librarian_b = world.owners["librarian_b"]
    school_b = world.objects["school_b"]
    draft_b = _lesson(
        teacher_b,
        school_b,
        title=f"{DRAFT_B} Bài nháp trường B {SEARCH_WORD}",
        slug="nhap-truong-b",
        live=False,
        parent=world.home,
    )
    page_b = _lesson(
        teacher_b,
        school_b,
        title=f"{SCHOOL_PAGE_B} Bài của trường B {SEARCH_WORD}",
        slug="bai-truong-b",
        live=True,
        parent=world.home,
        publisher=librarian_b,
    )
    lib_b = make_item(
        teacher_b,
        title=f"{LIB_B} Tài liệu trường B {SEARCH_WORD}",
        scope="school",
        external_url="",
        file=SimpleUploadedFile(
            "tai-lieu-b.txt", f"{LIB_B_FILE} nội dung".encode(), content_type="text/plain"
        ),
    )
    library_item_publish(item=lib_b, user=librarian_b)
    lib_b.refresh_from_db()
    lib_draft_b = make_item(
        teacher_b, title=f"{LIB_DRAFT_B} Nháp thư viện B {SEARCH_WORD}", submit=True
    )
    # The draft lesson waits for approval: workflow doors have a task state to point at.
    workflow = draft_b.get_workflow()
    if workflow is not None:
        workflow.start(draft_b, teacher_b)
    class_b = make_class(school=school_b, name=f"{CLASS_B}", homeroom_teacher=teacher_b)
    student_b = make_student_in(class_b, full_name=f"Lê Văn {STUDENT_B}")
    comment = feedback.comment_add(user=teacher_b, body=f"{COMMENT_B} nhận xét", item=lib_b)
    lib_taken = make_item(teacher_b, title=f"{LIB_B} Tài liệu bị gỡ", scope="school")
    library_item_publish(item=lib_taken, user=librarian_b)
    lib_taken.refresh_from_db()
    record = takedown(obj=lib_taken, user=librarian_b, reason=f"{TAKEDOWN_B} vi phạm bản quyền")
    Document = get_document_model()
    document = Document(title=f"{DOC_B} Kế hoạch trường B", collection=school_b.collection)
    document.file.save("ke-hoach-b.txt", ContentFile(f"{DOC_B_FILE} nội bộ".encode()), save=False)
    document.save()
    Image = get_image_model()
    image = Image(title=f"{IMAGE_B} Ảnh trường B", collection=school_b.collection)
    image.file.save("anh-truong-b.png", ContentFile(_png()), save=False)
    image.width = image.height = 8
    image.save()
    _packages_b(world, teacher_b, school_b, student_b)
    world.objects.update(
        draft_b=draft_b,
        page_b=page_b,
        lib_b=lib_b,
        lib_draft_b=lib_draft_b,
        lib_taken=lib_taken,
        class_b=class_b,
        student_b=student_b,
        comment_b=comment,
        takedown_b=record,
        document_b=document,
        image_b=image,
    )


def _packages_b(world: World, teacher_b, school_b, student_b) -> None:
    """School B's draft e-lecture package (its title and SCO are forbidden) and a published
    one everybody may play, whose results list school B's student (forbidden outside it).
    Rows only: the doors decide from the rows, no file is served here."""
    from content.packages.models import ElearningPackage, PackageVersion
    from lms.packages.models import PackageAttempt

    made = {}
    for key, title, status in (
        ("pkg_b", f"{PKG_B} Gói bài giảng nháp trường B {SEARCH_WORD}", "draft"),
        ("pkg_pub_b", "Gói bài giảng đã xuất bản của trường B", "published"),
    ):
        package = ElearningPackage.objects.create(
            title=title, kind="scorm12", owner=teacher_b, school=school_b, status=status
        )
        sco_title = f"{PKG_SCO_B} Trang 1" if status == "draft" else "Trang 1"
        version = PackageVersion.objects.create(
            package=package,
            number=1,
            kind="scorm12",
            edition="1.2",
            content_hash=f"{package.pk:064d}",
            storage_prefix=f"packages/{package.pk:064d}/",
            launch="index.html",
            structure={"scos": [{"id": "sco1", "title": sco_title, "href": "index.html"}]},
            file_count=1,
            size=1,
            uploaded_by=teacher_b,
        )
        package.current = version
        package.save(update_fields=["current"])
        made[key], made[f"{key}_version"] = package, version
    PackageAttempt.objects.create(
        user=student_b, version=made["pkg_pub_b_version"], sco="sco1", lesson_status="passed"
    )
    world.objects.update(made)


def _exam_questions(stem_marker: str) -> list:
    """A Part I question and an essay whose stems carry ``stem_marker`` (not the search
    word: the search doors' results stay those of the objects above)."""
    single = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>{stem_marker} Khi Trái Đất che Mặt Trăng thì có hiện tượng gì?</p>",
        choices=[
            Choice(text="Nhật thực", correct=False),
            Choice(text="Trăng khuất", correct=True),
            Choice(text="Thuỷ triều", correct=False),
        ],
        solution=f"<p>{stem_marker} Trái Đất che ánh sáng Mặt Trời.</p>",
        level="biet",
        part=1,
    )
    essay = ParsedQuestion(
        qtype=QType.ESSAY,
        stem=f"<p>{stem_marker} Trình bày hiện tượng Mặt Trăng khuất.</p>",
        marking_guide=f"<p>{stem_marker} Nêu đúng nguyên nhân (2 điểm).</p>",
        level="van_dung",
        part=4,
    )
    return [(1, "8", single), (4, "2", essay)]


def _exam_session(owner, school_class, *, title: str, paper_title: str, stem_marker: str):
    """A session of a fresh paper of ``owner`` (its questions carry ``stem_marker``) for
    ``school_class``, open now; returns (session, the class's first candidate)."""
    paper = make_exam_paper(
        owner,
        versions=2,
        confidential=owner.role == Role.EXAM_BOARD,
        questions=_exam_questions(stem_marker),
    )
    paper.title = paper_title
    paper.save(update_fields=["title"])
    now = timezone.now()
    session = exams.session_create(
        user=owner,
        paper=paper,
        title=title,
        window=exams.SessionWindow(
            opens_at=now - dt.timedelta(minutes=5),
            last_entry_at=now + dt.timedelta(minutes=30),
            closes_at=now + dt.timedelta(hours=2),
            duration_minutes=45,
        ),
        classes=[school_class],
    )
    return session, session.candidates.select_related("room", "student").get()


def _exam_attempt(candidate, answer: str):
    """The candidate checks in, starts on one device and writes ``answer`` in the essay."""
    student = candidate.student
    exams.check_in(
        user=student,
        candidate=candidate,
        access_code=codes.access_code(candidate.room.secret),
        identity=EXAM_DOB.strftime("%d/%m/%Y"),
    )
    attempt = exams.attempt_open(user=student, candidate=candidate, device="thiet-bi-tham-do")
    [essay] = [i for i in variant_items(candidate.variant_id) if i["data"]["qtype"] == "essay"]
    saving.answers_save(
        attempt_id=attempt.pk,
        token=saving.attempt_token(attempt),
        payload={"answers": [{"slot": essay["slot"], "seq": 1, "response": answer}]},
    )
    return attempt, essay["slot"]


def _exams(world: World) -> None:
    """School A's session (a candidate of another class, submitted) and Sở B's (the class's
    student, in progress): see the module docstring."""
    class_a12 = make_class(school=world.objects["school_a"], name="12A2", grade=12)
    make_student_in(class_a12, full_name="Phạm Thị Thí Sinh", date_of_birth=EXAM_DOB)
    session_a, candidate_a = _exam_session(
        world.owners["board"],
        class_a12,
        title=f"{EXAM_SESSION_A} Thi thử trường A",
        paper_title=f"{EXAM_PAPER_A} Đề thi trực tuyến",
        stem_marker=EXAM_STEM_A,
    )
    attempt_a, slot_a = _exam_attempt(candidate_a, f"{EXAM_ANSWER_A} bài làm của thí sinh")
    exams.attempt_submit(attempt=attempt_a, by="student", user=candidate_a.student)
    class_b = world.objects["class_b"]
    student_b = world.objects["student_b"]
    student_b.date_of_birth = EXAM_DOB
    student_b.save(update_fields=["date_of_birth"])
    session_b, candidate_b = _exam_session(
        world.owners["teacher_b"],
        class_b,
        title=f"{EXAM_SESSION_B} Kiểm tra trường B",
        paper_title=f"{EXAM_PAPER_B} Đề kiểm tra",
        stem_marker=EXAM_STEM_B,
    )
    attempt_b, slot_b = _exam_attempt(candidate_b, f"{EXAM_ANSWER_B} bài làm dở")
    world.objects.update(
        exam_session_a=session_a,
        exam_room_a=candidate_a.room,
        exam_candidate_a=candidate_a,
        exam_attempt_a=attempt_a,
        exam_slot_a=slot_a,
        exam_session_b=session_b,
        exam_room_b=candidate_b.room,
        exam_candidate_b=candidate_b,
        exam_attempt_b=attempt_b,
        exam_slot_b=slot_b,
    )


def _assignments_b(world: World) -> None:
    """School B's teacher gives class B its live lesson to read (the title is forbidden;
    class B's student gets a notification naming it)."""
    teacher_b = world.owners["teacher_b"]
    class_b = world.objects["class_b"]
    TeachingAssignment.objects.create(teacher=teacher_b, school_class=class_b)
    assignment = assignment_services.assignment_create(
        user=teacher_b,
        data=assignment_services.AssignmentInput(
            title=f"{ASSIGNMENT_B} Đọc bài trường B",
            school_class=class_b,
            kind="lesson",
            page=world.objects["page_b"],
            opens_at=timezone.now() - dt.timedelta(hours=1),
            due_at=timezone.now() + dt.timedelta(days=1),
        ),
    )
    world.objects["assignment_b"] = assignment
    world.objects["rubric_b"] = marking_services.rubric_save(
        user=teacher_b,
        title=f"{ASSIGNMENT_B} Tiêu chí chấm trường B",
        text=f"{ASSIGNMENT_B} Nội dung: Đủ = 1; Thiếu = 0",
    )


def _surveys_b(world: World) -> None:
    """School B's admin publishes a survey to its students (the title and the question are
    forbidden); its student has answered it, naming themselves."""
    school_b = world.objects["school_b"]
    admin_b = make_user(role=Role.SCHOOL_ADMIN, school=school_b)
    survey = survey_services.survey_create(
        user=admin_b,
        data=survey_services.SurveyInput(
            title=f"{SURVEY_B} Khảo sát trường B",
            audience="students",
            anonymous=False,
            scope=(school_b.department_id, school_b.district_office_id, school_b.pk),
            questions=[survey_services.QuestionInput(kind="text", text=f"{SURVEY_B} câu hỏi")],
        ),
    )
    survey_services.survey_publish(user=admin_b, survey=survey)
    question = survey.questions.get()
    survey_services.survey_answer(
        user=world.objects["student_b"], survey=survey, answers={question.pk: f"{SURVEY_B} ý"}
    )
    world.objects["survey_b"] = survey


def protected_files(world: World) -> list:
    """Every file of the world that a permission protects (FieldFiles)."""
    o = world.objects
    return [
        o["conf_paper"].output,
        o["import_job"].upload,
        o["lib_b"].file,
        o["document_b"].file,
        o["image_b"].file,
    ]


__all__ = ["World", "build_world", "forbidden_markers", "protected_files"]
