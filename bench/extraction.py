"""Extraction speed: texts per second on one core (goal: at least 2,000, so a 100,000-message export reads in
under a minute). Texts are generated from varied templates, places and counts in English and Arabic, so
caches of whole texts do not flatter the figure."""

from __future__ import annotations

import random
import time

from marsad.extraction.pipeline import default_extractor

TEMPLATES = [
    "{n} SDF fighters were killed and {m} others wounded when ISIS cells attacked a checkpoint in the village of {p}.",
    "Unknown gunmen on a motorcycle opened fire on an Asayish member in {p}, killing him. No group claimed it.",
    "The SDF arrested {n} ISIS suspects in a security operation backed by the coalition in {p} on {d} March.",
    "قُتل {n} عناصر من قسد بانفجار عبوة ناسفة في بلدة {p} بريف دير الزور الشرقي، وتبنى تنظيم داعش الهجوم.",
    "ألقت قوى الأمن الداخلي القبض على {n} أشخاص في قرية {p} بتهمة الانتماء لتنظيم داعش.",
]


def main(count: int = 20_000) -> None:
    extractor = default_extractor()
    places = [p for p in extractor.gazetteer.places if p.region][:400]
    rng = random.Random(1)
    texts = []
    for i in range(count):
        place = rng.choice(places)
        template = TEMPLATES[i % len(TEMPLATES)]
        names = [n for n in place.names if not n.isascii()] if not template.isascii() else [place.name]
        texts.append(
            template.format(
                n=rng.randint(2, 40), m=rng.randint(1, 9), d=rng.randint(1, 28), p=(names or [place.name])[0]
            )
        )
    extractor.extract(texts[0])
    start = time.perf_counter()
    for text in texts:
        extractor.extract(text)
    elapsed = time.perf_counter() - start
    print(f"{count:,} texts in {elapsed:.1f} s: {count / elapsed:,.0f} texts/s on one core")


if __name__ == "__main__":
    main()
