"""The content origin: package files, launchers and players on CONTENT_ORIGIN (issue 20)."""
