"""Question file formats: parsers (file → ParseResult) and exporters (questions → file)."""
