"""Template tags of lesson and e-lecture pages.

* ``{% practice_question value.question as pq %}`` — the latest approved version of a bank
  question, ready for ``content/includes/practice_question.html`` (no key, no solution);
  None when the question has no approved version (the block then shows nothing).
* ``{% electure_data page as data %}`` then ``{{ data|json_script:"electure-data" }}`` —
  what ``content/electure.js`` needs to play an e-lecture.
* ``{{ value|choice_label:"kind" }}`` — the label of a ChoiceBlock inside a StructBlock.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from content.blocks import video_embed_url
from content.practice import latest_version, practice_context

register = template.Library()

SLIDE_RENDITION = "max-1600x1200"


@register.simple_tag
def practice_question(question) -> dict | None:
    return practice_context(question)


@register.filter
def choice_label(struct_value, name: str) -> str:
    """``struct_value[name]`` shown with its choice label (or as is without choices)."""
    value = struct_value.get(name)
    child = struct_value.block.child_blocks.get(name)
    for key, label in getattr(getattr(child, "field", None), "choices", ()):
        if key == value:
            return str(label)
    return "" if value is None else str(value)


def _section_data(index: int, value) -> dict:
    video = value.get("video") or {}
    section = {
        "index": index,
        "title": value["title"],
        "kind": None,
        "embedUrl": None,
        "videoUrl": None,
        "pdfUrl": None,
        "images": [],
        "checkpoints": [],
    }
    if video.get("url"):
        section["kind"] = "embed"
        section["embedUrl"] = video_embed_url(video["url"])
    elif video.get("file"):
        section["kind"] = "video"
        section["videoUrl"] = video["file"].url
    elif value.get("slides_pdf"):
        section["kind"] = "pdf"
        section["pdfUrl"] = value["slides_pdf"].url
    elif value.get("slide_images"):
        section["kind"] = "images"
        section["images"] = [
            image.get_rendition(SLIDE_RENDITION).url
            for image in value["slide_images"]
            if image is not None
        ]
    for k, checkpoint in enumerate(value.get("checkpoints") or []):
        version = latest_version(checkpoint.get("question"))
        if version is None:
            continue
        section["checkpoints"].append(
            {
                "index": k,
                "version": version.pk,
                "afterSlide": checkpoint.get("after_slide"),
                "atSecond": checkpoint.get("at_second"),
            }
        )
    return section


@register.simple_tag(takes_context=True)
def electure_data(context, page) -> dict:
    """The player's data: sections (media and checkpoints), URLs and where pdf.js lives."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # Directories by prefix, not {% static %}: manifest storages hash files, not folders.
    prefix = f"{settings.STATIC_URL}vendor/pdfjs/"
    return {
        "schemaVersion": 1,
        "page": page.pk,
        "storageKey": f"hoclieu:electure:{page.pk}",
        # An unsaved page (admin preview of a new e-lecture) has nowhere to send events.
        "eventUrl": reverse("electure_event", args=[page.pk]) if page.pk else None,
        "signedIn": bool(user is not None and user.is_authenticated),
        "pdfjs": {
            "src": static("vendor/pdfjs/pdf.min.mjs"),
            "worker": static("vendor/pdfjs/pdf.worker.min.mjs"),
            "cmaps": prefix + "cmaps/",
            "fonts": prefix + "standard_fonts/",
            "wasm": prefix + "wasm/",
            "iccs": prefix + "iccs/",
        },
        "sections": [
            _section_data(index, block.value) for index, block in enumerate(page.sections)
        ],
    }
