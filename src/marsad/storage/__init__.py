"""Storage: tables, engines, migrations, the one write path for incidents, and fail-closed queries."""
