"""Search at province scale (issue 6): indexing throughput and query latency.

1. In a throw-away database (``bench_search_scale`` on PostgreSQL, a file under ``build/``
   on SQLite) made from whatever DATABASE_URL names: three departments with district
   offices and schools, a student and a teacher, the GDPT 2018 curriculum plus the other
   subjects, library collections and question banks (scopes, confidential pools); then N
   library items and M questions written directly as ``SearchDocument`` rows (fixed seed,
   stable ids) whose columns come from ``search.documents.document_values`` — so the folded
   and tone-key companions are what production indexes — in two worker processes; the
   typo vocabulary (``vocabulary_rebuild``) and ANALYZE.
2. For each backend — the database backend (PostgreSQL or SQLite) always, OpenSearch when
   SEARCH_URL answers — in a fresh subprocess configured as production would be
   (SEARCH_BACKEND/SEARCH_URL, index prefix ``bench_scale_``): time
   ``search.maintenance.rebuild_index("default")`` (documents/s; then VACUUM/ANALYZE on
   PostgreSQL, as autovacuum would); then, after a warm-up, time ``search.service.search``
   over a fixed mix of 42 queries (accented, unaccented, typos, quoted phrases, common and
   rare words, facet filters, sorts, a second page, a relaxed no-match) as the student and
   as the teacher — so the permission rule and every facet are part of each request — and
   ``autocomplete`` for 14 prefixes. Warm-up and timed searches stop when ``--budget``
   seconds are spent (after at least 20 timed searches), so a slow backend still finishes;
   the table marks such a run. OpenSearch indexes are deleted afterwards.
3. Print a summary table with the targets of issue 6 (p95 under 50 ms on OpenSearch, under
   150 ms on PostgreSQL) as PASS/FAIL. A miss is reported, not an error exit.

For profiling, ``--keep`` leaves the database and index behind; ``--reuse bench_search_scale
[--no-rebuild]`` measures again on them without generating (drop them yourself afterwards:
``dropdb bench_search_scale``, ``DELETE /bench_scale_*``).

Prints one ``name: value unit`` line per figure, then the tables. Usage:
    .venv/bin/python benchmarks/search_scale.py [--items 100000] [--questions 200000]
        [--searches 320] [--budget 300] [--seed 1] [--warm-up 3] [--backends database,opensearch]
"""

import argparse
import json
import logging
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

DB_NAME = "bench_search_scale"  # never the dev database, nor test_hoclieu
INDEX_PREFIX = "bench_scale_"  # OpenSearch indexes of this benchmark (deleted at the end)
TARGETS_MS = {"postgresql": 150.0, "opensearch": 50.0}  # search p95, issue 6
CHUNK = 2500  # documents per generation task (each task has its own seeded RNG)
WORKERS = 2
MIN_TIMED = 20  # timed searches even when the time budget is spent

# --- The organisation -------------------------------------------------------------------
DEPARTMENTS = [  # code, name, district offices, schools per office, share of documents
    ("NB", "Sở GD&ĐT Ninh Bình", 8, 20, 0.6),
    ("TH", "Sở GD&ĐT Thanh Hoá", 6, 12, 0.25),
    ("ND", "Sở GD&ĐT Nam Định", 4, 10, 0.15),
]
ITEM_SCOPES = [("public", 35), ("province", 25), ("district", 20), ("school", 20)]
BANK_SCOPES = [("private", 35), ("school", 30), ("district", 15), ("province", 15)]
BANKS = 800
CONFIDENTIAL_SHARE = 0.05
COLLECTIONS = 40
IN_COLLECTION_SHARE = 0.08
TYPES = [
    ("document", 35),
    ("reference", 12),
    ("textbook", 8),
    ("video", 18),
    ("image", 10),
    ("audio", 7),
    ("link", 10),
]
TEXT_TYPES = {"document", "reference", "textbook"}
FULL_TEXT_SHARE = 0.6  # of the text types: extracted PDF text in the body
QTYPES = [
    ("single_choice", 60),
    ("true_false", 15),
    ("short_numeric", 10),
    ("multiple_response", 5),
    ("short_text", 5),
    ("essay", 5),
]
LEVELS = [("biet", 40), ("hieu", 35), ("van_dung", 25)]
STATUSES = [("approved", 62), ("draft", 18), ("submitted", 12), ("changes_requested", 8)]

# --- Vietnamese text --------------------------------------------------------------------
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Quốc", "Hữu", "Kim"]
GIVEN = ["Hà", "Lan", "Hùng", "Dũng", "Hương", "Mai", "Tuấn", "Trang", "Nam", "Phương", "Quý"]
PUBLISHERS = [
    "NXB Giáo dục Việt Nam",
    "NXB Đại học Sư phạm",
    "NXB Đại học Huế",
    "NXB Đại học Quốc gia Hà Nội",
    "",
]
SERIES = ["Kết nối tri thức với cuộc sống", "Chân trời sáng tạo", "Cánh Diều"]
EXAMS = ["giữa học kì I", "cuối học kì I", "giữa học kì II", "cuối học kì II", "15 phút"]
KIND_WORDS = {
    "document": ["Tài liệu ôn tập", "Chuyên đề", "Giáo án", "Phiếu học tập", "Bài tập"],
    "reference": ["Sách tham khảo", "Tuyển tập", "Sổ tay"],
    "textbook": ["Sách giáo khoa", "Sách bài tập", "Sách giáo viên"],
    "video": ["Video bài giảng", "Video thí nghiệm", "Bài giảng trực tuyến"],
    "image": ["Sơ đồ tư duy", "Infographic", "Tranh minh hoạ"],
    "audio": ["Bài nghe", "Sách nói", "Bài giảng âm thanh"],
    "link": ["Học liệu trực tuyến", "Trang luyện tập", "Mô phỏng tương tác"],
}
SENTENCES = [
    "Học sinh đọc kĩ đề bài, xác định dữ kiện đã cho và yêu cầu cần tìm trước khi giải.",
    "Giáo viên tổ chức cho các nhóm thảo luận, trình bày kết quả và nhận xét lẫn nhau.",
    "Phần luyện tập gồm các câu hỏi trắc nghiệm nhiều lựa chọn và câu hỏi đúng sai.",
    "Bài học giúp học sinh vận dụng kiến thức đã học vào giải quyết tình huống thực tiễn.",
    "Hãy quan sát hình vẽ, nêu nhận xét về mối quan hệ giữa các đại lượng trong bài.",
    "Ví dụ minh hoạ được trình bày chi tiết, kèm lời giải và các lưu ý thường gặp.",
    "Cuối mỗi chủ đề có bài kiểm tra ngắn để học sinh tự đánh giá mức độ hiểu bài.",
    "Tài liệu bám sát chương trình giáo dục phổ thông 2018 và yêu cầu cần đạt của môn học.",
    "Đề thi gồm 40 câu trắc nghiệm, thời gian làm bài 50 phút, không kể thời gian phát đề.",
    "Các bài tập được sắp xếp từ dễ đến khó theo bốn mức độ nhận thức.",
    "Học sinh hoàn thành phiếu học tập và nộp lại cho giáo viên vào cuối tiết học.",
    "Nội dung ôn tập chuẩn bị cho kì thi tốt nghiệp trung học phổ thông năm 2025.",
]
# Words that occur in a handful of documents only (the "rare word" queries).
RARE = [
    "Định lí Menelaus áp dụng cho tam giác và một cát tuyến bất kì.",
    "Nhà bác học Lomonoxop phát biểu định luật bảo toàn khối lượng.",
    "Bài toán con thỏ của Fibonacci dẫn tới dãy số nổi tiếng.",
    "Hang Sơn Đoòng ở Quảng Bình là hang động tự nhiên lớn nhất thế giới.",
]
RARE_SHARE = 0.0008

