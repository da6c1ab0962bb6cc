"""The hasher of initial passwords (the ones printed on login slips).

Issuing passwords for a class hashes one per student in the request that prints the slips.
Django's default PBKDF2 costs 1,000,000 iterations (about 0,24 s a password on the 2-core
server: 11 s for a class of 45); these passwords are random, single use and replaced at the
first sign-in (``User.must_change_password``), so a tenth of that cost is spent on them.
The hasher has its own algorithm name and sits after the default in
``PASSWORD_HASHERS``: Django verifies with it and, on the first successful sign-in, re-hashes
the password with the default (``check_password`` upgrades any hash whose algorithm is not
the preferred one).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class InitialPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_initial"
    #: ≈ 24 ms a password here: a class of 45 in about a second.
    iterations = 100_000
