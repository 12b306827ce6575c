"""Statistics for a period, their comparisons and records, and the key points a researcher would write."""
