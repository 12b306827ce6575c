"""Use cases spanning formats, gazetteer and storage. Services never commit: the caller owns the transaction."""