# code, name, grades, weight, topics, subject sentences. The curriculum (curriculum.loader)
# adds its lessons and outcomes for the subjects and grades it covers.
SUBJECTS = [
    (
        "toan",
        "Toán",
        range(1, 13),
        25,
        [
            "Các số trong phạm vi 100",
            "Bảng nhân, bảng chia",
            "Phân số",
            "Số thập phân",
            "Tỉ số phần trăm",
            "Toán chuyển động đều",
            "Số nguyên",
            "Biểu thức đại số và đa thức",
            "Hằng đẳng thức đáng nhớ",
            "Phương trình bậc nhất một ẩn",
            "Hệ hai phương trình bậc nhất hai ẩn",
            "Căn bậc hai và căn bậc ba",
            "Phương trình bậc hai một ẩn",
            "Hệ thức Vi-ét và ứng dụng",
            "Định lí Pythagore",
            "Tam giác đồng dạng",
            "Hệ thức lượng trong tam giác vuông",
            "Đường tròn và góc nội tiếp",
            "Hàm số bậc nhất và đồ thị",
            "Thống kê và xác suất",
            "Hàm số lượng giác",
            "Đạo hàm",
            "Nguyên hàm và tích phân",
            "Khảo sát và vẽ đồ thị hàm số",
            "Hình học không gian",
            "Vectơ trong không gian",
            "Cấp số cộng và cấp số nhân",
            "Giới hạn và hàm số liên tục",
        ],
        [
            "Phương trình bậc hai ax² + bx + c = 0 (a ≠ 0) có biệt thức Δ = b² − 4ac.",
            "Nếu Δ > 0 thì phương trình có hai nghiệm phân biệt x = (−b ± √Δ) / 2a.",
            "Theo hệ thức Vi-ét, x₁ + x₂ = −b/a và x₁·x₂ = c/a.",
            "Đạo hàm của hàm số y = xⁿ là y' = n·xⁿ⁻¹ với mọi số thực x.",
            "Tích phân của f(x) từ a đến b bằng F(b) − F(a), với F là một nguyên hàm của f.",
            "Trong tam giác vuông, bình phương cạnh huyền bằng tổng bình phương hai cạnh góc vuông.",
            "Với mọi số thực x ta có sin²x + cos²x = 1.",
            "Xác suất của biến cố A được tính bằng P(A) = n(A) / n(Ω).",
            "Hàm số đồng biến trên khoảng K khi đạo hàm của nó dương trên K.",
            "Thể tích khối chóp bằng một phần ba tích diện tích đáy và chiều cao.",
        ],
    ),
    (
        "ngu-van",
        "Ngữ văn",
        range(6, 13),
        10,
        [
            "Truyện Kiều – Nguyễn Du",
            "Bình Ngô đại cáo – Nguyễn Trãi",
            "Thơ Đường luật",
            "Truyện ngắn hiện đại Việt Nam",
            "Văn nghị luận xã hội",
            "Tuyên ngôn Độc lập – Hồ Chí Minh",
            "Chí Phèo – Nam Cao",
            "Vợ nhặt – Kim Lân",
            "Tây Tiến – Quang Dũng",
            "Lão Hạc – Nam Cao",
        ],
        [
            "Đoạn trích thể hiện tài năng miêu tả nội tâm nhân vật của tác giả.",
            "Bài thơ được viết theo thể thất ngôn bát cú Đường luật.",
            "Nghị luận xã hội cần có luận điểm rõ ràng, lí lẽ chặt chẽ và dẫn chứng tiêu biểu.",
            "Hình tượng người lính được khắc hoạ với vẻ đẹp hào hoa và bi tráng.",
            "Tác phẩm phản ánh số phận bi thảm của người nông dân trước Cách mạng tháng Tám.",
        ],
    ),
    (
        "tieng-viet",
        "Tiếng Việt",
        range(1, 6),
        6,
        [
            "Học vần",
            "Tập đọc: Cây tre Việt Nam",
            "Luyện từ và câu",
            "Chính tả nghe – viết",
            "Tập làm văn: Tả con vật",
            "Kể chuyện",
            "Từ đồng nghĩa, từ trái nghĩa",
            "Câu ghép",
        ],
        [
            "Em hãy tìm các từ chỉ sự vật, hoạt động và đặc điểm trong đoạn văn.",
            "Viết đoạn văn ngắn từ ba đến năm câu kể về một việc tốt em đã làm.",
            "Đọc to, rõ ràng, ngắt nghỉ hơi đúng sau dấu chấm và dấu phẩy.",
        ],
    ),
    (
        "tieng-anh",
        "Tiếng Anh",
        range(3, 13),
        10,
        [
            "Unit 1: Family Life",
            "Unit 2: Humans and the Environment",
            "Present perfect tense",
            "Passive voice",
            "Reported speech",
            "Conditional sentences",
            "Reading: Green living",
            "Listening: Music and festivals",
        ],
        [
            "Students practise the present perfect tense with since and for.",
            "Read the passage and answer the questions about green living.",
            "Listen to the conversation and complete the table with the missing words.",
            "The passive voice is used when the action is more important than the doer.",
        ],
    ),
    (
        "vat-ly",
        "Vật lí",
        range(10, 13),
        7,
        [
            "Định luật Ohm",
            "Chuyển động thẳng biến đổi đều",
            "Định luật bảo toàn động lượng",
            "Dao động điều hoà",
            "Sóng cơ và sóng âm",
            "Dòng điện xoay chiều",
            "Từ trường",
            "Vật lí hạt nhân",
        ],
        [
            "Theo định luật Ohm, cường độ dòng điện I = U / R.",
            "Động lượng p = m·v của một hệ kín được bảo toàn.",
            "Chu kì dao động của con lắc đơn là T = 2π√(l/g).",
            "Sóng âm truyền trong không khí với tốc độ khoảng 340 m/s.",
            "Gia tốc của chuyển động thẳng biến đổi đều là a = Δv / Δt.",
        ],
    ),
    (
        "hoa-hoc",
        "Hoá học",
        range(10, 13),
        7,
        [
            "Cấu hình electron nguyên tử",
            "Phản ứng oxi hoá – khử",
            "Tốc độ phản ứng",
            "Cân bằng hoá học",
            "Ester – Lipid",
            "Carbohydrate",
            "Polymer",
            "Pin điện và điện phân",
        ],
        [
            "Cấu hình electron của nguyên tử Na (Z = 11) là 1s²2s²2p⁶3s¹.",
            "Trong phản ứng oxi hoá – khử, chất khử nhường electron, chất oxi hoá nhận electron.",
            "Ester có công thức chung RCOOR', được tạo thành từ acid carboxylic và alcohol.",
            "Tốc độ phản ứng tăng khi tăng nồng độ, nhiệt độ hoặc dùng chất xúc tác.",
        ],
    ),
    (
        "sinh-hoc",
        "Sinh học",
        range(10, 13),
        5,
        [
            "Quang hợp ở thực vật",
            "Hô hấp tế bào",
            "Nguyên phân và giảm phân",
            "Nhiễm sắc thể và đột biến",
            "Di truyền học Mendel",
            "Tiến hoá",
            "Hệ sinh thái",
        ],
        [
            "Quang hợp diễn ra ở lục lạp, tạo ra glucose và giải phóng khí oxygen.",
            "Giảm phân tạo ra các giao tử có bộ nhiễm sắc thể đơn bội.",
            "Đột biến gen là những biến đổi trong cấu trúc của gen.",
        ],
    ),
    (
        "lich-su",
        "Lịch sử",
        range(10, 13),
        5,
        [
            "Chiến thắng Bạch Đằng năm 938",
            "Khởi nghĩa Lam Sơn",
            "Chiến dịch Điện Biên Phủ năm 1954",
            "Cách mạng tháng Tám năm 1945",
            "Chiến tranh thế giới thứ hai",
            "Công cuộc Đổi mới từ năm 1986",
        ],
        [
            "Năm 938, Ngô Quyền đánh tan quân Nam Hán trên sông Bạch Đằng.",
            "Chiến dịch Điện Biên Phủ kết thúc thắng lợi ngày 7 tháng 5 năm 1954.",
            "Cách mạng tháng Tám thành công, nước Việt Nam Dân chủ Cộng hoà ra đời.",
        ],
    ),
    (
        "dia-li",
        "Địa lí",
        range(10, 13),
        5,
        [
            "Khí hậu nhiệt đới ẩm gió mùa",
            "Vùng Đồng bằng sông Cửu Long",
            "Vùng Tây Nguyên",
            "Dân số và đô thị hoá",
            "Biển Đông và các đảo",
            "Thạch quyển và kiến tạo mảng",
        ],
        [
            "Đồng bằng sông Cửu Long là vùng trọng điểm lúa lớn nhất cả nước.",
            "Khí hậu nước ta có một mùa gió mùa mùa đông lạnh ở miền Bắc.",
            "Tây Nguyên có thế mạnh về cây công nghiệp lâu năm như cà phê, hồ tiêu.",
        ],
    ),
    (
        "khtn",
        "Khoa học tự nhiên",
        range(6, 10),
        6,
        [
            "Tế bào – đơn vị cơ sở của sự sống",
            "Lực và chuyển động",
            "Nguyên tử và nguyên tố hoá học",
            "Quang hợp",
            "Acid, base và muối",
            "Di truyền và biến dị",
            "Ánh sáng và thấu kính",
        ],
        [
            "Tế bào là đơn vị cấu trúc và chức năng của cơ thể sống.",
            "Ảnh tạo bởi thấu kính hội tụ có thể là ảnh thật hoặc ảnh ảo.",
            "Dung dịch acid làm quỳ tím chuyển sang màu đỏ.",
        ],
    ),
    (
        "lich-su-dia-li",
        "Lịch sử và Địa lí",
        range(4, 10),
        4,
        [
            "Nhà nước Văn Lang – Âu Lạc",
            "Nhà Lý dời đô về Thăng Long",
            "Đồng bằng Bắc Bộ",
            "Vùng Duyên hải miền Trung",
            "Bản đồ và phương hướng",
        ],
        [
            "Năm 1010, vua Lý Công Uẩn dời đô từ Hoa Lư về Đại La, đổi tên là Thăng Long.",
            "Đồng bằng Bắc Bộ do phù sa sông Hồng và sông Thái Bình bồi đắp.",
        ],
    ),
    (
        "tin-hoc",
        "Tin học",
        range(3, 13),
        4,
        [
            "Lập trình Python cơ bản",
            "Câu lệnh lặp",
            "Thuật toán sắp xếp",
            "Bảng tính điện tử",
            "An toàn thông tin trên Internet",
            "Cơ sở dữ liệu",
            "Trí tuệ nhân tạo",
        ],
        [
            "Câu lệnh for trong Python lặp qua các phần tử của một dãy.",
            "Thuật toán sắp xếp nổi bọt so sánh và đổi chỗ hai phần tử liền kề.",
            "Không chia sẻ mật khẩu và thông tin cá nhân trên mạng xã hội.",
        ],
    ),
    (
        "cong-nghe",
        "Công nghệ",
        range(3, 13),
        2,
        ["Vẽ kĩ thuật", "Trồng trọt", "Mạch điện dân dụng", "Chăn nuôi", "Thiết kế kĩ thuật"],
        ["Bản vẽ kĩ thuật trình bày hình dạng và kích thước của vật thể theo quy ước."],
    ),
    (
        "gdcd",
        "Giáo dục công dân",
        range(6, 10),
        2,
        ["Quyền và nghĩa vụ công dân", "Tiết kiệm", "Phòng chống bạo lực học đường"],
        ["Công dân có quyền và nghĩa vụ học tập theo quy định của pháp luật."],
    ),
    (
        "ktpl",
        "Giáo dục kinh tế và pháp luật",
        range(10, 13),
        1,
        ["Thị trường và cơ chế thị trường", "Pháp luật và đời sống", "Ngân sách nhà nước"],
        ["Thị trường có chức năng thừa nhận, thông tin và điều tiết sản xuất."],
    ),
    (
        "am-nhac",
        "Âm nhạc",
        range(1, 10),
        1,
        ["Hát: Quốc ca Việt Nam", "Nhạc cụ dân tộc", "Đọc nhạc"],
        ["Học sinh hát đúng giai điệu và lời ca, kết hợp gõ đệm theo phách."],
    ),
    (
        "mi-thuat",
        "Mĩ thuật",
        range(1, 10),
        1,
        ["Vẽ tranh phong cảnh", "Màu sắc", "Điêu khắc"],
        ["Sử dụng màu sắc đậm nhạt để tạo không gian cho bức tranh."],
    ),
]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def show(name: str, value, unit: str = "") -> None:
    print(f"{name}: {value} {unit}".rstrip(), flush=True)


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def configure(backend: str, db_name: str | None) -> None:
    """Settings as production builds them (before ``django.setup``): the search backend
    from SEARCH_BACKEND/SEARCH_URL (the test settings would keep the database backend as
    the default) with this benchmark's index prefix, and the throw-away database."""
    from django.conf import settings

    from search.settings import search_backends

    database = settings.DATABASES["default"]
    if db_name:  # a child: the database the parent made
        database["NAME"] = db_name
    elif settings.DATABASE_VENDOR == "postgresql":
        database.setdefault("TEST", {})["NAME"] = DB_NAME
    else:
        (ROOT / "build").mkdir(exist_ok=True)
        database.setdefault("TEST", {})["NAME"] = str(ROOT / "build" / f"{DB_NAME}.sqlite3")
    backends = search_backends(
        backend=backend,
        url=os.environ.get("SEARCH_URL"),
        database_vendor=settings.DATABASE_VENDOR,
        index_prefix=INDEX_PREFIX,
    )
    # Documents are indexed by rebuild_index only; nothing else is indexed on save.
    backends["default"]["AUTO_UPDATE"] = False
    settings.WAGTAILSEARCH_BACKENDS = backends
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)


