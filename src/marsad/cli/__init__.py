"""The `marsad` command line: thin Typer commands that parse, call one library function and report."""
