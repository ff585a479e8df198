"""What the user reads: labels in both languages, number formats, fonts and Altair charts."""
