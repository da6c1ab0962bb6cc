from tests.lms.exams.conftest import _fresh_exam_caches  # noqa: F401 - autouse fixture
