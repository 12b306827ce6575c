"""The web application: public pages and the /api/v1 JSON API (FastAPI)."""
