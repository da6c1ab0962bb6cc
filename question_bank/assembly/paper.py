"""The data every paper output is rendered from: plain dataclasses, no database access.

A :class:`PaperVersion` is one mã đề: its items in print order, each carrying the pinned
question snapshot (``QuestionVersion.data``, see :func:`question_bank.convert.question_snapshot`)
with its options *already permuted* for this version, so renderers print ``data["choices"]``
in order and label them A, B, C, D (Đúng/Sai statements a, b, c, d).
"""

from dataclasses import dataclass, field

#: Parts of the 2025 format; ``ESSAY`` is the written part of a periodic test (tự luận).
PART_MC, PART_TF, PART_SHORT, PART_ESSAY = 1, 2, 3, 4

PART_TITLES = {
    PART_MC: "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn",
    PART_TF: "PHẦN II. Câu trắc nghiệm đúng sai",
    PART_SHORT: "PHẦN III. Câu trắc nghiệm trả lời ngắn",
    PART_ESSAY: "PHẦN IV. Tự luận",
}


def part_instruction(part: int, count: int) -> str:
    """The 2025 instruction line printed under a part title."""
    if part == PART_MC:
        return (
            f"Thí sinh trả lời từ câu 1 đến câu {count}. "
            "Mỗi câu hỏi thí sinh chỉ chọn một phương án."
        )
    if part == PART_TF:
        return (
            f"Thí sinh trả lời từ câu 1 đến câu {count}. Trong mỗi ý a), b), c), d) "
            "ở mỗi câu, thí sinh chọn đúng hoặc sai."
        )
    if part == PART_SHORT:
        return f"Thí sinh trả lời từ câu 1 đến câu {count}."
    return f"Thí sinh trình bày lời giải từ câu 1 đến câu {count}."


@dataclass
class PaperHeader:
    """What is printed above the questions (and on the answer sheet)."""

    authority: str = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"  # left column, first line
    organisation: str = ""  # left column, second line (school / exam board), bold
    exam_title: str = "ĐỀ KIỂM TRA"  # right column, bold, e.g. "KỲ THI THỬ TỐT NGHIỆP THPT"
    school_year: str = ""  # e.g. "NĂM HỌC 2025 – 2026"
    subject: str = ""  # e.g. "Toán"
    duration_minutes: int = 90
    official: bool = True  # "ĐỀ CHÍNH THỨC" vs "ĐỀ THAM KHẢO"
    note: str = "Không kể thời gian phát đề"


@dataclass
class VersionItem:
    """One question as printed in one version."""

    part: int  # PART_MC … PART_ESSAY
    number: int  # "Câu n" — numbering restarts at 1 in every part (2025 format)
    question_id: int
    version_id: int  # QuestionVersion.pk pinned by the paper
    data: dict  # the snapshot, choices already in this version's order
    choice_order: list[int] = field(default_factory=list)  # printed i -> original index
    points: float = 0.0
    #: Part I: "A".."D"; Part II: one "Đ"/"S" per statement in printed order ("ĐSĐS");
    #: Part III: the answer as written on the sheet, decimal comma ("-1,5"); essay: "".
    key: str = ""


@dataclass
class PaperVersion:
    code: str  # mã đề, e.g. "0101"
    items: list[VersionItem]

    def part_items(self, part: int) -> list[VersionItem]:
        return [i for i in self.items if i.part == part]

    @property
    def parts(self) -> list[int]:
        return sorted({i.part for i in self.items})


@dataclass
class AssembledPaper:
    """A paper with all its versions, ready for every renderer."""

    title: str
    header: PaperHeader
    versions: list[PaperVersion]
    total_points: float = 10.0
