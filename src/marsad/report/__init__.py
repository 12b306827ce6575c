"""The monthly report: assembly from statistics and incidents, and its renderers (JSON, Markdown, …)."""
