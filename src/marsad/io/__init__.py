"""File formats: reading rows into Incidents and writing Incidents out (CSV, XLSX, JSON, GeoJSON)."""
