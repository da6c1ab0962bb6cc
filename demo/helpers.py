"""Small helpers shared by the demo materials and the demo library."""

import datetime as dt
import random

from django.utils.text import slugify

from common.sharing import Licence

YOUTUBE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
OPEN_LICENCES = [Licence.CC_BY_NC_SA, Licence.CC_BY, Licence.CC_BY_SA, Licence.EDUCATION]


def youtube_url(rng: random.Random) -> str:
    video_id = "".join(rng.choice(YOUTUBE_CHARS) for _ in range(11))
    return f"https://www.youtube.com/watch?v={video_id}"


def slug_of(text: str) -> str:
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def published_ago(n: int) -> dt.timedelta:
    """How long ago the n-th demo item was published: n days and a few hours."""
    return dt.timedelta(days=n, hours=n % 7)
