"""Every door of the project: each URL pattern of the site, the Wagtail admin (choosers,
bulk actions, reports, the admin API), our JSON API and the file URLs, filled with the ids
of the world's forbidden objects (``tests.security.world``).

``doors(world)`` answers, for each URL pattern the project's URL resolver knows, the
concrete requests to make. A pattern no rule here knows raises :class:`UnknownDoor`, so a
new door cannot be added without being probed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale, Page, Site, Task, Workflow

from curriculum.models import Subject
from tests.security.world import SEARCH_WORD, World

#: A query that is one typo away from a confidential stem's marker ("did you mean" must
#: not offer it) and the start of the confidential tag (tag autocomplete must not offer it).
TYPO_QUERY = "xmkconfstex"
TAG_PREFIX = "xmkconf"


class UnknownDoor(Exception):
    pass


@dataclass(frozen=True)
class Door:
    pattern: str
    url: str
    method: str = "GET"
    body: str | None = None


def url_patterns() -> list[str]:
    """Every URL pattern of the project as one string (prefixes joined), in resolver order."""

    def walk(resolver, prefix=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return list(dict.fromkeys(walk(get_resolver())))


_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def fill(pattern: str, values: dict) -> str:
    """``pattern`` with its parameters replaced by ``values`` (``KeyError`` if one is missing)."""
    path = pattern.replace("^", "").replace("$", "")
    path = _CONVERTER.sub(lambda m: str(values[m.group("name")]), path)
    path = _NAMED_GROUP.sub(lambda m: str(values[m.group("name")]), path)
    path = path.replace("\\.", ".")
    return "/" + path


_UNNAMED_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def params(pattern: str) -> set[str]:
    """The pattern's parameters; an unnamed regex group counts as one (``_group0``…), so a
    regex door without a rule of its own is unknown rather than requested literally."""
    unnamed = {f"_group{i}" for i, _m in enumerate(_UNNAMED_GROUP.finditer(pattern))}
    return (
        {m.group("name") for m in _CONVERTER.finditer(pattern)}
        | {m.group("name") for m in _NAMED_GROUP.finditer(pattern)}
        | unnamed
    )


# --- the world's objects as targets -----------------------------------------------------
def _targets_of(world: World, model) -> list:
    """The forbidden objects of ``model`` (or of its concrete subclasses)."""
    found = []
    for value in world.objects.values():
        for obj in value if isinstance(value, list) else [value]:
            if isinstance(obj, model) and obj not in found:
                found.append(obj)
    if model is Page or issubclass(model, Page):
        found = [p for p in found if isinstance(p, Page)]
    return found


def _some_pk(model) -> int:
    """An existing row of a reference-data model (or an id that does not exist)."""
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 999_999


def _object_values(obj) -> dict:
    """Revision and workflow ids belonging to ``obj`` for the per-object admin doors."""
    values = {
        "revision_id": 999_999,
        "task_state_id": 999_999,
        "workflow_state_id": 999_999,
        "action_name": "approve",
    }
    revision = getattr(obj, "latest_revision", None)
    if revision is not None:
        values["revision_id"] = revision.pk
    if hasattr(obj, "workflow_states"):
        state = obj.workflow_states.order_by("-pk").first()
        if state is not None:
            values["workflow_state_id"] = state.pk
            if state.current_task_state_id:
                values["task_state_id"] = state.current_task_state_id
    values["task_id"] = Task.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    return values


def _per_object(pattern: str, objects: list, id_names: tuple[str, ...], extra=None) -> list[dict]:
    rows = []
    for obj in objects:
        values = {**_object_values(obj), **(extra or {})}
        for name in id_names:
            values[name] = obj.pk
        rows.append(values)
    return rows


# --- rules: which values each pattern is probed with -------------------------------------
_SNIPPET = re.compile(r"^admin/snippets/(?:choose/)?(?P<app>\w+)/(?P<model>\w+)/")
_PAGE_IDS = ("page_id", "parent_page_id", "page_to_move_id", "pk", "page_pk")


def _snippet_rows(world: World, pattern: str) -> list[dict]:
    m = _SNIPPET.match(pattern)
    model = apps.get_model(m.group("app"), m.group("model"))
    names = params(pattern)
    if not names:
        return [{}]
    targets = _targets_of(world, model)
    extra = {"revision_id_a": "earliest", "revision_id_b": "latest"}
    if not targets:
        return [{**_object_values(None), **extra, "pk": _some_pk(model)}]
    return _per_object(pattern, targets, ("pk",), extra)


def _page_rows(world: World, pattern: str) -> list[dict]:
    pages = _targets_of(world, Page)
    home = world.home
    base = {
        "content_type_app_name": "content",
        "content_type_model_name": "lessonpage",
        "app_label": "content",
        "model_name": "lessonpage",
        "destination_id": home.pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "workflow_pk": Workflow.objects.order_by("pk").values_list("pk", flat=True).first() or 1,
    }
    names = params(pattern)
    if not names & set(_PAGE_IDS):
        return [base]
    rows = _per_object(pattern, pages, _PAGE_IDS, base)
    if "parent_page_id" in names:
        rows.append({**base, **_object_values(home), "parent_page_id": home.pk})
    if pattern.startswith("admin/workflows/remove/"):
        rows = [{**r, "page_pk": r["page_pk"]} for r in rows]
    return rows


def _bulk_doors(world: World, pattern: str) -> list[Door]:
    bulk_action_registry._scan_for_bulk_actions()
    doors = []
    for app_label, models in sorted(bulk_action_registry.actions.items()):
        for model_name, actions in sorted(models.items()):
            model = apps.get_model(app_label, model_name)
            targets = _targets_of(world, model)
            for action in sorted(actions):
                path = fill(
                    pattern, {"app_label": app_label, "model_name": model_name, "action": action}
                )
                queries = [{"id": "all"}]
                if model is Page:
                    queries = [{"id": "all", "childOf": world.home.pk}]
                    targets = _targets_of(world, Page)
                queries += [{"id": t.pk} for t in targets]
                for q in queries:
                    doors.append(Door(pattern, f"{path}?{urlencode(q)}"))
    return doors


def _value_rows(world: World, pattern: str) -> list[dict] | None:
    """Rows of parameter values for the patterns that aren't snippets, pages or bulk."""
    o = world.objects
    document, image = o["document_b"], o["image_b"]
    versions = [q.latest_version.pk for q in (o["conf_question"], o["priv_question"])]
    papers = [o["conf_paper"]]
    names = params(pattern)
    if not names:
        return [{}]
    table: list[tuple[str, list[dict]]] = [
        (
            r"^admin/api/main/\^pages/<int:pk>/action/",
            [{"pk": p.pk, "action_name": "copy"} for p in _targets_of(world, Page)],
        ),
        (r"^admin/api/main/\^pages/", [{"pk": p.pk} for p in _targets_of(world, Page)]),
        (r"^admin/api/main/\^documents/", [{"pk": document.pk}]),
        (r"^admin/api/main/\^images/", [{"pk": image.pk}]),
        (
            r"^admin/documents/",
            [
                {
                    "document_id": document.pk,
                    "doc_id": document.pk,
                    "uploaded_file_id": 999_999,
                    "pk": document.pk,
                }
            ],
        ),
        (
            r"^admin/images/",
            [
                {
                    "image_id": image.pk,
                    "uploaded_file_id": 999_999,
                    "filter_spec": "max-165x165",
                    "pk": image.pk,
                }
            ],
        ),
        (
            r"^admin/collections/",
            [{"pk": o["school_b"].collection_id, "collection_id": o["school_b"].collection_id}],
        ),
        (r"^admin/workflows/tasks/add/", [{"app_label": "wagtailcore", "model_name": "grouptask"}]),
        (
            r"^admin/workflows/",
            [
                {
                    "pk": _some_pk(Workflow),
                    "task_id": _some_pk(Task),
                    "page_pk": p.pk,
                    "workflow_pk": _some_pk(Workflow),
                }
                for p in _targets_of(world, Page)
            ],
        ),
        (r"^admin/tag-autocomplete/", [{"app_name": "taggit", "model_name": "tag"}]),
        (
            r"^admin/editing-sessions/ping/",
            [
                {
                    "app_label": "question_bank",
                    "model_name": "question",
                    "object_id": o["conf_question"].pk,
                    "session_id": 999_999,
                }
            ],
        ),
        (r"^admin/editing-sessions/release/", [{"session_id": 999_999}]),
        (r"^admin/ngan-hang-cau-hoi/nhap/", [{"pk": o["import_job"].pk}]),
        (
            r"^admin/ngan-hang-cau-hoi/cau-hoi/",
            [{"pk": q.pk} for q in (o["conf_question"], o["priv_question"])],
        ),
        (r"^admin/de-thi/ma-tran/", [{"pk": m.pk} for m in (o["conf_matrix"], o["priv_matrix"])]),
        (r"^admin/de-thi/de/", [{"pk": p.pk} for p in papers]),
        (r"^admin/forms/submissions/", [{"page_id": p.pk} for p in _targets_of(world, Page)]),
        (r"^admin/redirects/", [{"redirect_id": 999_999}]),
        (r"^admin/settings/", [{"app_name": "content", "model_name": "homepage", "pk": 999_999}]),
        (r"^admin/sites/", [{"pk": _some_pk(Site)}]),
        (
            r"^admin/users/",
            [
                {"pk": u.pk}
                for u in (o["student_b"], world.owners["teacher_b"], world.owners["board"])
            ],
        ),
        (r"^admin/groups/", [{"pk": _some_pk(Group)}]),
        (r"^admin/locales/", [{"pk": _some_pk(Locale)}]),
        (r"^admin/password_reset/confirm/", [{"uidb64": "MQ", "token": "set-password"}]),
        (r"^api/v1/lms/classes/", [{"class_id": o["class_b"].pk}]),
        (
            r"^api/v1/question-bank/questions/",
            [{"question_id": q.pk} for q in (o["conf_question"], o["priv_question"])],
        ),
        (
            r"^api/v1/library/items/",
            [{"item_id": i.pk} for i in (o["lib_b"], o["lib_draft_b"], o["lib_taken"])],
        ),
        (r"^lop/", [{"pk": o["class_b"].pk, "student_pk": o["student_b"].pk}]),
        (r"^truong/", [{"pk": o["school_b"].pk}]),
        (r"^thu-vien/bo-suu-tap/", [{"slug": "khong-co"}]),
        (
            r"^thu-vien/phan-hoi/",
            [
                {"kind": kind, "pk": pk}
                for kind, pk in (
                    ("item", o["lib_b"].pk),
                    ("page", o["page_b"].pk),
                    ("page", o["draft_a"].pk),
                )
            ],
        ),
        (r"^thu-vien/nhan-xet/", [{"pk": o["comment_b"].pk}]),
        (r"^thu-vien/go/", [{"pk": o["takedown_b"].pk}]),
        (r"^thu-vien/", [{"pk": i.pk} for i in (o["lib_b"], o["lib_draft_b"], o["lib_taken"])]),
        (r"^thi/", _exam_rows(world)),
        # Revision: the confidential pool's subject (its map and practice must not offer
        # it), an unknown outcome, and the exam attempts as "mock reports" (never shown).
        (
            r"^on-tap/mon/",
            [{"subject_id": o["conf_question"].subject_id or 0, "grade": g} for g in (10, 12)],
        ),
        (r"^on-tap/yeu-cau/", [{"outcome_id": 999_999}]),
        (
            r"^on-tap/thi-thu/",
            [{"attempt_id": o[f"exam_attempt_{k}"].pk} for k in ("a", "b")],
        ),
        (r"^hoc/cau-hoi/", [{"version_id": v} for v in versions]),
        # E-lecture packages: school B's draft (forbidden) and its published one, whose
        # results list school B's student.
        (
            r"^hoc/goi/",
            [{"version_id": o[k].pk} for k in ("pkg_b_version", "pkg_pub_b_version")],
        ),
        (r"^admin/goi-bai-giang/", [{"pk": o[k].pk} for k in ("pkg_b", "pkg_pub_b")]),
        (r"^hoc/bai-giang/", [{"page_id": p.pk} for p in _targets_of(world, Page)]),
        # The gradebook: Sở B's class (its name and its student are forbidden markers) with
        # the world's subject, and an id that does not exist.
        (
            r"^hoc/so-diem/",
            [
                {
                    "class_id": o["class_b"].pk,
                    "subject_id": _some_pk(Subject),
                    "student_id": o["student_b"].pk,
                },
                {"class_id": 999_999, "subject_id": 999_999, "student_id": 999_999},
            ],
        ),
        # Marking: school B's assignment, an attempt and essay slot of school B's exam
        # (not the assignment's: 404 even for school B's teacher) and school B's rubric.
        (
            r"^hoc/cham-bai/",
            [
                {
                    "assignment_id": o["assignment_b"].pk,
                    "attempt_id": o["exam_attempt_b"].pk,
                    "slot": o["exam_slot_b"],
                    "rubric_id": o["rubric_b"].pk,
                }
            ],
        ),
        # Assignments: class B (taught by school B's teacher) and its assignment.
        (
            r"^hoc/giao-bai/",
            [{"class_id": o["class_b"].pk, "assignment_id": o["assignment_b"].pk}],
        ),
        # Reports: class B's progress (its students' names are forbidden markers).
        (r"^hoc/bao-cao/", [{"class_id": o["class_b"].pk}, {"class_id": 999_999}]),
        # Surveys: school B's published survey (its title, question and answer forbidden).
        (r"^hoc/khao-sat/", [{"survey_id": o["survey_b"].pk}, {"survey_id": 999_999}]),
        (r"^documents/authenticate_with_password/", [{"restriction_id": 999_999}]),
        (
            r"^_util/authenticate_with_password/",
            [{"page_view_restriction_id": 999_999, "page_id": o["draft_b"].pk}],
        ),
    ]
    for regex, rows in table:
        if re.search(regex, pattern):
            return rows
    return None


