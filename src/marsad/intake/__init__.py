"""Readers of raw material for the inbox: Telegram exports, feeds, web pages, and grouping into stories."""
