"""Analysis of tidy tables: normalised figures and the comparability badges of a row."""
