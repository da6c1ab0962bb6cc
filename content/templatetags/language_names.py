"""The name of a language for people ("Tiếng Việt"), never its code ("vi")."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def language_name(code: str | None) -> str:
    """``vi`` → "Tiếng Việt", ``en`` → "Tiếng Anh" (in the active language); an unknown code as is."""
    if not code:
        return ""
    try:
        return get_language_info(code.strip().lower())["name_translated"]
    except KeyError:
        return code
