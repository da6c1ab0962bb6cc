"""The preview page driven as a browser would: upload, read a question's fix form with the
values it shows, post it, tick "Bỏ qua" and save."""

from __future__ import annotations

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from question_bank.import_jobs import ImportJob

UPLOAD = "/admin/ngan-hang-cau-hoi/nhap/"


def upload(client, bank, data: bytes, callbacks, name: str = "de-12-cau.docx") -> ImportJob:
    with callbacks(execute=True):
        response = client.post(UPLOAD, {"bank": bank.pk, "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return ImportJob.objects.latest("pk")


def items(page: str) -> list:
    return lxml.html.fromstring(page).find_class("import-item")


def item_by_ref(page: str, ref: str):
    [el] = [el for el in items(page) if el.get("data-ref") == ref]
    return el


def fix_form(item) -> dict:
    """The fields of an item's fix form as a browser would send them (lists for the
    repeated names); no button's value."""
    [form] = item.xpath(".//form[contains(@class, 'import-fix-form')]")
    data: dict = {}
    for el in form.xpath(".//input | .//textarea | .//select"):
        name = el.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if el.tag == "textarea":
            data[name] = el.text or ""
        elif el.tag == "select":
            chosen = el.xpath("./option[@selected]") or el.xpath("./option")
            data[name] = chosen[0].get("value")
        elif el.get("type") == "checkbox":
            data.setdefault(name, [])
            if el.get("checked") is not None:
                data[name].append(el.get("value"))
        else:
            data[name] = el.get("value")
    return data


def post_fix(client, job, data: dict, action: str = "save"):
    return client.post(f"{UPLOAD}{job.pk}/sua/", {**data, "action": action}, follow=True)


def confirm(client, job, leave_out: list[str], callbacks):
    with callbacks(execute=True):
        return client.post(f"{UPLOAD}{job.pk}/xac-nhan/", {"leave_out": leave_out}, follow=True)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""