# === 1. The world and the documents ========================================================
def make_world(rng: random.Random) -> dict:
    """Organisation, users, subjects, collections and banks; the context the document
    generators (forked workers) read."""
    from django.utils.text import slugify

    from accounts.models import Department, DistrictOffice, Role, School, SchoolLevel
    from accounts.services import user_create
    from content.library_models import CollectionKind, LibraryCollection
    from curriculum.loader import curriculum_load_files
    from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
    from question_bank.models import QuestionBank
    from question_bank.scales import CognitiveScale

    t0 = time.perf_counter()
    levels = [SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY, SchoolLevel.UPPER_SECONDARY]
    departments = []  # (share, [school rows])
    for code, name, n_offices, per_office, share in DEPARTMENTS:
        department = Department.objects.create(name=name, code=code)
        schools = []
        for d in range(1, n_offices + 1):
            office = DistrictOffice.objects.create(
                department=department, name=f"Phòng GD&ĐT huyện {d} ({code})", code=f"{code}-P{d}"
            )
            # Plain rows: school_create's Wagtail collection per school plays no part in
            # search and costs a tree reorder per school.
            schools += School.objects.bulk_create(
                School(
                    department=department,
                    district_office=office,
                    name=f"Trường số {s} huyện {d} ({code})",
                    code=f"{code}{d:02d}{s:03d}",
                    level=levels[s % 3],
                )
                for s in range(1, per_office + 1)
            )
        departments.append((share, schools))
    home = departments[0][1][1]  # an upper secondary school of the first department
    student = user_create(
        username="hs.bench",
        full_name="Nguyễn Thị Học Sinh",
        role=Role.STUDENT,
        school=home,
        student_id="2700000001",
    )
    teacher = user_create(
        username="gv.bench", full_name="Trần Văn Giáo Viên", role=Role.TEACHER, school=home
    )
    all_schools = [s for _share, schools in departments for s in schools]
    owners = [teacher] + [
        user_create(
            username=f"gv.{k}",
            full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            role=Role.TEACHER,
            school=school,
        )
        for k, school in enumerate(rng.sample(all_schools, 120))
    ]
    show("organisation", f"{len(all_schools)} schools, {len(owners)} teachers")

    results = curriculum_load_files()
    show("curriculum", f"{len(results)} files, {sum(r.lessons for r in results)} lessons")
    subjects = []
    for sort, (code, name, grades, weight, topics, sentences) in enumerate(SUBJECTS):
        subject, _created = Subject.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": sort}
        )
        # Topics per grade: the curriculum's lessons where it has them, ours elsewhere.
        by_grade = {}
        outcomes = list(sentences)
        for g in grades:
            lessons = [
                (lesson.name.split(". ", 1)[-1], lesson.topic.name)
                for lesson in CurriculumLesson.objects.filter(
                    topic__subject=subject, topic__grade=g
                ).select_related("topic")
            ]
            by_grade[g] = lessons + [(t, f"Chủ đề: {t}") for t in topics]
            outcomes += list(
                LearningOutcome.objects.filter(
                    lesson__topic__subject=subject, lesson__topic__grade=g
                ).values_list("text", flat=True)[:60]
            )
        subjects.append(
            {
                "id": subject.pk,
                "name": subject.name,
                "code": code,
                "weight": weight,
                "topics": by_grade,
                "sentences": outcomes,
            }
        )
    show("subjects", len(subjects), f"({Topic.objects.count()} curriculum topics)")

    collections = []
    for k in range(COLLECTIONS):
        subject = rng.choice(subjects)
        grade = rng.choice(list(subject["topics"]))
        name = f"Bộ sưu tập {subject['name']} lớp {grade} – số {k + 1}"
        collections.append(
            LibraryCollection.objects.create(
                name=name,
                slug=f"{slugify(name)}-{k + 1}",
                kind=rng.choice(CollectionKind.values),
                grade=grade,
            ).pk
        )

    scale = CognitiveScale.objects.get(is_default=True)
    bank_rows = []
    for k in range(BANKS):
        # The teacher owns banks 0-2 (private, school, district) and is a member of 3 (a
        # confidential exam pool) and 4 (a colleague's private bank).
        owner = teacher if k < 3 else owners[1 + k % (len(owners) - 1)]
        confidential = k == 3 or (k >= 5 and rng.random() < CONFIDENTIAL_SHARE)
        scope = "private" if confidential else weighted(rng, BANK_SCOPES)
        if k < 5:
            scope = ["private", "school", "district", "private", "private"][k]
        school = owner.school
        subject = weighted(rng, [(s, s["weight"]) for s in subjects])
        bank = QuestionBank.objects.create(
            name=f"Ngân hàng câu hỏi {subject['name']} – {school.name} ({k + 1})",
            owner=owner,
            subject_id=subject["id"],
            scale=scale,
            scope=scope,
            confidential=confidential,
            school=school if scope == "school" else None,
            district_office_id=school.district_office_id if scope == "district" else None,
            department_id=school.department_id if scope == "province" else None,
        )
        if k in (3, 4):  # a confidential exam pool and a colleague's bank: member only
            bank.members.add(teacher)
        bank_rows.append(
            {
                "id": bank.pk,
                "scope": scope,
                "school_id": bank.school_id,
                "district_office_id": bank.district_office_id,
                "department_id": bank.department_id,
                "subject": subject,
                "size": rng.paretovariate(1.5),
            }
        )
    show("question banks", BANKS, f"({sum(b['scope'] == 'private' for b in bank_rows)} private)")
    show("setup time", f"{time.perf_counter() - t0:.1f}", "s")
    return {
        "departments": [
            (share, [(s.pk, s.district_office_id, s.department_id) for s in schools])
            for share, schools in departments
        ],
        "subjects": subjects,
        "collections": collections,
        "banks": bank_rows,
        "student": student.pk,
        "teacher": teacher.pk,
    }


