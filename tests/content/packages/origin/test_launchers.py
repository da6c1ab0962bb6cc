import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from content.packages.origin.tokens import launch_token
from content.packages.origin.urls import launcher_url

from .conftest import on_content

pytestmark = pytest.mark.django_db
VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"


def launcher(client, user, version, **query):
    token = launch_token(user_id=user.pk, version_id=version.pk)
    url = launcher_url(token=token, version=version, **query)
    return token, on_content(client, url.removeprefix(settings.CONTENT_ORIGIN))


def config_of(response) -> dict:
    html = response.content.decode()
    found = re.search(r'<script id="hoclieu-launcher" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def scripts_of(response) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', response.content.decode())


def test_scorm12_launcher_loads_the_12_runtime_and_names_the_sco(client, student, scorm12):
    token, response = launcher(client, student, scorm12)
    assert response.status_code == 200
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in response["Content-Security-Policy"]
    assert not response.cookies
    assert scripts_of(response) == [
        "/__hoclieu__/tinh/vendor/scorm-again/scorm12.min.js",
        "/__hoclieu__/tinh/content/packages/launcher-scorm.js",
    ]
    config = config_of(response)
    assert config["kind"] == "scorm12"
    assert config["mainOrigin"] == "http://127.0.0.1:8000"
    assert config["scoUrl"].startswith(f"/goi/{token}/")
    assert config["scoUrl"].removeprefix(f"/goi/{token}/") == scorm12.launch
    # The SCO's frame has no src: it is loaded after the parent's "init".
    frame = re.search(r'<iframe id="hoclieu-sco"[^>]*>', response.content.decode()).group(0)
    assert "src=" not in frame


def test_a_chosen_sco_and_an_unknown_one(client, student, scorm12):
    first = scorm12.structure["scos"][0]
    _token, response = launcher(client, student, scorm12, sco=first["id"])
    assert config_of(response)["sco"]["id"] == first["id"]
    _token, response = launcher(client, student, scorm12, sco="KHONG-CO")
    assert response.status_code == 404
    assert "không có mục học" in response.content.decode()


def test_scorm2004_launcher_loads_the_2004_runtime(client, teacher, student):
    from .conftest import upload

    version = upload(teacher, "scorm/RuntimeBasicCalls_SCORM20043rdEdition.zip")
    _token, response = launcher(client, student, version)
    assert response.status_code == 200
    assert scripts_of(response)[0] == "/__hoclieu__/tinh/vendor/scorm-again/scorm2004.min.js"
    assert config_of(response)["kind"] == "scorm2004"


def test_h5p_launcher_loads_h5p_standalone(client, student, h5p):
    token, response = launcher(client, student, h5p)
    assert response.status_code == 200
    assert scripts_of(response) == [
        "/__hoclieu__/tinh/vendor/h5p-standalone/main.bundle.js",
        "/__hoclieu__/tinh/content/packages/launcher-h5p.js",
    ]
    config = config_of(response)
    assert config["base"] == f"/goi/{token}"
    assert config["frameJs"].endswith("/frame.bundle.js")
    assert '<div id="hoclieu-h5p"' in response.content.decode()


def test_a_launcher_of_the_other_kind_is_404(client, student, scorm12, h5p):
    token = launch_token(user_id=student.pk, version_id=h5p.pk)
    assert on_content(client, f"/goi/{token}/__hoclieu__/scorm/").status_code == 404
    token = launch_token(user_id=student.pk, version_id=scorm12.pk)
    assert on_content(client, f"/goi/{token}/__hoclieu__/h5p/").status_code == 404


def test_launchers_need_a_valid_token(client):
    assert on_content(client, "/goi/abc/__hoclieu__/scorm/").status_code == 403
    assert on_content(client, "/goi/abc/__hoclieu__/h5p/").status_code == 403


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("vendor/scorm-again/scorm12.min.js", "text/javascript"),
        ("vendor/scorm-again/scorm2004.min.js", "text/javascript"),
        ("vendor/h5p-standalone/main.bundle.js", "text/javascript"),
        ("vendor/h5p-standalone/frame.bundle.js", "text/javascript"),
        ("vendor/h5p-standalone/styles/h5p.css", "text/css"),
        ("content/packages/launcher-scorm.js", "text/javascript"),
        ("content/packages/launcher-h5p.js", "text/javascript"),
    ],
)
def test_the_runtime_is_served_on_the_content_origin(client, path, content_type):
    response = on_content(client, f"/__hoclieu__/tinh/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["content/content.css", "vendor/katex/katex.min.js", "vendor/../content/content.css"]
)
def test_only_the_runtime_is_served(client, path):
    assert on_content(client, f"/__hoclieu__/tinh/{path}").status_code == 404


def test_scripts_install_vendored_the_players():
    # scripts/install copies them from node_modules (package-lock.json pins the versions).
    for name in (
        "scorm-again/scorm12.min.js",
        "scorm-again/scorm2004.min.js",
        "scorm-again/LICENSE",
        "h5p-standalone/main.bundle.js",
        "h5p-standalone/frame.bundle.js",
        "h5p-standalone/styles/h5p.css",
        "h5p-standalone/fonts/h5p-core-30.woff2",
        "h5p-standalone/LICENSE",
    ):
        assert (VENDOR / name).is_file(), name
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/scorm-again"]["version"] == "3.4.3"
    assert lock["packages"]["node_modules/h5p-standalone"]["version"] == "3.8.2"
