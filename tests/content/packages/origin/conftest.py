import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from content.packages.services import package_publish, package_upload
from tests.accounts.factories import make_school, make_user
from tests.question_bank.formats.fixtures import fixture_path

CONTENT_HOST = "localhost:8001"  # the default CONTENT_ORIGIN's host (config.settings.base)


def upload(user, relpath: str, *, publish: bool = True):
    path = fixture_path(relpath)
    if not path.exists():
        pytest.skip(f"fixture {relpath} is missing")
    uploaded = SimpleUploadedFile(path.name, path.read_bytes())
    version = package_upload(user=user, uploaded_file=uploaded)
    if publish:
        package_publish(user=user, package=version.package)
    version.refresh_from_db()
    return version


@pytest.fixture
def school():
    return make_school()


@pytest.fixture
def teacher(school):
    return make_user(role=Role.TEACHER, school=school)


@pytest.fixture
def student(school):
    return make_user(role=Role.STUDENT, school=school)


@pytest.fixture
def scorm12(teacher):
    return upload(teacher, "scorm/singlesco_scorm12.zip")


@pytest.fixture
def h5p(teacher):
    return upload(teacher, "h5p/H5P.DragText.h5p")


def on_content(client, url: str, **extra):
    """GET ``url`` on the content origin's host."""
    return client.get(url, HTTP_HOST=CONTENT_HOST, **extra)