CONTEXT: dict = {}  # set before the workers fork


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def item_fields(rng: random.Random, pk: int, now) -> dict:
    from search.documents import _suggest
    from search.models import Audience, DocumentKind

    ctx = CONTEXT
    kind = weighted(rng, TYPES)
    subject = weighted(rng, ctx["subject_weights"])
    grade = rng.choice(list(subject["topics"]))
    grade_max = min(12, grade + rng.choice([0, 0, 0, 1, 2])) if kind in TEXT_TYPES else grade
    lesson, topic = rng.choice(subject["topics"][grade])
    sname = subject["name"]
    word = rng.choice(KIND_WORDS[kind])
    pattern = rng.random()
    if kind == "textbook":
        title = f"{word} {sname} {grade} – {rng.choice(SERIES)}"
    elif kind == "document" and pattern < 0.25:
        title = f"Đề kiểm tra {rng.choice(EXAMS)} môn {sname} lớp {grade}"
    elif kind == "document" and pattern < 0.45 and grade == 12:
        title = f"Ôn thi tốt nghiệp THPT môn {sname}: {lesson}"
    elif pattern < 0.6:
        title = f"{word}: {lesson} – {sname} {grade}"
    else:
        title = f"{word} {sname} lớp {grade}: {lesson}"
    if rng.random() < 0.2:
        title += f" ({rng.randint(2019, 2025)}–{rng.randint(2020, 2026)})"
    department = weighted(rng, ctx["department_weights"])
    school_id, office_id, department_id = rng.choice(department)
    scope = weighted(rng, ITEM_SCOPES)
    text_parts = [
        "\n".join(person(rng) for _ in range(rng.randint(1, 3))),
        rng.choice(PUBLISHERS) if kind in TEXT_TYPES else "",
        f"{word} về {lesson.lower()} dành cho học sinh lớp {grade}, bám sát chương trình "
        f"giáo dục phổ thông 2018.",
        " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 2))),
        topic,
    ]
    if kind in TEXT_TYPES and rng.random() < FULL_TEXT_SHARE:  # extracted PDF text
        pool = subject["sentences"]
        n = int(rng.lognormvariate(3.2, 0.6))  # median ~25 sentences, a few KB
        text = [rng.choice(pool) if rng.random() < 0.6 else rng.choice(SENTENCES) for _ in range(n)]
        if rng.random() < RARE_SHARE * 20:
            text.insert(rng.randrange(len(text) + 1), rng.choice(RARE))
        text_parts.append(" ".join(text))
    elif rng.random() < RARE_SHARE:
        text_parts.append(rng.choice(RARE))
    collections = []
    if rng.random() < IN_COLLECTION_SHARE:
        collections = rng.sample(ctx["collections"], rng.choice([1, 1, 2]))
    first = now - timedelta(seconds=rng.randrange(3 * 365 * 86400))
    return {
        "kind": DocumentKind.LIBRARY,
        "url": f"/thu-vien/{pk}/",
        "title": title,
        "body": " ".join(text_parts),
        "suggest": _suggest(title, sname, topic),
        "subject_id": subject["id"],
        "subject_name": sname,
        "grade_min": grade,
        "grade_max": grade_max,
        "resource_type": kind,
        "licence": rng.choice(ctx["item_licences"]),
        "audience": Audience.MATERIAL,
        "scope": scope,
        "school_id": school_id,
        "district_office_id": office_id,
        "department_id": department_id,
        "created_at": first,
        "popularity": int(rng.paretovariate(1.2)) - 1,
        "collections": collections,
    }


