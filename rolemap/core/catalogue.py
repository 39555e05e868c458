"""The vocabulary in one place: archetypes, goal kinds, their sides, and English/Chinese labels."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Side(str, Enum):
    """Which kind of function a goal kind naturally belongs to."""

    BRAND = "brand"
    OPERATIONS = "operations"
    CONTESTED = "contested"
    NONE = "none"


class Archetype(str, Enum):
    """A function's nature: marketing-like (brand), sales-like (operations), or other."""

    BRAND = "brand"
    OPERATIONS = "operations"
    OTHER = "other"


class GoalKind(str, Enum):
    AWARENESS = "awareness"
    REPUTATION = "reputation"
    PARTNERSHIPS = "partnerships"
    ACQUISITION = "acquisition"
    ACTIVATION = "activation"
    ENGAGEMENT = "engagement"
    RETENTION = "retention"
    PERCEPTION = "perception"
    CONVERSION = "conversion"
    REVENUE = "revenue"
    OTHER = "other"


@dataclass(frozen=True)
class KindInfo:
    side: Side
    en: str
    zh: str
    hint_en: str
    hint_zh: str


KINDS: dict[GoalKind, KindInfo] = {
    GoalKind.AWARENESS: KindInfo(
        Side.BRAND,
        "Brand awareness",
        "品牌知名度",
        "How many people know the brand.",
        "有多少人知道这个品牌。",
    ),
    GoalKind.REPUTATION: KindInfo(
        Side.BRAND,
        "Brand reputation",
        "品牌美誉度",
        "What people think and say about the brand.",
        "人们如何评价这个品牌。",
    ),
    GoalKind.PARTNERSHIPS: KindInfo(
        Side.BRAND,
        "External partnerships",
        "外部合作与资源",
        "Partners, channels and outside resources.",
        "外部合作伙伴、渠道与资源。",
    ),
    GoalKind.ACQUISITION: KindInfo(
        Side.CONTESTED,
        "Acquisition",
        "拉新",
        "Bringing in new users: claimed by both sides, the classic battleground.",
        "获取新用户：双方都会争取，是最常见的冲突点。",
    ),
    GoalKind.ACTIVATION: KindInfo(
        Side.OPERATIONS,
        "Activation",
        "激活",
        "New users reaching first real use.",
        "新用户完成首次真正使用。",
    ),
    GoalKind.ENGAGEMENT: KindInfo(
        Side.OPERATIONS,
        "Engagement",
        "活跃",
        "How often and how long users use the product.",
        "用户使用产品的频率和时长。",
    ),
    GoalKind.RETENTION: KindInfo(
        Side.OPERATIONS,
        "Retention",
        "留存",
        "Users coming back over time.",
        "用户随时间持续回来使用。",
    ),
    GoalKind.PERCEPTION: KindInfo(
        Side.OPERATIONS,
        "Perception",
        "感知",
        "How users perceive and value the product while using it.",
        "用户在使用中对产品的感知与认可。",
    ),
    GoalKind.CONVERSION: KindInfo(
        Side.OPERATIONS,
        "Conversion",
        "转化",
        "Users taking the paying or committing step.",
        "用户完成付费或关键转化行为。",
    ),
    GoalKind.REVENUE: KindInfo(
        Side.OPERATIONS,
        "Revenue",
        "营收",
        "Money earned from users.",
        "从用户身上获得的收入。",
    ),
    GoalKind.OTHER: KindInfo(
        Side.NONE,
        "Other",
        "其他",
        "Not on either side.",
        "不属于任何一方。",
    ),
}

ARCHETYPES: dict[Archetype, tuple[str, str]] = {
    Archetype.BRAND: ("Brand (marketing-like)", "品牌型"),
    Archetype.OPERATIONS: ("Operations (sales-like)", "运营型"),
    Archetype.OTHER: ("Other", "其他"),
}

SIDE_LABELS: dict[Side, tuple[str, str]] = {
    Side.BRAND: ("brand side", "品牌侧"),
    Side.OPERATIONS: ("operations side", "运营侧"),
    Side.CONTESTED: ("contested", "争夺区"),
    Side.NONE: ("no side", "无"),
}

RACI_LETTERS = "RACI"
RACI_LABELS: dict[str, tuple[str, str]] = {
    "R": ("Responsible", "负责"),
    "A": ("Accountable", "批准（问责）"),
    "C": ("Consulted", "咨询"),
    "I": ("Informed", "知会"),
}


def side_of(kind: GoalKind) -> Side:
    return KINDS[kind].side


def archetype_side(archetype: Archetype) -> Side:
    """The goal side an archetype naturally owns (NONE for 'other')."""
    if archetype is Archetype.BRAND:
        return Side.BRAND
    if archetype is Archetype.OPERATIONS:
        return Side.OPERATIONS
    return Side.NONE


def kind_label(kind: GoalKind, lang: str = "en") -> str:
    info = KINDS[kind]
    return info.zh if lang == "zh" else info.en
