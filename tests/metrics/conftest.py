"""Shared data for the metric tests: a small COCO-style English set with several
references per image (3 to 5, deliberately uneven) and hypotheses of mixed quality."""

from __future__ import annotations

import pytest

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.metrics import ScoringItem

COCO_SET: list[tuple[str, list[str]]] = [
    ("A man riding a wave on top of a surfboard.", [
        "A surfer rides a large wave in the ocean.",
        "A man on a surfboard riding a wave.",
        "Someone surfing on a big blue wave.",
        "A person in a wetsuit surfing a wave.",
    ]),
    ("Two dogs are playing with a frisbee in the park.", [
        "Two dogs play with a frisbee on the grass.",
        "A pair of dogs chasing a flying disc in a park.",
        "Dogs running after a frisbee on a sunny day.",
    ]),
    ("A plate of food with broccoli and rice.", [
        "A white plate topped with rice, broccoli and chicken.",
        "Broccoli and rice served on a plate.",
        "A healthy meal of chicken, rice and vegetables.",
        "A dinner plate with steamed broccoli.",
        "Food on a plate: rice and green broccoli.",
    ]),
    ("A red double decker bus driving down a street.", [
        "A red double-decker bus on a city street.",
        "A big red bus drives past some buildings.",
        "A double decker bus travels down the road.",
    ]),
    ("A cat sleeping on a laptop keyboard.", [
        "A cat lying on top of an open laptop.",
        "A gray cat asleep on a computer keyboard.",
        "The kitten is napping on the laptop.",
        "A cat curled up on a keyboard.",
    ]),
    ("A kitchen with a stove and a refrigerator.", [
        "A small kitchen with white appliances.",
        "A kitchen that has a stove, sink and fridge.",
        "An empty kitchen with wooden cabinets.",
    ]),
    ("People standing in the snow with skis.", [
        "A group of skiers standing on a snowy hill.",
        "Several people on skis in the snow.",
        "Skiers gather at the top of a slope.",
        "People wearing ski gear standing in snow.",
    ]),
    ("A giraffe eating leaves from a tall tree.", [
        "A giraffe reaching up to eat leaves from a tree.",
        "A tall giraffe feeding on a tree.",
        "A giraffe stands next to a tree and eats.",
    ]),
    ("A train on the tracks", [
        "A passenger train pulling into a station.",
        "A long train traveling on railroad tracks.",
        "A yellow and blue train on the tracks.",
        "A train parked at the platform.",
        "The train moves along the rails.",
    ]),
    ("a bowl of fruit (apples, bananas) on a table!", [
        "A bowl filled with apples and bananas.",
        "Fresh fruit in a bowl on a wooden table.",
        "Bananas and apples sit in a glass bowl.",
    ]),
    ("A clock tower in the middle of a city.", [
        "A tall clock tower in a town square.",
        "A clock tower rising above the buildings.",
        "An old tower with a clock on it.",
        "A city street with a clock tower.",
    ]),
    ("A woman holding an umbrella in the rain.", [
        "A woman walks in the rain with an umbrella.",
        "A lady holding a black umbrella on a rainy day.",
        "A person with an umbrella on a wet street.",
    ]),
]  # fmt: skip


@pytest.fixture(scope="session")
def en() -> LanguageSpec:
    return resolve_language("en")


@pytest.fixture(scope="session")
def coco_set() -> list[tuple[str, list[str]]]:
    return COCO_SET


@pytest.fixture(scope="session")
def coco_items() -> list[ScoringItem]:
    return [ScoringItem(h, list(refs)) for h, refs in COCO_SET]