def math_stem(rng: random.Random):
    a, b, c = rng.randint(2, 9), rng.randint(1, 20), rng.randint(1, 15)
    k = rng.randrange(6)
    if k == 0:
        s, p = a + c, a * c
        return (
            f"Phương trình \\(x^2 - {s}x + {p} = 0\\) có hai nghiệm \\(x_1, x_2\\). "
            f"Tính \\(x_1 + x_2\\).",
            [s, -s, p, -p],
            f"Theo hệ thức Vi-ét, \\(x_1 + x_2 = {s}\\).",
        )
    if k == 1:
        return (
            f"Cho hàm số \\(y = {a}x^2 + {b}x - {c}\\). Đạo hàm của hàm số tại \\(x = 1\\) bằng",
            [2 * a + b, a + b, 2 * a, b],
            f"Ta có \\(y' = {2 * a}x + {b}\\), nên \\(y'(1) = {2 * a + b}\\).",
        )
    if k == 2:
        return (
            f"Tính tích phân \\(\\int_0^{{{c}}} {a}x\\,dx\\).",
            [a * c * c / 2, a * c * c, a * c, c * c],
            f"\\(\\int_0^{{{c}}} {a}x\\,dx = \\frac{{{a}}}{{2}}x^2 \\Big|_0^{{{c}}}\\).",
        )
    if k == 3:
        return (
            f"Cho tam giác ABC vuông tại A có AB = {3 * a} cm, AC = {4 * a} cm. Độ dài cạnh BC là",
            [f"{5 * a} cm", f"{7 * a} cm", f"{6 * a} cm", f"{4 * a} cm"],
            "Theo định lí Pythagore, \\(BC^2 = AB^2 + AC^2\\).",
        )
    if k == 4:
        return (
            f"Gieo một con xúc xắc cân đối và đồng chất. Xác suất để xuất hiện mặt có số chấm "
            f"chia hết cho {rng.choice([2, 3])} là",
            ["1/2", "1/3", "1/6", "2/3"],
            "Không gian mẫu có 6 phần tử, áp dụng công thức xác suất cổ điển.",
        )
    return (
        f"Cho cấp số cộng \\((u_n)\\) có \\(u_1 = {a}\\) và công sai \\(d = {b}\\). "
        f"Số hạng \\(u_{{{c}}}\\) bằng",
        [a + (c - 1) * b, a + c * b, a * c, b * c],
        f"\\(u_n = u_1 + (n - 1)d\\), nên \\(u_{{{c}}} = {a + (c - 1) * b}\\).",
    )


FACT_STEMS = {
    "vat-ly": [
        (
            "Một vật khối lượng {a} kg chuyển động với vận tốc {b} m/s. Động lượng của vật là",
            lambda a, b: [
                f"{a * b} kg·m/s",
                f"{a + b} kg·m/s",
                f"{a * b * 2} kg·m/s",
                f"{b} kg·m/s",
            ],
            "Động lượng p = m·v.",
        ),
        (
            "Đặt hiệu điện thế {a}0 V vào hai đầu điện trở {b} Ω. Cường độ dòng điện là",
            lambda a, b: [f"{a * 10 / b:.2f} A", f"{b / a:.2f} A", f"{a * b} A", "1 A"],
            "Theo định luật Ohm, I = U / R.",
        ),
    ],
    "hoa-hoc": [
        (
            "Nguyên tử X có số hiệu nguyên tử Z = {a}{b}. Vị trí của X trong bảng tuần hoàn là",
            lambda a, b: [
                "Chu kì 3, nhóm IA",
                "Chu kì 2, nhóm VIIA",
                "Chu kì 4, nhóm IIA",
                "Chu kì 3, nhóm VIA",
            ],
            "Viết cấu hình electron nguyên tử rồi suy ra vị trí.",
        ),
        (
            "Số oxi hoá của lưu huỳnh trong hợp chất H₂SO₄ là (câu {a}{b})",
            lambda a, b: ["+6", "+4", "−2", "0"],
            "Tổng số oxi hoá trong phân tử bằng 0.",
        ),
    ],
    "lich-su": [
        (
            "Chiến thắng Bạch Đằng năm 938 gắn liền với tên tuổi của ai? (câu {a}{b})",
            lambda a, b: ["Ngô Quyền", "Lê Hoàn", "Trần Hưng Đạo", "Lý Thường Kiệt"],
            "Năm 938, Ngô Quyền đánh tan quân Nam Hán trên sông Bạch Đằng.",
        ),
        (
            "Chiến dịch Điện Biên Phủ kết thúc thắng lợi vào năm nào? (câu {a}{b})",
            lambda a, b: ["1954", "1945", "1975", "1930"],
            "Ngày 7/5/1954 chiến dịch Điện Biên Phủ toàn thắng.",
        ),
    ],
    "dia-li": [
        (
            "Vùng nào có diện tích trồng lúa lớn nhất nước ta? (câu {a}{b})",
            lambda a, b: [
                "Đồng bằng sông Cửu Long",
                "Đồng bằng sông Hồng",
                "Tây Nguyên",
                "Bắc Trung Bộ",
            ],
            "Đồng bằng sông Cửu Long là vùng trọng điểm lúa lớn nhất.",
        )
    ],
    "sinh-hoc": [
        (
            "Quá trình quang hợp ở thực vật diễn ra chủ yếu ở bào quan nào? (câu {a}{b})",
            lambda a, b: ["Lục lạp", "Ti thể", "Ribosome", "Nhân tế bào"],
            "Lục lạp chứa diệp lục, nơi diễn ra quang hợp.",
        )
    ],
    "ngu-van": [
        (
            "Tác giả của Truyện Kiều là ai? (câu {a}{b})",
            lambda a, b: ["Nguyễn Du", "Nguyễn Trãi", "Hồ Xuân Hương", "Nguyễn Đình Chiểu"],
            "Truyện Kiều (Đoạn trường tân thanh) là tác phẩm của Nguyễn Du.",
        )
    ],
    "tieng-anh": [
        (
            "Choose the correct form of the verb: She ____ in Hà Nội since 20{a}{b}.",
            lambda a, b: ["has lived", "lives", "lived", "is living"],
            "Present perfect tense with since.",
        )
    ],
}


