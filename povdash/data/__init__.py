"""The data layer: read, validate and tabulate data/ into a Dataset; no Streamlit, no charts."""
