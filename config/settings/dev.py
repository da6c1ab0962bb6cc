"""Local development and the one-command demo: embedded defaults, DEBUG on."""

from config.env import env_bool

from .base import *

DEBUG = env_bool("DEBUG", True)