def question_fields(rng: random.Random, pk: int, now) -> dict:
    from search.documents import _clip, _suggest
    from search.models import Audience, DocumentKind

    ctx = CONTEXT
    bank = rng.choices(ctx["banks"], ctx["bank_weights"])[0]
    subject = bank["subject"]
    grade = rng.choice(list(subject["topics"]))
    lesson, topic = rng.choice(subject["topics"][grade])
    code = subject["code"]
    a, b = rng.randint(1, 9), rng.randint(1, 9)
    if code == "toan":
        stem, options, solution = math_stem(rng)
    elif code in FACT_STEMS and rng.random() < 0.7:
        template, make, solution = rng.choice(FACT_STEMS[code])
        stem, options = template.format(a=a, b=b), make(a, b)
    else:
        stem = (
            f"Câu {rng.randint(1, 50)}. Phát biểu nào sau đây về {lesson.lower()} là đúng? "
            f"{rng.choice(subject['sentences'])}"
        )
        options = [rng.choice(subject["sentences"]) for _ in range(4)]
        solution = rng.choice(SENTENCES)
    if rng.random() < RARE_SHARE:
        stem += " " + rng.choice(RARE)
    rng.shuffle(options)
    status = weighted(rng, STATUSES)
    live = status == "approved" or rng.random() < 0.1
    choices_text = " ".join(f"{option} " for option in options)  # Question.choices_text
    return {
        "kind": DocumentKind.QUESTION,
        "url": f"/admin/snippets/question_bank/question/edit/{pk}/",
        "title": _clip(stem, 200),
        "body": " ".join([stem, choices_text, solution, topic]),
        "suggest": _suggest(_clip(stem, 120), subject["name"], topic),
        "subject_id": subject["id"],
        "subject_name": subject["name"],
        "grade_min": grade,
        "grade_max": grade,
        "resource_type": weighted(rng, QTYPES),
        "level": weighted(rng, LEVELS),
        "licence": rng.choice(ctx["question_licences"]),
        "audience": Audience.QUESTION,
        "scope": bank["scope"],
        "school_id": bank["school_id"],
        "district_office_id": bank["district_office_id"],
        "department_id": bank["department_id"],
        "bank_id": bank["id"],
        "status": status,
        "live": live,
        "created_at": now - timedelta(seconds=rng.randrange(2 * 365 * 86400)),
        "popularity": int(rng.paretovariate(2.5)) - 1,
        "collections": [],
    }


def build_chunk(task: tuple[str, int, int, int, int]) -> tuple[int, int, float]:
    """Write one chunk of documents (run in a worker); returns (documents, body bytes, s)."""
    from django.db import connection, transaction

    from search.documents import document_values
    from search.models import SearchDocument, SearchDocumentCollection

    kind, chunk, first_pk, count, seed = task
    started = time.perf_counter()
    rng = random.Random(f"{seed}:{kind}:{chunk}")
    now = CONTEXT["now"]
    fields_of = item_fields if kind == "item" else question_fields
    content_type = CONTEXT["content_types"][kind]
    docs, memberships, size = [], [], 0
    for pk in range(first_pk, first_pk + count):
        values, collections = document_values(fields_of(rng, pk, now))
        size += len(values["body"].encode())
        docs.append(SearchDocument(id=pk, source_type_id=content_type, source_id=pk, **values))
        memberships += [
            SearchDocumentCollection(document_id=pk, collection_id=c) for c in collections
        ]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(docs, batch_size=500)
        SearchDocumentCollection.objects.bulk_create(memberships, batch_size=2000)
    connection.close()
    return count, size, time.perf_counter() - started


def memoize_text_helpers(sample) -> None:
    """Speed up ``document_values`` in this (generating) process and its forked workers.

    Most of its time goes to folding and tone-keying the same few thousand words word by
    word (``common.vietnamese.accented_keys``) and to rebuilding the label dictionaries
    for every document. Those are pure functions, so caching them changes nothing in the
    output — checked here on ``sample`` (builder dicts) before the cache is used. The
    measured processes (the per-backend children) run the code as it is.
    """
    from functools import lru_cache

    from common import vietnamese
    from search import documents, labels

    expected = [documents.document_values(fields) for fields in sample]
    fold = vietnamese.fold
    fold_word = lru_cache(maxsize=500_000)(fold)
    vietnamese.fold = lambda text: fold_word(text) if len(text) <= 40 else fold(text)
    vietnamese._syllable_key = lru_cache(maxsize=500_000)(vietnamese._syllable_key)
    labels.kind_labels = lru_cache(maxsize=1)(labels.kind_labels)
    labels.resource_type_labels = lru_cache(maxsize=1)(labels.resource_type_labels)
    if [documents.document_values(fields) for fields in sample] != expected:
        raise SystemExit("memoized document_values differs from the original")


