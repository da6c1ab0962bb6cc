"""Write probes: the destructive doors of the admin, tried by every role on the world's
forbidden objects (``tests.security.world``). Afterwards every object is still there,
unchanged, and nothing was created inside the confidential pool.

Each test runs in its own transaction inside the module's world, so a write that does
go through is rolled back before the next role tries.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Page

from question_bank.models import Stimulus
from tests.security import world as w

pytestmark = pytest.mark.django_db

#: Roles that must not change anything of the world; a superuser may change other
#: schools' things, never the confidential pool.
ROLES = [r for r in w.ROLES if r != "superuser"]
CONFIDENTIAL_KEYS = ("conf_bank", "conf_question", "conf_stimulus", "conf_matrix", "conf_paper")
ALL_KEYS = (
    *CONFIDENTIAL_KEYS,
    "priv_bank",
    "priv_question",
    "priv_matrix",
    "draft_a",
    "draft_b",
    "page_b",
    "lib_b",
    "lib_draft_b",
    "document_b",
    "image_b",
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield w.build_world()
        transaction.set_rollback(True)


def _snapshot(world, keys) -> dict:
    state = {}
    for key in keys:
        obj = world.objects[key]
        model = type(obj)
        row = model._default_manager.filter(pk=obj.pk).values().first()
        state[key] = row
    return state


def _writes(world) -> list[tuple[str, dict]]:
    """(url, form data) of every destructive write tried."""
    o = world.objects
    writes = []
    snippets = {
        "question_bank/questionbank": ("conf_bank", "priv_bank"),
        "question_bank/question": ("conf_question", "priv_question"),
        "question_bank/stimulus": ("conf_stimulus",),
        "question_bank/exammatrix": ("conf_matrix", "priv_matrix"),
        "content/libraryitem": ("lib_b", "lib_draft_b"),
    }
    for path, keys in snippets.items():
        for key in keys:
            pk = o[key].pk
            writes.append((f"/admin/snippets/{path}/delete/{pk}/", {}))
            writes.append((f"/admin/bulk/{path.replace('/', '/')}/delete/?id={pk}", {}))
    for key in ("draft_a", "draft_b", "page_b"):
        pk = o[key].pk
        writes.append((f"/admin/pages/{pk}/delete/", {}))
        writes.append((f"/admin/pages/{pk}/unpublish/", {}))
        writes.append((f"/admin/bulk/wagtailcore/page/delete/?id={pk}", {}))
        writes.append((f"/admin/bulk/wagtailcore/page/unpublish/?id={pk}", {}))
    document, image = o["document_b"], o["image_b"]
    collection = world.objects["school_a"].collection_id
    writes += [
        (f"/admin/documents/edit/{document.pk}/", {"title": "đã sửa", "collection": collection}),
        (f"/admin/documents/delete/{document.pk}/", {}),
        (f"/admin/images/{image.pk}/", {"title": "đã sửa", "collection": collection}),
        (f"/admin/images/{image.pk}/delete/", {}),
        (f"/admin/bulk/wagtaildocs/document/delete/?id={document.pk}", {}),
        (f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}", {}),
        (
            "/admin/snippets/question_bank/stimulus/add/",
            {"bank": o["conf_bank"].pk, "title": "chen vao kho", "content": "<p>x</p>"},
        ),
        (f"/admin/de-thi/de/{o['conf_paper'].pk}/ghep-lai/", {}),
    ]
    return writes


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_destructive_doors_change_nothing_they_must_not(world, role):
    keys = CONFIDENTIAL_KEYS if role == "superuser" else ALL_KEYS
    if role in ("librarian", "school_admin", "department_admin"):
        keys = tuple(k for k in keys if k != "draft_a")  # they curate school A's drafts
    before = _snapshot(world, keys)
    pool_stimuli = Stimulus.objects.filter(bank=world.objects["conf_bank"]).count()
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    errors = []
    for url, data in _writes(world):
        response = client.post(url, data)
        if response.status_code >= 500:
            errors.append(f"{url}: HTTP {response.status_code}")
    after = _snapshot(world, keys)
    changed = [k for k in keys if before[k] != after[k]]
    assert changed == [], changed
    assert Stimulus.objects.filter(bank=world.objects["conf_bank"]).count() == pool_stimuli
    if role != "superuser":
        assert Page.objects.filter(pk=world.objects["draft_b"].pk).exists()
    assert errors == []
