"""The Streamlit side of kpmap: the only modules that import streamlit."""
