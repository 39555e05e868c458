"""Plain-language texts for every rule, in English and Chinese (the chart's language)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleText:
    title: str
    message: str
    suggestion: str


RULES: dict[str, dict[str, RuleText]] = {
    "shared-kpi": {
        "en": RuleText(
            "Same KPI owned twice",
            "The KPI \u201c{kpi}\u201d measures goals owned by {owners} ({goals}). Two functions "
            "measured on the same number will compete for it and each claim the credit: "
            "their goals have converged.",
            "Give the KPI one owner and let the other function track a KPI of its own, or "
            "split it (e.g. by channel) so each side owns a distinct measure.",
        ),
        "zh": RuleText(
            "同一指标被两个部门认领",
            "指标\u201c{kpi}\u201d同时衡量{owners}负责的目标（{goals}）。两个部门用同一个数字考核，"
            "就会争抢这个数字、各自邀功：双方的目标已经趋同。",
            "只保留一个指标负责人，另一方改用自己的指标；或按渠道等维度拆分，让双方各自对不同的数字负责。",
        ),
    },
    "converging-goals": {
        "en": RuleText(
            "Converging goals",
            "The goal portfolios of {a} and {b} converge (score {score:.2f}, threshold "
            "{threshold:.2f}); they share {shared}. When two functions pursue the same goals, "
            "responsibility can never be split cleanly and they will fight over the work.",
            "Decide which side each shared goal belongs to, move the work accordingly, or "
            "accept the overlap explicitly and name a single accountable owner for it.",
        ),
        "zh": RuleText(
            "目标趋同",
            "{a}与{b}的目标组合趋同（趋同度 {score:.2f}，阈值 {threshold:.2f}），共同涉及{shared}。"
            "两个部门追求相同的目标时，职责永远分不清，必然\u201c打架\u201d。",
            "逐个确定共同目标归哪一方，并相应调整工作；或者明确接受重叠，并指定唯一的批准（问责）人。",
        ),
    },
    "multiple-accountable": {
        "en": RuleText(
            "Several accountable functions",
            "\u201c{task}\u201d is owned ({letter}) by {functions}. With two owners nobody owns "
            "the outcome: decisions stall and each side blames the other.",
            "Keep one {letter}; make the other function {doer} (doing the work) or C (consulted), "
            "or mark it conditional ({letter}?) if it owns the task only in some cases.",
        ),
        "zh": RuleText(
            "多个部门同时问责",
            "\u201c{task}\u201d的负责人（{letter}）同时给了{functions}。两个负责人等于没有负责人：决策拖延，出了问题互相推诿。",
            "只保留一个 {letter}；另一方改为 {doer}（执行）或 C（咨询）；若只在部分情况下负责，标为条件角色（{letter}?）。",
        ),
    },
    "no-accountable": {
        "en": RuleText(
            "No accountable function",
            "\u201c{task}\u201d has no owner (no {letter}). Work without an owner "
            "is done by whoever has time, or not at all.",
            "Give the task exactly one {letter}.",
        ),
        "zh": RuleText(
            "没有问责部门",
            "\u201c{task}\u201d没有负责人（没有 {letter}）。没有负责人的工作，要么谁有空谁做，要么没人做。",
            "给这个任务指定唯一的 {letter}。",
        ),
    },
    "cross-side-task": {
        "en": RuleText(
            "Task serves both sides",
            "\u201c{task}\u201d serves brand-side goals ({brand}) and operations-side goals "
            "({ops}) at once. Such tasks are where marketing and operations meet: whoever runs "
            "it is judged by two kinds of goals.",
            "Split the task into a brand part and an operations part, or agree which side's "
            "goal it mainly serves.",
        ),
        "zh": RuleText(
            "任务横跨两侧目标",
            "\u201c{task}\u201d同时服务品牌侧目标（{brand}）和运营侧目标（{ops}）。这类任务正是市场与运营的交界处："
            "执行者会同时被两类目标考核。",
            "把任务拆成品牌部分和运营部分，或者约定它主要服务哪一侧的目标。",
        ),
    },
    "side-mismatch": {
        "en": RuleText(
            "Goal on the other side",
            "The goal \u201c{goal}\u201d is about {kind}, which is on the {side}, but its "
            "owner {owner} is of the {archetype} archetype. A function chasing the other "
            "side's goals drifts into the other function's territory.",
            "Move the goal to a function of its side, or change the owner's archetype if "
            "that is what the team really is.",
        ),
        "zh": RuleText(
            "目标与部门类型不符",
            "目标\u201c{goal}\u201d属于{kind}（{side}），但负责它的{owner}是{archetype}部门。"
            "部门去追另一侧的目标，就会越界进入对方的领地。",
            "把目标交给同侧的部门；如果这个部门实际上就是另一类型，请修改它的类型。",
        ),
    },
    "duplicate-task": {
        "en": RuleText(
            "Near-duplicate tasks",
            "\u201c{a}\u201d and \u201c{b}\u201d look like the same work (similarity "
            "{score:.2f}) but are accountable to different functions ({owners}). The same "
            "work done twice by two teams is the commonest overlap.",
            "Merge them into one task with one A, or rename them to say how they differ.",
        ),
        "zh": RuleText(
            "疑似重复任务",
            "\u201c{a}\u201d和\u201c{b}\u201d看起来是同一件事（相似度 {score:.2f}），却由不同部门问责（{owners}）。"
            "两个团队做同一件事，是最常见的职责重叠。",
            "合并为一个任务并只保留一个 A；如果确实不同，请改名说明区别。",
        ),
    },
    "unowned-goal": {
        "en": RuleText(
            "Goal without owner",
            "The goal \u201c{goal}\u201d has no owner. A goal nobody owns is either ignored or "
            "claimed by everyone.",
            "Name the function that is measured on it.",
        ),
        "zh": RuleText(
            "目标无人负责",
            "目标\u201c{goal}\u201d没有负责部门。没人负责的目标，要么被忽视，要么人人都来抢。",
            "指定由哪个部门对这个目标负责。",
        ),
    },
    "foreign-goal": {
        "en": RuleText(
            "Working for another function's goal",
            "\u201c{task}\u201d is accountable to {accountable}, but the goals it serves "
            "({goals}) are owned by {owners}. The function doing the work is not the one "
            "measured on it.",
            "Move the {letter} to the goal's owner, or link the task to a goal of the accountable "
            "function.",
        ),
        "zh": RuleText(
            "为别人的目标干活",
            "\u201c{task}\u201d由{accountable}问责，但它服务的目标（{goals}）属于{owners}。干活的部门和被考核的部门不是同一个。",
            "把 {letter} 交给目标的负责部门，或把任务关联到问责部门自己的目标。",
        ),
    },
    "orphan-goal": {
        "en": RuleText(
            "Goal without work",
            "No task serves the goal \u201c{goal}\u201d. A goal with no work behind it is a "
            "wish, not a responsibility.",
            "Add the tasks that move it, or drop the goal.",
        ),
        "zh": RuleText(
            "目标没有任务支撑",
            "没有任何任务服务目标\u201c{goal}\u201d。没有工作支撑的目标只是愿望，不是职责。",
            "补上推动它的任务，或者删掉这个目标。",
        ),
    },
    "task-without-goal": {
        "en": RuleText(
            "Task without goal",
            "\u201c{task}\u201d serves no goal. Work that serves no goal cannot be judged, "
            "and nobody can say whose it should be.",
            "Link it to the goal it moves, or ask whether it is needed.",
        ),
        "zh": RuleText(
            "任务没有目标",
            "\u201c{task}\u201d不服务任何目标。不服务目标的工作无法评价，也说不清该归谁。",
            "把它关联到它推动的目标，或者想想是否真的需要。",
        ),
    },
    "goal-without-kpi": {
        "en": RuleText(
            "Goal without KPI",
            "The goal \u201c{goal}\u201d has no KPI. Analysis starts from a goal and the data "
            "that measure it; without a KPI nobody can tell whether it moves or who moved it.",
            "Add one or two KPIs that measure it (e.g. a 30/60/90-day repurchase rate).",
        ),
        "zh": RuleText(
            "目标没有指标",
            "目标\u201c{goal}\u201d没有 KPI。分析要从目标和衡量它的数据项出发；没有指标，就说不清它有没有进展、是谁推动的。",
            "补充一两个衡量它的指标（例如 30/60/90 天复购率）。",
        ),
    },
    "too-many-responsible": {
        "en": RuleText(
            "Too many doers",
            "\u201c{task}\u201d has {count} responsible functions ({functions}). Work shared "
            "by three or more teams tends to fall between them.",
            "Keep one or two doers and make the others C or I, or mark a role conditional "
            "(R?) when a team helps only in some cases.",
        ),
        "zh": RuleText(
            "执行方过多",
            "\u201c{task}\u201d有 {count} 个部门负责执行（{functions}）。三个及以上团队共同执行的工作，往往会掉在缝隙里。",
            "只保留一到两个执行方，其余改为 C 或 I；只在部分情况下参与的，标为条件角色（R?）。",
        ),
    },
    "accountable-overload": {
        "en": RuleText(
            "One function accountable for nearly everything",
            "{function} is accountable for {count} of {total} tasks ({share:.0%}). When one "
            "function owns nearly everything, the chart hides the real split of work and that "
            "function becomes the bottleneck.",
            "Check whether other functions should own some of these outcomes.",
        ),
        "zh": RuleText(
            "一个部门几乎问责一切",
            "{function}问责了 {total} 个任务中的 {count} 个（{share:.0%}）。一个部门几乎包揽所有结果，"
            "职责图就掩盖了真实的分工，这个部门也会成为瓶颈。",
            "看看其中哪些结果应由其他部门负责。",
        ),
    },
    "stale-review": {
        "en": RuleText(
            "Review for a warning that no longer fires",
            "The review of \u201c{fingerprint}\u201d ({status}) matches no current warning: the "
            "chart changed since it was decided. The review is kept.",
            "Delete the review if the issue is solved, or update it to the new warning.",
        ),
        "zh": RuleText(
            "评审结论已过期",
            "针对\u201c{fingerprint}\u201d的评审结论（{status}）已找不到对应的预警：职责图在决定之后改过。评审结论仍然保留。",
            "如果问题已解决，请删除这条评审；否则改为对应新的预警。",
        ),
    },
}

SEVERITY_LABELS = {
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
}

# duplicate-task when three or more tasks are one group of near-duplicates
DUPLICATE_GROUP: dict[str, RuleText] = {
    "en": RuleText(
        "Near-duplicate tasks",
        "{count} tasks look like the same work (similarity up to {score:.2f}): {titles}. "
        "They are accountable to different functions ({owners}). The same work done "
        "several times by several teams is the commonest overlap.",
        "Merge them into one task with one A, or rename them to say how they differ.",
    ),
    "zh": RuleText(
        "疑似重复任务",
        "{count} 个任务看起来是同一件事（相似度最高 {score:.2f}）：{titles}。它们由不同部门问责"
        "（{owners}）。几个团队做同一件事，是最常见的职责重叠。",
        "合并为一个任务并只保留一个 A；如果确实不同，请改名说明区别。",
    ),
}
MORE = {"en": "and {n} more", "zh": "等另外 {n} 个"}

LIST_SEP = {"en": ", ", "zh": "、"}
AND = {"en": " and ", "zh": "和"}


def join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return LIST_SEP[lang].join(items[:-1]) + AND[lang] + items[-1]


RULES.update(
    {
        "same-kpi-question": {
            "en": RuleText(
                "The same KPI under two names?",
                "\u201c{kpi_a}\u201d ({owner_a}) and \u201c{kpi_b}\u201d ({owner_b}) look like "
                "the same measure ({reason}). If they are, both functions are measured on one "
                "number and will compete for it.",
                "Ask the team: if they are the same KPI, give it one owner (and add both names "
                "to the chart's glossary); if not, accept this warning with a note on how "
                "they differ.",
            ),
            "zh": RuleText(
                "是同一个指标吗？",
                "\u201c{kpi_a}\u201d（{owner_a}）与\u201c{kpi_b}\u201d（{owner_b}）看起来是同一个指标"
                "（{reason}）。如果是，两个部门就在争同一个数字。",
                "请团队确认：若是同一指标，只保留一个负责部门（并把两个名称加入图表的术语表）；"
                "若不是，接受此预警并注明区别。",
            ),
        },
        "support-function": {
            "en": RuleText(
                "A support function",
                "{function} owns no goal and does {count} of its {total} tasks for the goals "
                "of {owner}. It is a support function: it cannot converge with anyone, but "
                "its work depends on {owner}'s priorities.",
                "Make sure {owner} plans for {function}'s time, or give {function} a goal of "
                "its own if it is really a team with its own development goals.",
            ),
            "zh": RuleText(
                "支持型部门",
                "{function}没有自己的目标，{total} 个任务中有 {count} 个服务于{owner}的目标。"
                "它是支持型部门：不会与任何部门目标趋同，但它的工作取决于{owner}的优先级。",
                "请{owner}在规划时考虑{function}的投入；如果它其实有自己的发展目标，就为它设定目标。",
            ),
        },
    }
)
