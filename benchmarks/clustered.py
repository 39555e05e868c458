"""Synthetic role charts whose task titles share common phrases, as real teams write them.

generate.py draws titles from long word lists, so accidental near-duplicates stay rare. Real
teams reuse a few hundred words (channels, campaign names, products, cities) and the same
phrases ("launch plan", "weekly report"), and mix scripts: here about 80% of the titles are
English built from such a small vocabulary ("Draft Spring Sale landing page on WeChat for
the family plan in Chengdu") and 20% (``zh_share``) are "<a common Chinese phrase>·<one
English word>" ("双十一大促活动方案·Berlin"), so that every Chinese phrase heads a cluster of
n/100 titles that differ in one Latin word only. Functions, goals, RACI and descriptions
come from generate.py. Same arguments, same chart (deterministic by seed).

    python benchmarks/clustered.py 10000 -o chart.yaml
    python benchmarks/clustered.py 40000 -o chart.yaml --zh-share 0.2 --seed 1
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (HERE.parent, HERE):  # run from a checkout: rolemap itself need not be installed
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from generate import _description, _functions, _goals, _raci  # noqa: E402
from vocabulary import VOCABULARIES  # noqa: E402

from rolemap.core.fileformat import save  # noqa: E402
from rolemap.core.model import Chart, Task  # noqa: E402

# fmt: off
VERBS = ["Plan", "Draft", "Review", "Launch", "Run", "Update", "Prepare", "Finalise",
         "Schedule", "Test", "Approve", "Refresh", "Set up", "Report on", "Brief"]
CAMPAIGNS = ["Spring Sale", "Double 11", "618", "Back to School", "Summer Splash", "Member Day",
             "Black Friday", "Golden Week", "Year-End Gala", "New Year", "Mid-Autumn",
             "Valentine's Day", "Anniversary Week", "Flash Friday", "Launch Day",
             "Singles Day", "Holiday Gift", "Spring Festival", "Brand Week", "Super Brand Day"]
PHRASES = ["launch plan", "weekly report", "banner refresh", "landing page", "push sequence",
           "budget review", "creative brief", "post-mortem", "KOL brief", "coupon setup",
           "QA checklist", "A/B test", "performance recap", "email blast", "poster series",
           "livestream script", "FAQ update", "price check", "partner deck", "media plan",
           "social calendar", "store display", "sign-up flow", "survey", "press release"]
CHANNELS = ["on WeChat", "on Douyin", "via email", "via SMS", "via push", "in the app",
            "on the website", "on Weibo", "on Bilibili", "on Xiaohongshu", "in stores",
            "at metro stations", "on Taobao", "on JD", "in WeChat groups"]
PRODUCTS = ["the monthly pass", "the family plan", "the starter kit", "the premium tier",
            "gift cards", "the e-bike", "the smart lock", "the annual plan", "the trial box",
            "the membership card", "the travel pack", "the student plan", "the kids' course",
            "the pro bundle", "the coffee subscription", "the city pass"]
CITIES = ["Chengdu", "Hangzhou", "Wuhan", "Nanjing", "Shenzhen", "Chongqing", "Suzhou",
          "Xiamen", "Qingdao", "Beijing", "Shanghai", "Guangzhou", "Tianjin", "Xi'an",
          "Changsha", "Kunming", "Hefei", "Dalian", "Berlin", "Paris", "London", "Singapore"]
# Phrases every Chinese team writes over and over; each heads a cluster of titles.
ZH_PHRASES = ["双十一大促活动方案", "会员日运营计划", "新品上市推广", "春节营销活动",
              "门店开业活动", "618大促复盘", "用户调研报告", "周报整理", "直播带货脚本",
              "社群运营计划", "品牌联名合作", "拉新裂变活动", "老用户召回", "开学季推广",
              "年终盛典筹备", "短视频内容排期", "渠道投放复盘", "客服话术更新",
              "小程序改版上线", "线下快闪店"]
# The one English word after the Chinese phrase: products, cities, channels, code names.
LATIN_WORDS = sorted({
    *(c.replace("'", "") for c in CITIES),
    "WeChat", "Douyin", "Weibo", "Bilibili", "Xiaohongshu", "Taobao", "JD", "Meituan",
    "Alipay", "Kuaishou", "Zhihu", "App", "Web", "SMS", "Email", "Push", "Lotus", "Bluebird",
    "Firefly", "Lime", "Northstar", "Pebble", "Harbour", "Maple", "Compass", "Lantern",
    "Kite", "Sunrise", "Orchid", "Bamboo", "Tidal", "Juniper", "Cobalt", "Falcon",
    "Sparrow", "Ginkgo", "Aurora", "Meteor", "Anchor", "Magpie", "Cypress", "Quartz",
    "Willow", "Summit", "Echo", "Pro", "Lite", "Max", "Mini", "Plus", "Kids", "Family",
    "Student", "Premium", "Starter", "Annual", "Monthly", "Weekly", "Q1", "Q2", "Q3", "Q4",
    "H1", "H2", "KOL", "KOC", "VIP", "SVIP", "CRM", "SEO", "SEM", "OKR", "KPI", "ROI",
    "GMV", "Coupon", "Voucher", "Banner", "Poster", "Video", "Live", "Launch", "Review",
    "Recap", "Report", "Brief", "Deck", "Draft", "Final", "Pilot", "Beta", "Test",
})
TAGS = ["wechat", "douyin", "email", "sms", "push", "app", "web", "stores", "q1", "q2", "q3",
        "q4", "launch", "recap", "budget", "content", "crm", "partners", "events", "research"]
# fmt: on


def _english_title(rng: random.Random) -> str:
    parts = [rng.choice(VERBS), rng.choice(CAMPAIGNS), rng.choice(PHRASES)]
    if rng.random() < 0.6:
        parts.append(rng.choice(CHANNELS))
    if rng.random() < 0.5:
        parts.append(f"for {rng.choice(PRODUCTS)}")
    if rng.random() < 0.5:
        parts.append(f"in {rng.choice(CITIES)}")
    title = " ".join(parts)
    if rng.random() < 0.3:
        title += f" (week {rng.randint(1, 52)})"
    return title


def _clustered_title(rng: random.Random) -> str:
    return f"{rng.choice(ZH_PHRASES)}·{rng.choice(LATIN_WORDS)}"


def generate_clustered(n_tasks: int, seed: int = 0, zh_share: float = 0.2) -> Chart:
    """A valid chart of ``n_tasks`` tasks with clustered, mixed-script titles (see above)."""
    if not 0 <= zh_share <= 1:
        raise ValueError("zh_share must be between 0 and 1")
    rng = random.Random(f"clustered:{seed}")
    voc = VOCABULARIES["en"]
    functions = _functions(rng, "en", rng.randint(4, 8))
    fnames = {f.id: f.name for f in functions}
    goals = _goals(rng, voc, "en", functions, 50)
    width = max(5, len(str(n_tasks)))
    tasks = []
    for i in range(n_tasks):
        primary = rng.choice(goals)
        served = [primary.id]
        if rng.random() < 0.3:
            second = rng.choice(goals)
            if second is not primary:
                served.append(second.id)
        title = _clustered_title(rng) if rng.random() < zh_share else _english_title(rng)
        raci = _raci(rng, functions, primary.owner)
        accountable = next((f for f, x in raci.items() if "A" in x), functions[0].id)
        tags = tuple(dict.fromkeys(rng.sample(TAGS, rng.randint(0, 3))))
        tasks.append(
            Task(
                id=f"t{i + 1:0{width}d}",
                title=title,
                description=_description(rng, voc, primary, fnames[accountable], "en"),
                goals=tuple(served),
                raci=raci,
                tags=tags,
            )
        )
    return Chart(
        title=f"Clustered synthetic chart: {n_tasks} tasks (seed {seed})",
        functions=tuple(functions),
        goals=tuple(goals),
        tasks=tuple(tasks),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_tasks", type=int, metavar="N", help="number of tasks")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="YAML file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--zh-share",
        type=float,
        default=0.2,
        help="share of titles written '<common Chinese phrase>·<English word>' (default 0.2)",
    )
    args = parser.parse_args(argv)
    chart = generate_clustered(args.n_tasks, args.seed, args.zh_share)
    save(chart, args.output)
    size = Path(args.output).stat().st_size
    print(f"{args.output}: {len(chart.tasks)} tasks, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
