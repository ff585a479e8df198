"""Page-ready frames and URL state, one module per page; no Streamlit."""
