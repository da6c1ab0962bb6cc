"""Local development and the one-command demo: embedded defaults, DEBUG on."""

from config.env import env_bool, env_str

from .base import *

# The demo seed (manage.py seed_demo) and its data; never installed in production.
# First, so its seed_demo command wins over the refusing stub of accounts (production).
INSTALLED_APPS = ["demo", *INSTALLED_APPS]

DEBUG = env_bool("DEBUG", True)
# The one-command demo seeds accounts sharing one published password.
HOCLIEU_ALLOW_DEMO_SEED = True
# Workflow notifications (submitted for review, approved…) go to the console, not to SMTP.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
