"""The curation workbench: drafting observations from a source text and editing entries in place."""
