//! Every key of the dashboard, written once: the help overlay lists these, the status line picks from them.

/// One key (or a few keys with the same action) and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHelp {
    pub keys: &'static str,
    pub action: &'static str,
}

const fn key(keys: &'static str, action: &'static str) -> KeyHelp {
    KeyHelp { keys, action }
}

/// Keys grouped by where they work, in the order the help overlay shows them.
pub const SECTIONS: &[(&str, &[KeyHelp])] = &[
    (
        "任何界面",
        &[
            key("q / Ctrl-C", "退出（终端恢复原状）"),
            key("?", "打开/关闭本帮助"),
            key("[ / ]", "评估截至年份 减一年 / 加一年"),
            key("a", "年度计划：当年年度目标的时序进度"),
            key("Tab / Shift-Tab", "切换 指标总览 / 情景模拟"),
        ],
    ),
    (
        "指标总览",
        &[
            key("↑ ↓ / k j", "上下移动"),
            key("PgUp PgDn", "翻页"),
            key("Home End / g G", "第一项 / 最后一项"),
            key("Enter / →", "打开所选指标"),
            key("/", "按名称或序号搜索"),
            key("b", "只看约束性指标（再按取消）"),
            key("l", "只看滞后指标（滞后、严重滞后）"),
            key("c / C", "按类别筛选：下一类 / 上一类"),
            key("s", "排序：规划表顺序 / 按差距（差距大者在前）"),
            key("x", "清除搜索与全部筛选"),
            key("d", "各地区对照（数据中有多个地区的规划时）"),
            key("Esc", "清除搜索，再按清除筛选"),
            key("鼠标", "滚轮移动；单击选中，再次单击打开"),
        ],
    ),
    (
        "搜索框",
        &[
            key("输入文字", "按名称（如 GDP、收入）或序号（如 17）筛选"),
            key("Enter", "确定，保留搜索结果"),
            key("Esc", "取消搜索"),
            key("Backspace / Ctrl-U", "删除一个字 / 清空"),
            key("↑ ↓", "在结果中移动"),
        ],
    ),
    (
        "指标详情",
        &[
            key("Esc / ← / h", "返回总览"),
            key("↑ ↓ / k j", "滚动计算过程与数据来源"),
            key("PgUp PgDn Home", "翻页 / 回到顶部"),
            key("n / p", "下一个 / 上一个指标"),
            key("r", "录入该指标的一个数据"),
            key("鼠标滚轮", "滚动"),
        ],
    ),
    (
        "情景模拟",
        &[
            key("↑ ↓ / k j", "选择假设（GDP增速、人口变化、汇率）"),
            key("← → / - +", "减小 / 增大所选假设"),
            key("n / p", "下一个 / 上一个预设情景"),
            key("r", "恢复当前预设情景的数值"),
            key("Esc", "返回总览"),
        ],
    ),
    // 地区对照, 年度计划 and 录入数据: their keys live beside their components (view/regions.rs,
    // view/annual.rs, record_form.rs); the help screen gathers them.
];

/// The help screen's own keys, listed last.
pub const HELP_SECTION: (&str, &[KeyHelp]) = (
    "帮助",
    &[
        key("↑ ↓ PgUp PgDn", "滚动"),
        key("Esc / ? / Enter", "关闭帮助"),
    ],
);

/// The hints on each screen's status line, most important first (they are cut from the end when narrow).
pub const OVERVIEW_HINTS: &[KeyHelp] = &[
    key("?", "帮助"),
    key("q", "退出"),
    key("Enter", "打开"),
    key("/", "搜索"),
    key("Tab", "情景"),
    key("[ ]", "年份"),
    key("b", "约束性"),
    key("l", "滞后"),
    key("c", "类别"),
    key("s", "排序"),
    key("a", "年度计划"),
];

pub const INDICATOR_HINTS: &[KeyHelp] = &[
    key("?", "帮助"),
    key("Esc", "返回"),
    key("↑↓", "滚动"),
    key("n p", "下/上一个"),
    key("[ ]", "年份"),
    key("q", "退出"),
    key("r", "录入"),
];

/// The first three are the keys that still work where the panel cannot open.
pub const SCENARIO_HINTS: &[KeyHelp] = &[
    key("?", "帮助"),
    key("Esc", "返回"),
    key("q", "退出"),
    key("↑↓", "选择"),
    key("←→", "调整"),
    key("n p", "预设情景"),
    key("r", "恢复"),
];

pub const SEARCH_HINTS: &[KeyHelp] = &[key("Enter", "确定"), key("Esc", "取消")];
