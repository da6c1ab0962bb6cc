from tests.lms.reports.conftest import area  # noqa: F401 - the same two schools
