"""Exports ready for a report: figures with their footnotes, PNG/SVG and the one CSV writer."""
