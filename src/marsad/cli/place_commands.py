"""`marsad places …`: look places up in the gazetteer, by name or by coordinates."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.context import application, console


def search(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A place name in any spelling: Latin, Arabic or Kurdish.")],
    limit: Annotated[int, typer.Option(help="How many candidates to show.")] = 5,
) -> None:
    """Find a place by name: exact spellings first (score 100), then close ones with their score."""
    matches = application(ctx).gazetteer.search(name, limit=limit)
    if not matches:
        console.print(f"No place in the gazetteer is spelled like '{name}'.")
        raise typer.Exit(1)
    regions = application(ctx).vocabularies.regions
    table = Table("score", "matched spelling", "coordinates", "district, governorate")
    table.add_column("region", no_wrap=True)
    for column in table.columns[:3]:
        column.no_wrap = True
    for m in matches:
        p = m.place
        units = ", ".join(u for u in (p.admin2, p.admin1 or p.country) if u)
        region = regions.label(p.region) if p.region else "outside"
        name = p.name if m.matched == p.name else f"{m.matched} → {p.name}"
        table.add_row(f"{m.score:.0f}", name, f"{p.latitude:.4f}, {p.longitude:.4f}", units, region)
    console.print(table)


def reverse(
    ctx: typer.Context,
    latitude: Annotated[float, typer.Argument(help="Latitude in decimal degrees (WGS84).", min=-90, max=90)],
    longitude: Annotated[float, typer.Argument(help="Longitude in decimal degrees (WGS84).", min=-180, max=180)],
) -> None:
    """Tell which place, district, governorate and region a point falls in (nearest known place)."""
    found = application(ctx).gazetteer.reverse(latitude, longitude)
    region = application(ctx).vocabularies.regions.label(found.region) if found.region else "outside the monitored area"
    console.print(f"nearest place: [bold]{found.place.name}[/] ({found.distance_km:.1f} km away)")
    if found.in_syria:
        console.print(f"governorate:   {found.admin1 or 'unknown'}")
        console.print(f"district:      {found.admin2 or 'unknown'}")
    else:
        console.print(f"country:       {found.place.country} (outside Syria)")
    console.print(f"region:        {region}")


places_app = typer.Typer(help="The gazetteer: places, their spellings, districts and regions.", no_args_is_help=True)
places_app.command("search")(search)
places_app.command("reverse")(reverse)