def load_documents(args, world) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, connections
    from django.utils import timezone

    from common.sharing import Licence

    # The licences each kind was offered before the platform had one list (same data).
    item_licences = [
        Licence.CC_BY, Licence.CC_BY_SA, Licence.CC_BY_NC, Licence.CC_BY_NC_SA,
        Licence.CC0, Licence.EDUCATION, Licence.READ_ONLY,
    ]  # fmt: skip
    question_licences = [
        Licence.CC_BY,
        Licence.CC_BY_SA,
        Licence.CC_BY_NC_SA,
        Licence.SCHOOL,
        Licence.UNKNOWN,
    ]
    from search.labels import level_labels
    from search.models import SearchDocument, SearchDocumentCollection
    from search.spelling import vocabulary_rebuild

    level_labels()  # cached before the fork

    CONTEXT.update(world)
    CONTEXT.update(
        now=timezone.now().replace(microsecond=0),
        subject_weights=[(s, s["weight"]) for s in world["subjects"]],
        department_weights=[(schools, share) for share, schools in world["departments"]],
        bank_weights=[b["size"] for b in world["banks"]],
        item_licences=[str(v) for v in item_licences],
        question_licences=[str(v) for v in question_licences],
        content_types={
            "item": ContentType.objects.get_by_natural_key("content", "libraryitem").pk,
            "question": ContentType.objects.get_by_natural_key("question_bank", "question").pk,
        },
    )
    sample_rng = random.Random(args.seed - 1)
    memoize_text_helpers(
        [item_fields(sample_rng, k, CONTEXT["now"]) for k in range(200)]
        + [question_fields(sample_rng, k, CONTEXT["now"]) for k in range(200)]
    )
    tasks = []
    for kind, total, offset in [
        ("item", args.items, 0),
        ("question", args.questions, args.items),
    ]:
        for chunk, start in enumerate(range(0, total, CHUNK)):
            tasks.append((kind, chunk, offset + start + 1, min(CHUNK, total - start), args.seed))
    workers = WORKERS if connection.vendor == "postgresql" else 1
    started = time.perf_counter()
    connections.close_all()
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(build_chunk, tasks, chunksize=1)
    else:
        done = [build_chunk(t) for t in tasks]
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [SearchDocument, SearchDocumentCollection]
        ):
            cursor.execute(sql)
    documents = sum(d[0] for d in done)
    show("documents", documents, f"({args.items} library items, {args.questions} questions)")
    show("document body", f"{sum(d[1] for d in done) / documents / 1024:.1f}", "KiB (mean)")
    show("collection memberships", SearchDocumentCollection.objects.count())
    show(
        "document build + write",
        f"{documents / elapsed:.0f}",
        f"documents/s ({elapsed:.1f} s, {workers} processes, document_values included)",
    )
    t0 = time.perf_counter()
    words = vocabulary_rebuild()
    show("vocabulary", words, f"words in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    show("analyze time", f"{time.perf_counter() - t0:.1f}", "s")


# === 2. One backend (a child process) ======================================================
def query_mix(subjects: dict[str, int], collections: list[int]) -> list[tuple[str, dict]]:
    """The fixed query mix: (label, SearchParams keywords)."""
    toan, ly, hoa, su = (
        subjects["toan"],
        subjects["vat-ly"],
        subjects["hoa-hoc"],
        subjects["lich-su"],
    )
    return [
        ("accented phrase", {"q": "phương trình bậc hai"}),
        ("unaccented", {"q": "phuong trinh bac hai"}),
        ("typo", {"q": "phuong trinh bac hia"}),
        ("common word", {"q": "toán"}),
        ("common unaccented", {"q": "toan"}),
        ("common word + subject + grade", {"q": "toán", "subject": [toan], "grade": 9}),
        ("quoted phrase", {"q": '"hệ thức Vi-ét"'}),
        ("quoted + word", {"q": '"phương trình bậc hai" lớp 9'}),
        ("proper noun", {"q": "Điện Biên Phủ"}),
        ("proper noun unaccented", {"q": "dien bien phu"}),
        ("rare word", {"q": "Lomonoxop"}),
        ("rare word 2", {"q": "Menelaus"}),
        ("rare unaccented", {"q": "hang son doong"}),
        ("topic + grade", {"q": "quang hợp", "grade": 11}),
        ("word + subject + grade", {"q": "đạo hàm", "subject": [toan], "grade": 12}),
        ("long unaccented", {"q": "dao ham cua ham so tai x bang"}),
        ("typo 2", {"q": "tich phna"}),
        ("lượng giác", {"q": "lượng giác"}),
        ("electron", {"q": "cấu hình electron", "subject": [hoa]}),
        ("electron unaccented", {"q": "cau hinh electron nguyen tu"}),
        ("label words + newest", {"q": "tài liệu ôn tập", "sort": "newest"}),
        ("textbook type", {"q": "sách giáo khoa", "resource_type": ["textbook"]}),
        ("abbreviation", {"q": "sgk toán 9"}),
        ("kind filter", {"q": "video bài giảng hoá học", "kind": ["library"]}),
        ("common + popular", {"q": "bài tập", "sort": "popular"}),
        ("level label", {"q": "nhận biết", "level": ["biet"]}),
        ("question kind", {"q": "hàm số", "kind": ["question"], "level": ["van_dung"]}),
        ("exam", {"q": "đề kiểm tra giữa học kì"}),
        ("exam unaccented + variant", {"q": "de kiem tra hoc ky 1"}),
        ("ôn thi THPT", {"q": "ôn thi tốt nghiệp THPT", "grade": 12}),
        ("physics law", {"q": "định luật Ohm", "subject": [ly]}),
        ("physics unaccented", {"q": "dinh luat bao toan dong luong"}),
        ("history", {"q": "Bạch Đằng 938", "subject": [su]}),
        ("literature", {"q": "Truyện Kiều Nguyễn Du"}),
        ("english", {"q": "present perfect tense"}),
        ("python", {"q": "Python"}),
        ("licence filter", {"q": "hình học không gian", "licence": ["CC-BY-4.0"]}),
        ("collection filter", {"q": "", "collection": collections[0]}),
        ("browse subject newest", {"q": "", "subject": [toan], "sort": "newest"}),
        ("browse everything", {"q": ""}),
        ("page 2", {"q": "xác suất", "page": 2}),
        ("no match → relaxed", {"q": "phương trình Lomonoxop Fibonacci sông"}),
    ]


AUTOCOMPLETE = [
    "ph",
    "phuong tr",
    "toa",
    "đạo h",
    "chuyen de",
    "video bai",
    "de kiem",
    "dien bi",
    "quang h",
    "cau hinh e",
    "luong gi",
    "sach giao khoa toan",
    "truyen ki",
    "python",
]


def index_size(backend) -> int:
    """Documents in the backend's index. (``search.maintenance.indexed_count`` imports
    ``modelsearch.models``, which is not an installed app under Wagtail, so it fails on
    the database backend.)"""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
    from modelsearch.conf import get_app_config

    from search.maintenance import indexed_count
    from search.models import SearchDocument
    from search.postgres import uses_own_vectors

    if isinstance(backend, ElasticsearchBaseSearchBackend) or uses_own_vectors(backend):
        return indexed_count(backend)
    entries = get_app_config().get_model("IndexEntry")
    content_type = ContentType.objects.get_for_model(SearchDocument)
    return entries.objects.filter(content_type=content_type).count()


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def child(args) -> None:
    configure(args.child, args.db_name)
    import django

    django.setup()
    logging.getLogger("opensearch").setLevel(logging.ERROR)  # one line per request
    from django.db import connection

    from accounts.models import User
    from content.library_models import LibraryCollection
    from curriculum.models import Subject
    from search.maintenance import rebuild_index
    from search.models import SearchDocument
    from search.service import SearchParams, autocomplete, search

    label = "opensearch" if args.child != "database" else connection.vendor
    out: dict = {"backend": label}
    started = time.perf_counter()
    print(f"\n== {label} (SEARCH_BACKEND={args.child}) ==", flush=True)
    try:
        from modelsearch.backends import get_search_backend

        backend = get_search_backend("default")
        if args.no_rebuild:
            count = SearchDocument.objects.count()
            out.update(documents=count, index_s=0.0, index_rate=0.0)
            show(f"{label} rebuild_index", "skipped (--no-rebuild)")
        else:
            t0 = time.perf_counter()
            count = rebuild_index("default")
            elapsed = time.perf_counter() - t0
            out.update(documents=count, index_s=elapsed, index_rate=count / elapsed)
            show(
                f"{label} rebuild_index",
                f"{count / elapsed:.0f}",
                f"documents/s ({elapsed:.1f} s)",
            )
        t0 = time.perf_counter()
        if label == "opensearch":
            index = backend.get_index_for_model(SearchDocument)
            backend.es.indices.refresh(index=index.name)
        else:
            # The steady state autovacuum reaches soon after a rebuild: modelsearch rewrites
            # every entry (title_norm) after inserting it, leaving dead rows behind.
            from modelsearch.conf import get_app_config

            table = get_app_config().get_model("IndexEntry")._meta.db_table
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
                cursor.execute("ANALYZE")
        show(f"{label} refresh/vacuum/analyze", f"{time.perf_counter() - t0:.1f}", "s")
        indexed = index_size(backend)
        show(f"{label} documents in the index", indexed)
        if indexed != count:
            raise SystemExit(f"{label}: {indexed} documents indexed, expected {count}")

        users = {
            "student": User.objects.get(username="hs.bench"),
            "teacher": User.objects.get(username="gv.bench"),
        }
        subjects = dict(Subject.objects.values_list("code", "pk"))
        collections = list(LibraryCollection.objects.order_by("pk").values_list("pk", flat=True))
        mix = query_mix(subjects, collections)

        def run(q: int, role: str):
            query_label, params = mix[q]
            response = search(users[role], SearchParams(**params))
            if response.error:
                raise SystemExit(f"{label}: search {params} failed: {response.error}")
            kinds = {f.value: f.count for f in response.facets.get("kind", [])}
            if role == "student" and kinds.get("question"):
                raise SystemExit(f"{label}: the student found questions ({query_label})")
            totals[(q, role)] = response.total

        # Warm-up: every query --warm-up times per user and every prefix once, within a
        # quarter of the time budget (a backend taking seconds per search would never
        # finish). More than one round: a search engine just started or just indexed runs
        # its first requests in a JVM that has not compiled them yet, which a server in
        # use has long done.
        totals: dict[tuple[int, str], int] = {}
        rng = random.Random(args.seed)
        pairs = [(q, role) for q in range(len(mix)) for role in users]
        warm_up = pairs * max(1, args.warm_up)
        t0 = time.perf_counter()
        deadline = t0 + args.budget
        warmed = 0
        for q, role in warm_up:
            if time.perf_counter() > t0 + args.budget / 4:
                break
            run(q, role)
            warmed += 1
        for prefix in AUTOCOMPLETE:
            for user in users.values():
                if time.perf_counter() < t0 + args.budget / 4:
                    autocomplete(user, prefix)
        show(
            f"{label} warm-up",
            f"{time.perf_counter() - t0:.1f}",
            f"s ({warmed} of {len(warm_up)} searches)",
        )

        # Timed: shuffled rounds of every (query, user) pair until --searches are done or
        # the budget is spent (then at least MIN_TIMED searches).
        by_query: dict[tuple[int, str], list[float]] = {}
        all_ms: dict[str, list[float]] = {"student": [], "teacher": []}
        t1 = time.perf_counter()
        order = []
        while len(order) < args.searches:
            rng.shuffle(pairs)
            order += pairs
        order = order[: args.searches]
        for n, (q, role) in enumerate(order):
            if n >= MIN_TIMED and time.perf_counter() > deadline:
                break
            ms = timed(lambda q=q, role=role: run(q, role))
            all_ms[role].append(ms)
            by_query.setdefault((q, role), []).append(ms)
        search_s = time.perf_counter() - t1
        combined = all_ms["student"] + all_ms["teacher"]
        complete = len(combined) == len(order)
        ac_ms = []
        t2 = time.perf_counter()
        for _round in range(3):
            for prefix in AUTOCOMPLETE:
                for user in users.values():
                    if ac_ms and time.perf_counter() > max(deadline, t2 + args.budget / 4):
                        break
                    ac_ms.append(timed(lambda user=user, prefix=prefix: autocomplete(user, prefix)))
        out.update(searches=len(combined), complete=complete)
        if not complete:
            show(
                f"{label} time budget",
                f"spent after {len(combined)} of {len(order)} timed searches",
                f"(--budget {args.budget:.0f} s)",
            )
        for name, values in [
            ("search", combined),
            ("student", all_ms["student"]),
            ("teacher", all_ms["teacher"]),
            ("autocomplete", ac_ms),
        ]:
            if not values:
                continue
            out[name] = {
                "n": len(values),
                "p50": pct(values, 50),
                "p95": pct(values, 95),
                "max": max(values),
            }
            show(
                f"{label} {name} latency",
                f"p50 {pct(values, 50):.1f} / p95 {pct(values, 95):.1f} / max {max(values):.1f}",
                f"ms ({len(values)} timed)",
            )
        show(f"{label} timed searches", f"{len(combined) / search_s:.1f}", "searches/s (serial)")
        everything = [
            q for q, (query_label, _p) in enumerate(mix) if query_label == "browse everything"
        ]
        visible = [totals.get((everything[0], role), "?") for role in users]
        show(f"{label} visible documents", f"student {visible[0]}, teacher {visible[1]}")

        print(f"\n{label}: per query (hits, median ms)", flush=True)
        print(f"  {'query':34} {'hits st':>8} {'hits tc':>8} {'ms st':>8} {'ms tc':>8}")
        for q, (query_label, _params) in enumerate(mix):
            cells = []
            for role in users:
                cells.append(totals.get((q, role), "-"))
            for role in users:
                times = by_query.get((q, role))
                cells.append(f"{pct(times, 50):.1f}" if times else "-")
            print(f"  {query_label[:34]:34} " + " ".join(f"{c:>8}" for c in cells))
    finally:
        if args.child != "database" and not args.keep:
            from modelsearch.backends import get_search_backend

            es = get_search_backend("default").es
            names = list(es.indices.get(index=f"{INDEX_PREFIX}*").keys())
            for name in names:
                es.indices.delete(index=name)
            show(f"{label} indexes deleted", ", ".join(names) or "none")
    out["run_s"] = time.perf_counter() - started
    show(f"{label} run time", f"{out['run_s']:.1f}", "s (rebuild + warm-up + timed queries)")
    Path(args.result).write_text(json.dumps(out))


# === The driver ===========================================================================
def engine_available() -> str | None:
    """The SEARCH_BACKEND to use for the engine run, if SEARCH_URL answers."""
    url, backend = os.environ.get("SEARCH_URL"), os.environ.get("SEARCH_BACKEND", "")
    if not url:
        return None
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:  # noqa: S310 - SEARCH_URL
            reply.read()
    except OSError:
        return None
    return backend if backend and backend != "database" else "opensearch2"


def summary(results: list[dict], total_s: float) -> None:
    print("\nsummary (ms; search = every timed search of student and teacher)", flush=True)
    print(
        f"  {'backend':10} {'documents':>9} {'index s':>8} {'docs/s':>7} {'searches':>9} "
        f"{'p50':>7} {'p95':>7} {'max':>7} {'ac p50':>7} {'ac p95':>7} {'target p95':>10} "
        f"{'result':>6} {'run s':>6}"
    )
    for r in results:
        target = TARGETS_MS.get(r["backend"])
        s, ac = r["search"], r["autocomplete"]
        verdict = "n/a" if target is None else ("PASS" if s["p95"] < target else "FAIL")
        target_text = "none" if target is None else f"< {target:.0f}"
        searches = f"{s['n']}{'' if r['complete'] else '*'}"
        rate = f"{r['index_rate']:.0f}" if r["index_s"] else "-"
        print(
            f"  {r['backend']:10} {r['documents']:>9} {r['index_s']:>8.1f} "
            f"{rate:>7} {searches:>9} {s['p50']:>7.1f} {s['p95']:>7.1f} "
            f"{s['max']:>7.1f} {ac['p50']:>7.1f} {ac['p95']:>7.1f} {target_text:>10} "
            f"{verdict:>6} {r['run_s']:>6.0f}"
        )
    if not all(r["complete"] for r in results):
        print("  * fewer timed searches than --searches: the --budget ran out")
    show("total time", f"{total_s:.1f}", "s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--searches", type=int, default=320, help="timed searches (minimum)")
    parser.add_argument(
        "--budget",
        type=float,
        default=300,
        help="seconds per backend for warm-up and timed searches (default 300)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--warm-up", type=int, default=3, help="warm-up rounds of the query mix (default 3)"
    )
    parser.add_argument(
        "--backends", default="database,opensearch", help="database and/or opensearch"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database and the OpenSearch index (for profiling; drop them yourself)",
    )
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="use a database left by --keep instead of generating one (it is kept)",
    )
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="with --reuse: query the indexes --keep left, without rebuilding them",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db-name", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.no_rebuild and not args.reuse:
        parser.error("--no-rebuild needs --reuse")

    wanted = {b.strip() for b in args.backends.split(",") if b.strip()}
    runs = ["database"] if "database" in wanted else []
    if "opensearch" in wanted:
        engine = engine_available()
        if engine:
            runs.append(engine)
        else:
            show("opensearch", "skipped (SEARCH_URL not set or not answering)")

    configure("database", args.reuse)
    import django

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    creation = connection.creation
    if args.reuse:
        old_name, db_name = None, args.reuse
        show("database", f"{connection.vendor} ({Path(db_name).name}, reused)")
    else:
        old_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        db_name = connection.settings_dict["NAME"]
    results = []
    try:
        if not args.reuse:
            show("database", f"{connection.vendor} ({Path(db_name).name})")
            rng = random.Random(args.seed)
            world = make_world(rng)
            load_documents(args, world)
            show("prepare time", f"{time.perf_counter() - started:.1f}", "s")
        connection.close()
        for backend in runs:
            env = dict(os.environ)
            if backend == "database":
                env.pop("SEARCH_BACKEND", None)
                env.pop("SEARCH_URL", None)
            else:
                env["SEARCH_BACKEND"] = backend
            env["SEARCH_INDEX_PREFIX"] = INDEX_PREFIX
            flags = [
                *(["--keep"] if args.keep or args.reuse else []),
                *(["--no-rebuild"] if args.no_rebuild else []),
            ]
            with tempfile.NamedTemporaryFile(suffix=".json") as result:
                subprocess.run(  # noqa: S603 - our own script
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        backend,
                        "--db-name",
                        db_name,
                        "--result",
                        result.name,
                        "--searches",
                        str(args.searches),
                        "--seed",
                        str(args.seed),
                        "--budget",
                        str(args.budget),
                        "--warm-up",
                        str(args.warm_up),
                        *flags,
                    ],
                    env=env,
                    check=True,
                )
                results.append(json.loads(Path(result.name).read_text()))
        summary(results, time.perf_counter() - started)
    finally:
        connection.close()
        if args.keep or args.reuse:
            show("kept database", db_name)
        else:
            creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
