"""Local development and the one-command demo: embedded defaults, DEBUG on."""

from config.env import env_bool, env_str

from .base import *

DEBUG = env_bool("DEBUG", True)
# The one-command demo seeds accounts sharing one published password.
HOCLIEU_ALLOW_DEMO_SEED = True
# Workflow notifications (submitted for review, approved…) go to the console, not to SMTP.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
