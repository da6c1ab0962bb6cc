"""``manage.py search_rebuild``: rewrite every search document and rebuild the index
atomically (searches keep answering from the old index until the switch)."""

import json

from django.core.management.base import BaseCommand

from search.maintenance import rebuild


class Command(BaseCommand):
    help = "Rebuild the search documents and index without downtime."

    def handle(self, *args, **options):
        report = rebuild(log=lambda message: self.stdout.write(message))
        self.stdout.write(json.dumps(report, ensure_ascii=False))
