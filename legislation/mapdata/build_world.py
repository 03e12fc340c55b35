"""Step 2 of 2: key the projected shapes by ISO 3166-1 alpha-2 code and write world.json.

    DJANGO_SETTINGS_MODULE=hub.settings DEBUG=1 .venv/bin/python \
        legislation/mapdata/build_world.py /tmp/mapbuild/numeric.json

world-atlas names countries by their ISO numeric code; django-countries translates that to the
alpha-2 code the portal uses everywhere. Shapes of places that are not UN member states
(territories, disputed areas) are kept as plain land so the map reads as a world map; points
(microstates too small for the 1:110m shapes) are kept only for member states.
"""

import json
import sys
from pathlib import Path

import django

OUTPUT = Path(__file__).resolve().parent / "world.json"


def main(source: str) -> None:
    django.setup()
    from django_countries import countries

    from legislation.loader import FIXTURES

    jurisdictions = json.loads((FIXTURES / "jurisdictions.json").read_text())
    members = {j["code"] for j in jurisdictions if "UN" in j.get("member_of", [])}
    data = json.loads(Path(source).read_text())
    shapes, land, points = [], [], []
    for shape in data["shapes"]:
        code = countries.alpha2(shape["id"].zfill(3))
        if code in members:
            shapes.append({"iso": code, "d": shape["d"]})
        else:
            land.append(shape["d"])
    drawn = {shape["iso"] for shape in shapes}
    for point in data["points"]:
        code = countries.alpha2(point["id"].zfill(3))
        if code in members and code not in drawn:
            points.append({"iso": code, "x": point["x"], "y": point["y"]})
            drawn.add(code)
    shapes.sort(key=lambda shape: shape["iso"])
    points.sort(key=lambda point: point["iso"])
    result = {
        "width": data["width"],
        "height": data["height"],
        "sphere": data["sphere"],
        "land": land,
        "shapes": shapes,
        "points": points,
    }
    OUTPUT.write_text(json.dumps(result, separators=(",", ":")) + "\n")
    missing = sorted(members - drawn)
    print(f"{len(shapes)} shapes, {len(points)} points, {len(land)} other areas -> {OUTPUT}")
    print(f"member states without a shape or point: {missing or 'none'}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main(sys.argv[1])
