"""Vietnamese first: the interface is Vietnamese unless the visitor chose English.

Django's LocaleMiddleware follows the browser's Accept-Language, and many Vietnamese
teachers use phones and browsers set to English; so the language here comes only from
the explicit choice (the language cookie set by the switcher), else LANGUAGE_CODE.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
