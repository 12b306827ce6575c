"""Extraction speed: texts per second on one core (goal: at least 2,000, so that a 100,000-message export
reads in under a minute).

The texts are generated (synthetic, nothing real) to look like a monitoring channel's stream: attack and raid
reports in English, Arabic, Kurmanji and Sorani of 30 to 80 words, with the places, counts and dates
varying, and a share of posts that are not about an incident at all. Caches of whole texts cannot flatter
the figure: every text is different. CPU time of this process is reported beside wall time, because the
benchmark machine is shared and wall time there measures the neighbours too.

    python bench/extraction.py [COUNT]
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from marsad.extraction.pipeline import default_extractor

ENGLISH = [
    "{n} SDF fighters were killed and {m} others wounded when ISIS cells attacked a checkpoint in the village of "
    "{p} in the eastern countryside of Deir ez-Zor on {d} {month}, a local source told North Press. The attackers "
    "fled towards the desert, and the SDF sent reinforcements to the area.",
    "Unknown gunmen on a motorcycle opened fire on a member of the Internal Security Forces (Asayish) in {p}, "
    "killing him instantly. No group has claimed responsibility for the attack so far, the Syrian Observatory "
    "said, adding that security forces set up checkpoints at the entrances of the town.",
    "The SDF, backed by the international coalition, arrested {n} suspected ISIS members in a security operation "
    "in {p} on {d} {month}. The Anti-Terror Forces said the cell had planted explosive devices on the road and "
    "took part in attacks on SDF posts in the region.",
    "An explosive device planted by ISIS cells exploded on {d} {month} targeting a military vehicle of the SDF "
    "near {p}, injuring {m} fighters, according to Deir Ezzor 24. ISIS later claimed the attack through its "
    "Amaq news agency.",
    "Residents of {p} say prices of bread and fuel went up again this week, and the local council promised to "
    "distribute diesel before the winter. Many families complain that salaries no longer cover the basics.",
]
ARABIC = [
    "قُتل {n} عناصر من قوات سوريا الديمقراطية وأصيب {m} آخرون بانفجار عبوة ناسفة استهدفت سيارتهم العسكرية في بلدة {p} "
    "بريف دير الزور الشرقي، يوم {d} {month_ar}، وتبنى تنظيم داعش الهجوم عبر وكالة أعماق.",
    "ألقت قوى الأمن الداخلي القبض على {n} أشخاص في قرية {p} بتهمة الانتماء لخلايا تنظيم داعش، وذلك خلال حملة "
    "أمنية بدعم من التحالف الدولي، بحسب ما أفاد مراسل المرصد السوري.",
    "أطلق مسلحون مجهولون يستقلون دراجة نارية النار على شاب في بلدة {p}، ما أدى إلى مقتله على الفور، ولم تتبن أي "
    "جهة الهجوم حتى الآن، في حين فرضت قسد طوقا أمنيا في المنطقة.",
    "شهدت أسواق {p} ارتفاعا جديدا في أسعار المحروقات والخبز، وسط مطالبات من الأهالي للمجلس المحلي بتوزيع مادة "
    "المازوت قبل حلول فصل الشتاء.",
]
KURDISH = [
    "Çeteyên DAIŞê li gundê {p} êrîşî xala kontrolê ya QSDê kirin. Di êrîşê de {n} şervan jiyana xwe ji dest dan "
    "û {m} şervan jî birîndar bûn. Hêzên QSDê li herêmê operasyonek dan destpêkirin.",
    "Hêzên Asayîşê di operasyonekê de li {p} {n} endamên şaneyeke DAIŞê girtin, li gorî daxuyaniya Navenda "
    "Ragihandinê ya Asayîşê.",
    "لە هێرشێکی چەکدارانی داعش لە گوندی {p} لە دێرەزوور، {n} ئەندامی هێزەکانی سوریای دیموکرات کوژران و {m} "
    "کەسی دیکە بریندار بوون.",
]
MONTHS = ["January", "March", "May", "July", "August", "October", "December"]
MONTHS_AR = ["كانون الثاني", "آذار", "أيار", "تموز", "آب", "تشرين الأول", "كانون الأول"]


def texts(count: int, seed: int = 1) -> list[str]:
    """Generated channel posts: 55% English, 30% Arabic, 15% Kurdish; every text different."""
    extractor = default_extractor()
    places = [p for p in extractor.gazetteer.places if p.region]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        roll = rng.random()
        templates = ENGLISH if roll < 0.55 else ARABIC if roll < 0.85 else KURDISH
        template = rng.choice(templates)
        place = rng.choice(places)
        arabic_names = [n for n in place.names if not n.isascii()]
        name = rng.choice(arabic_names) if arabic_names and not template.isascii() else place.name
        out.append(
            template.format(
                n=rng.randint(2, 40),
                m=rng.randint(1, 9),
                d=rng.randint(1, 28),
                p=name,
                month=rng.choice(MONTHS),
                month_ar=rng.choice(MONTHS_AR),
            )
        )
    return out


def main(count: int = 20_000) -> None:
    extractor = default_extractor()
    sample = texts(count)
    for text in sample[:50]:
        extractor.extract(text)  # warm: the first texts load dateparser's and the language model's tables
    words = statistics.mean(len(t.split()) for t in sample)
    wall, cpu = time.perf_counter(), time.process_time()
    for text in sample:
        extractor.extract(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{count:,} texts ({words:.0f} words on average) in {cpu:.1f} s of CPU ({wall:.1f} s wall): "
        f"{count / cpu:,.0f} texts/s on one core ({count / wall:,.0f}/s by the wall clock)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
