"""The role map's own words, in English and Chinese."""

from __future__ import annotations

TEXT = {
    "en": {
        "counts": "{f} functions · {g} goals · {t} tasks · {w} open warnings",
        "no_owner": "no owner",
        "tasks": "{n} tasks",
        "task": "1 task",
        "tasks_shared": "{n} tasks (+{s} shared)",
        "task_shared": "1 task (+{s} shared)",
        "more": "+{n} more tasks",
        "more_warn": "{n} of them with warnings",
        "no_owner_task": "no {role}",
        "colon": ": ",
        "also": "+{n} goal",
        "no_goal": "No goal",
        "cont": "{header} (cont.)",
        "no_goals_side": "no goals here yet",
        "duplicate": "duplicate?",
        "more_dups": " · {n} more near-duplicate pairs not linked (see the warnings)",
        "legend": "Stripe on a card = the function that owns the task · red link = shared KPI · "
        "dashed = near-duplicate tasks · arcs = goal convergence (red: converging)",
    },
    "zh": {
        "counts": "{f} 个部门 · {g} 个目标 · {t} 个任务 · {w} 条未处理预警",
        "no_owner": "无负责部门",
        "tasks": "{n} 个任务",
        "task": "1 个任务",
        "task_shared": "1 个任务（另 {s} 个共享）",
        "tasks_shared": "{n} 个任务（另 {s} 个共享）",
        "more": "另有 {n} 个任务",
        "more_warn": "其中 {n} 个有预警",
        "no_owner_task": "无{role}部门",
        "colon": "：",
        "also": "另服务 {n} 个目标",
        "no_goal": "无目标",
        "cont": "{header}（续）",
        "no_goals_side": "暂无目标",
        "duplicate": "疑似重复",
        "more_dups": " · 另有 {n} 对疑似重复任务未连线（见预警列表）",
        "legend": "卡片色条 = 负责该任务的部门 · 红线 = 共享指标 · 虚线 = 疑似重复任务 · "
        "弧线 = 目标趋同度（红色：趋同）",
    },
}
