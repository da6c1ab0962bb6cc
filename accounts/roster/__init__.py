"""Bulk import of schools, classes, teachers and students from XLSX/CSV rosters."""