def _exam_rows(world: World) -> list[dict]:
    """School A's session (run by the department's board, not by most roles) and Sở B's,
    each with its room, its candidate, the candidate's attempt and essay slot."""
    o = world.objects
    return [
        {
            "session_id": o[f"exam_session_{k}"].pk,
            "room_id": o[f"exam_room_{k}"].pk,
            "candidate_id": o[f"exam_candidate_{k}"].pk,
            "attempt_id": o[f"exam_attempt_{k}"].pk,
            "slot": o[f"exam_slot_{k}"],
            "action": "co-mat",
        }
        for k in ("a", "b")
    ]


#: Doors that end the prober's session (requested after all the others).
SIGN_OUT = frozenset({"admin/logout/", "dang-xuat/"})

#: Patterns not requested, with the reason. Each is a door that answers no data.
SKIPPED = {
    "admin/failwhale/": "Wagtail's deliberate error page (raises to test 500 handling)",
}


def _special_doors(world: World, pattern: str) -> list[Door] | None:
    o = world.objects
    document = o["document_b"]
    if pattern in (r"documents/^(\d+)/(.*)$", r"^documents/(\d+)/(.*)$"):
        return [Door(pattern, f"/documents/{document.pk}/{document.filename}")]
    if pattern == r"^((?:[\w\-]+/)*)$":
        urls = ["/"] + [p.url or f"/{p.slug}/" for p in _targets_of(world, Page)]
        return [Door(pattern, u) for u in urls]
    if pattern == "admin/^.*/$":
        return [Door(pattern, "/admin/khong-co-trang-nay/")]
    if pattern == "oai/":
        base = "/oai/?"
        return [
            Door(pattern, base + urlencode(q))
            for q in (
                {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
                {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
                {"verb": "ListSets"},
            )
        ]
    if pattern in ("tim-kiem/", "api/v1/search/", "tim-kiem/goi-y/", "api/v1/search/suggest"):
        return [
            Door(pattern, f"/{pattern}?{urlencode({'q': q})}")
            for q in (SEARCH_WORD, TYPO_QUERY, "xmkconf", "xmk")
        ]
    if pattern in ("admin/ngan-hang-cau-hoi/xuat/", "api/v1/question-bank/questions"):
        banks = [o["conf_bank"].pk, o["priv_bank"].pk]
        ids = ",".join(str(o[k].pk) for k in ("conf_question", "priv_question"))
        queries = [{"bank": b, "format": "moodle_xml"} for b in banks]
        queries += [{"ids": ids, "format": "moodle_xml"}, {"q": SEARCH_WORD}, {}]
        return [Door(pattern, f"/{pattern}?{urlencode(q)}") for q in queries]
    if pattern == "admin/snippets/question_bank/question/":
        banks = [o["conf_bank"].pk, o["priv_bank"].pk]
        queries = [{"bank": b} for b in banks] + [{"q": SEARCH_WORD}, {}]
        return [Door(pattern, f"/{pattern}?{urlencode(q)}") for q in queries]
    if pattern.startswith("admin/tag-autocomplete/"):
        path = fill(pattern, {"app_name": "taggit", "model_name": "tag"})
        return [Door(pattern, f"{path}?{urlencode({'term': t})}") for t in (TAG_PREFIX, "x")]
    return None


def doors(world: World) -> tuple[list[Door], dict[str, str]]:
    """(every request to make, {skipped pattern: reason}). Raises UnknownDoor listing every
    pattern no rule covers."""
    result: list[Door] = []
    unknown: list[str] = []
    for pattern in url_patterns():
        if pattern in SKIPPED:
            continue
        special = _special_doors(world, pattern)
        if special is not None:
            result += special
            continue
        if pattern.startswith("admin/bulk/"):
            result += _bulk_doors(world, pattern)
            continue
        if _SNIPPET.match(pattern):
            rows = _snippet_rows(world, pattern)
        elif pattern.startswith(("admin/pages/", "admin/choose-page/")):
            rows = _page_rows(world, pattern)
        else:
            rows = _value_rows(world, pattern)
        if rows is None:
            unknown.append(pattern)
            continue
        for values in rows:
            try:
                path = fill(pattern, values)
            except KeyError as missing:
                unknown.append(f"{pattern} (no value for {missing})")
                break
            result.append(Door(pattern, path))
            if not params(pattern):
                # List-like doors are also searched for the forbidden objects' common word.
                result.append(Door(pattern, f"{path}?{urlencode({'q': SEARCH_WORD})}"))
    result += _post_doors(world)
    # Signing out comes last, so that every other door is probed signed in.
    result.sort(key=lambda door: door.pattern in SIGN_OUT)
    if unknown:
        raise UnknownDoor("URL patterns the door matrix does not know:\n" + "\n".join(unknown))
    return result, dict(SKIPPED)


#: The exam page's JSON endpoints (by the attempt's token, X-Exam-Token) and their bodies.
_EXAM_POSTS = {
    "luu": '{"answers": [{"slot": 0, "seq": 99, "response": 1, "flagged": false}]}',
    "nhip": "{}",
    "su-kien": '{"kind": "blur"}',
    "nop": "{}",
    "kiem-tra": '{"slot": 0}',
}


def _post_doors(world: World) -> list[Door]:
    """Reads that happen through a POST: the answer check of embedded questions; and the
    exam page's endpoints for another candidate's attempt, without its token (a 403)."""
    o = world.objects
    doors_ = []
    for question in (o["conf_question"], o["priv_question"]):
        url = f"/hoc/cau-hoi/{question.latest_version.pk}/tra-loi/"
        for page in _targets_of(world, Page):
            body = f'{{"page": {page.pk}, "response": 0}}'
            doors_.append(Door("hoc/cau-hoi/<int:version_id>/tra-loi/", url, "POST", body))
    for k in ("a", "b"):
        attempt = o[f"exam_attempt_{k}"].pk
        for action, body in _EXAM_POSTS.items():
            pattern = f"thi/bai/<int:attempt_id>/{action}/"
            doors_.append(Door(pattern, f"/thi/bai/{attempt}/{action}/", "POST", body))
    # A package's tracking endpoints, posted for school B's draft package (refused, and
    # the refusal names neither the package nor its SCO).
    version = o["pkg_b_version"].pk
    for action, body in _PACKAGE_POSTS.items():
        pattern = f"hoc/goi/<int:version_id>/{action}/"
        doors_.append(Door(pattern, f"/hoc/goi/{version}/{action}/", "POST", body))
    # Assignments: school B's class and assignment, posted to by every role (refused with
    # a 404 that names nothing; the JSON body is no form, so nothing is saved either).
    class_b, assignment_b = o["class_b"].pk, o["assignment_b"].pk
    for pattern, url in (
        ("hoc/giao-bai/lop/<int:class_id>/giao/", f"/hoc/giao-bai/lop/{class_b}/giao/"),
        ("hoc/giao-bai/<int:assignment_id>/sua/", f"/hoc/giao-bai/{assignment_b}/sua/"),
        ("hoc/giao-bai/<int:assignment_id>/gia-han/", f"/hoc/giao-bai/{assignment_b}/gia-han/"),
        ("hoc/giao-bai/<int:assignment_id>/cong-bo/", f"/hoc/giao-bai/{assignment_b}/cong-bo/"),
    ):
        doors_.append(Door(pattern, url, "POST", "{}"))
    # Marking: school B's assignment and rubric, posted to by every role (404, nothing saved).
    attempt_b, slot_b, rubric_b = o["exam_attempt_b"].pk, o["exam_slot_b"], o["rubric_b"].pk
    for pattern, url in (
        (
            "hoc/cham-bai/<int:assignment_id>/bai/<int:attempt_id>/cau/<int:slot>/",
            f"/hoc/cham-bai/{assignment_b}/bai/{attempt_b}/cau/{slot_b}/",
        ),
        ("hoc/cham-bai/<int:assignment_id>/tra-bai/", f"/hoc/cham-bai/{assignment_b}/tra-bai/"),
        ("hoc/cham-bai/<int:assignment_id>/so-diem/", f"/hoc/cham-bai/{assignment_b}/so-diem/"),
        ("hoc/cham-bai/tieu-chi/<int:rubric_id>/", f"/hoc/cham-bai/tieu-chi/{rubric_b}/"),
    ):
        doors_.append(Door(pattern, url, "POST", "{}"))
    # Surveys: school B's survey, answered and published by every role (refused with a
    # 404 naming nothing); the online periods form, posted for class B (not a choice).
    survey_b = o["survey_b"].pk
    for pattern, url, body in (
        ("hoc/khao-sat/<int:survey_id>/", f"/hoc/khao-sat/{survey_b}/", "{}"),
        ("hoc/khao-sat/<int:survey_id>/cong-bo/", f"/hoc/khao-sat/{survey_b}/cong-bo/", "{}"),
        ("hoc/bao-cao/tiet-truc-tuyen/", "/hoc/bao-cao/tiet-truc-tuyen/", "{}"),
    ):
        doors_.append(Door(pattern, url, "POST", body))
    return doors_


_PACKAGE_POSTS = {
    "cmi": '{"sco": "sco1", "cmi": {"cmi": {"core": {"lesson_status": "passed"}}}, "final": false}',
    "xapi": '{"statement": {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}}}',
    "du-lieu": '{"key": "0/state", "data": "{}"}',
}


__all__ = ["Door", "UnknownDoor", "doors", "url_patterns"]
