<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>评审(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>职责图</translation>
    </message>
    <message>
        <source>functions</source>
        <translation>职能</translation>
    </message>
    <message>
        <source>goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>convergence</source>
        <translation>目标趋同度</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>新增预警</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已消除</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已评审</translation>
    </message>
    <message>
        <source>KPIs of &apos;%s&apos;</source>
        <translation>“%s”的指标</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>How is this goal measured? One KPI per row, e.g. &apos;30-day repurchase rate&apos;.</source>
        <translation>这个目标用什么衡量？每行一个指标，例如“30 天复购率”。</translation>
    </message>
    <message>
        <source>Delete function</source>
        <translation>删除职能</translation>
    </message>
    <message>
        <source>&apos;%s&apos; owns %d goals and appears in the RACI of %d tasks. What should happen to them?</source>
        <translation>“%s”负责 %d 个目标，并出现在 %d 个任务的 RACI 中。这些怎么处理？</translation>
    </message>
    <message>
        <source>&amp;Leave them without this function (goals become unowned)</source>
        <translation>不再归属此职能（目标变为无负责部门）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Give them to:</source>
        <translation>转交给(&amp;G)：</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>%s could not be opened. Nothing was changed.</source>
        <translation>无法打开 %s。未做任何更改。</translation>
    </message>
    <message>
        <source>
… and %d more</source>
        <translation>
……另有 %d 条</translation>
    </message>
    <message>
        <source>Fix these in a text editor, then open the file again.</source>
        <translation>请在文本编辑器中修正这些问题，然后重新打开文件。</translation>
    </message>
    <message>
        <source>The chart has not been saved yet: there is nothing to compare.</source>
        <translation>职责图尚未保存，没有可比较的版本。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>%s: %s</source>
        <translation>%s：%s</translation>
    </message>
    <message>
        <source>Saved file</source>
        <translation>已保存的文件</translation>
    </message>
    <message>
        <source>Git HEAD</source>
        <translation>Git HEAD</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <source>The chart changed: press Compare to update.</source>
        <translation>职责图已更改：按“比较”更新。</translation>
    </message>
    <message>
        <source>the saved file</source>
        <translation>已保存的文件</translation>
    </message>
    <message>
        <source>git HEAD</source>
        <translation>git HEAD</translation>
    </message>
    <message>
        <source>No changes since %s.</source>
        <translation>自%s以来没有变化。</translation>
    </message>
    <message>
        <source>Since %s: %d added, %d removed, %d changed; %d warnings opened, %d closed.</source>
        <translation>自%s以来：新增 %d，删除 %d，修改 %d；新增预警 %d 条，关闭 %d 条。</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Compare with &amp;saved file</source>
        <translation>与已保存的文件比较(&amp;S)</translation>
    </message>
    <message>
        <source>Compare with git &amp;HEAD</source>
        <translation>与 git HEAD 比较(&amp;H)</translation>
    </message>
    <message>
        <source>%s was deleted or moved; the chart is only in this window now. Save writes it again.</source>
        <translation>%s 已被删除或移动；职责图现在只在这个窗口中。保存会重新写出它。</translation>
    </message>
    <message>
        <source>Reloaded %s: it changed on disk</source>
        <translation>已重新载入 %s：磁盘上的文件已更改</translation>
    </message>
    <message>
        <source>Delete task &apos;%s&apos;</source>
        <translation>删除任务“%s”</translation>
    </message>
    <message>
        <source>Delete %d tasks</source>
        <translation>删除 %d 个任务</translation>
    </message>
    <message>
        <source>Delete goal &apos;%s&apos;</source>
        <translation>删除目标“%s”</translation>
    </message>
    <message>
        <source>Delete %d goals</source>
        <translation>删除 %d 个目标</translation>
    </message>
    <message>
        <source>Delete function &apos;%s&apos;</source>
        <translation>删除职能“%s”</translation>
    </message>
    <message>
        <source>New function</source>
        <translation>新职能</translation>
    </message>
    <message>
        <source>Add function</source>
        <translation>添加职能</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>新目标</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <source>The chart changed meanwhile; edit the KPIs again</source>
        <translation>职责图在此期间已更改，请重新编辑指标</translation>
    </message>
    <message>
        <source>Rename chart</source>
        <translation>重命名职责图</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Role charts (*.yaml *.yml);;All files (*)</source>
        <translation>职责图 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open role chart</source>
        <translation>打开职责图</translation>
    </message>
    <message>
        <source>Opening %s…</source>
        <translation>正在打开 %s……</translation>
    </message>
    <message>
        <source>Opened %s</source>
        <translation>已打开 %s</translation>
    </message>
    <message>
        <source>Save role chart</source>
        <translation>保存职责图</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported %s</source>
        <translation>已导出 %s</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>YAML (*.yaml)</source>
        <translation>YAML (*.yaml)</translation>
    </message>
    <message>
        <source>No goal yet</source>
        <translation>尚无目标</translation>
    </message>
    <message>
        <source>No tag</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>导入电子表格</translation>
    </message>
    <message>
        <source>1 cell could not be read: it is listed first, in red, and left empty.</source>
        <translation>有 1 个单元格无法读取：已以红色列在最前面，并留空。</translation>
    </message>
    <message>
        <source>%d cells could not be read: they are listed first, in red, and left empty.</source>
        <translation>有 %d 个单元格无法读取：已以红色列在最前面，并留空。</translation>
    </message>
    <message>
        <source>Every cell was read. Below: everything that was reinterpreted or skipped.</source>
        <translation>所有单元格均已读取。下面列出被重新解释或跳过的内容。</translation>
    </message>
    <message>
        <source>&amp;Open as new chart</source>
        <translation>作为新职责图打开(&amp;O)</translation>
    </message>
    <message>
        <source>Autosave off</source>
        <translation>自动保存已关闭</translation>
    </message>
    <message>
        <source>Autosave and crash recovery are off: the data folder cannot be used (%s)</source>
        <translation>自动保存和崩溃恢复已关闭：无法使用数据文件夹（%s）</translation>
    </message>
    <message>
        <source>Autosave failed: %s</source>
        <translation>自动保存失败：%s</translation>
    </message>
    <message>
        <source>&amp;Matrix</source>
        <translation>矩阵(&amp;M)</translation>
    </message>
    <message>
        <source>Task &amp;list</source>
        <translation>任务列表(&amp;L)</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>职能</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Functions &amp;&amp; goals</source>
        <translation>职能与目标</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>About rolemap</source>
        <translation>关于 rolemap</translation>
    </message>
    <message>
        <source>&lt;b&gt;rolemap %s&lt;/b&gt;&lt;p&gt;Map who owns what between functions and see where their goals converge.&lt;/p&gt;</source>
        <translation>&lt;b&gt;rolemap %s&lt;/b&gt;&lt;p&gt;理清各职能之间谁负责什么，看清它们的目标在哪里趋同。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Type %s in a cell; Delete clears it.</source>
        <translation>在单元格中输入 %s；按 Delete 清除。</translation>
    </message>
    <message>
        <source> (only sometimes)</source>
        <translation>（仅有时）</translation>
    </message>
    <message>
        <source>…and %d more</source>
        <translation>……另有 %d 条</translation>
    </message>
    <message>
        <source>Click the Warnings cell to review.</source>
        <translation>点击“预警”单元格进行评审。</translation>
    </message>
    <message>
        <source>Rename task &apos;%s&apos;</source>
        <translation>重命名任务“%s”</translation>
    </message>
    <message>
        <source>Type %s in a cell (again to take it away; ? after a letter: only sometimes).</source>
        <translation>在单元格中输入 %s（再按一次取消；字母后加 ? 表示仅有时）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;This chart has no functions yet.&lt;/b&gt; Add the teams first (Edit ▸ Add function, Ctrl+Shift+F): the matrix gets a column for each.</source>
        <translation>&lt;b&gt;这张职责图还没有职能。&lt;/b&gt;请先添加团队（编辑 ▸ 添加职能，Ctrl+Shift+F）：矩阵会为每个职能增加一列。</translation>
    </message>
    <message>
        <source>Filter: title, goal, tag</source>
        <translation>筛选：标题、目标、标签</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Group by goal</source>
        <translation>按目标分组</translation>
    </message>
    <message>
        <source>Group by tag</source>
        <translation>按标签分组</translation>
    </message>
    <message>
        <source>&amp;Conflicts only</source>
        <translation>仅显示冲突(&amp;C)</translation>
    </message>
    <message>
        <source>Ca&amp;pture mode</source>
        <translation>记录模式(&amp;P)</translation>
    </message>
    <message>
        <source>While the room lists tasks: hold back the &apos;not assigned yet&apos; warnings</source>
        <translation>大家列任务时：暂不显示“尚未分配”预警</translation>
    </message>
    <message>
        <source>New task: type its title, Enter, then its letters (Ctrl+L)</source>
        <translation>新任务：输标题，回车，再输字母 (Ctrl+L)</translation>
    </message>
    <message>
        <source>New task for goal &apos;%s&apos; (Ctrl+L)</source>
        <translation>目标“%s”的新任务 (Ctrl+L)</translation>
    </message>
    <message>
        <source>New task tagged &apos;%s&apos; (Ctrl+L)</source>
        <translation>标签为“%s”的新任务 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Marketing vs Operations (English)</source>
        <translation>市场 vs 运营（英文模板）</translation>
    </message>
    <message>
        <source>Empty chart</source>
        <translation>空白职责图（英文模板）</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;role chart (YAML)…</source>
        <translation>导出职责图 (YAML)(&amp;R)…</translation>
    </message>
    <message>
        <source>Export &amp;Markdown report…</source>
        <translation>导出 Markdown 报告(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Add task</source>
        <translation>添加任务(&amp;A)</translation>
    </message>
    <message>
        <source>Type a task and press Enter</source>
        <translation>输入任务后按回车</translation>
    </message>
    <message>
        <source>D&amp;uplicate tasks</source>
        <translation>复制任务(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Filter tasks</source>
        <translation>筛选任务(&amp;F)</translation>
    </message>
    <message>
        <source>Rename &amp;chart…</source>
        <translation>重命名职责图(&amp;C)…</translation>
    </message>
    <message>
        <source>Add &amp;function</source>
        <translation>添加职能(&amp;F)</translation>
    </message>
    <message>
        <source>Add &amp;goal</source>
        <translation>添加目标(&amp;G)</translation>
    </message>
    <message>
        <source>Edit &amp;KPIs…</source>
        <translation>编辑指标(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal text</source>
        <translation>正常文字(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large type, high contrast (Esc leaves)</source>
        <translation>全屏、大字、高对比度（按 Esc 退出）</translation>
    </message>
    <message>
        <source>L&amp;eave presentation mode</source>
        <translation>退出演示模式(&amp;E)</translation>
    </message>
    <message>
        <source>Go to the &amp;matrix</source>
        <translation>转到矩阵(&amp;M)</translation>
    </message>
    <message>
        <source>Go to &amp;tasks</source>
        <translation>转到任务(&amp;T)</translation>
    </message>
    <message>
        <source>Go to &amp;functions</source>
        <translation>转到职能(&amp;F)</translation>
    </message>
    <message>
        <source>Go to &amp;goals</source>
        <translation>转到目标(&amp;G)</translation>
    </message>
    <message>
        <source>Go to &amp;warnings</source>
        <translation>转到预警(&amp;W)</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge warning</source>
        <translation>确认预警(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Accept warning</source>
        <translation>接受预警(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reopen warning</source>
        <translation>重新打开预警(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About rolemap</source>
        <translation>关于 rolemap(&amp;A)</translation>
    </message>
    <message>
        <source>Accountable</source>
        <translation>A 负责（问责）</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>R 执行</translation>
    </message>
    <message>
        <source>Consulted</source>
        <translation>C 咨询</translation>
    </message>
    <message>
        <source>Informed</source>
        <translation>I 知会</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Set accountable of &apos;%s&apos;</source>
        <translation>设置“%s”的负责（A）</translation>
    </message>
    <message>
        <source>Set responsible of &apos;%s&apos;</source>
        <translation>设置“%s”的执行（R）</translation>
    </message>
    <message>
        <source>Set consulted of &apos;%s&apos;</source>
        <translation>设置“%s”的咨询（C）</translation>
    </message>
    <message>
        <source>Set informed of &apos;%s&apos;</source>
        <translation>设置“%s”的知会（I）</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>职能</translation>
    </message>
    <message>
        <source>Archetype</source>
        <translation>职能类型</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Set archetype of &apos;%s&apos;</source>
        <translation>设置“%s”的职能类型</translation>
    </message>
    <message>
        <source>Set colour of &apos;%s&apos;</source>
        <translation>设置“%s”的颜色</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>（无负责部门）</translation>
    </message>
    <message>
        <source>Set owner of &apos;%s&apos;</source>
        <translation>设置“%s”的负责部门</translation>
    </message>
    <message>
        <source>Set kind of &apos;%s&apos;</source>
        <translation>设置“%s”的类型</translation>
    </message>
    <message>
        <source>%(kind)s (%(side)s)</source>
        <translation>%(kind)s（%(side)s）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Type a task and press Enter (Ctrl+L)</source>
        <translation>输入任务后按回车 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Filter: title, function, goal, tag (Ctrl+F)</source>
        <translation>筛选：标题、职能、目标、标签 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Has &amp;warnings</source>
        <translation>有预警(&amp;W)</translation>
    </message>
    <message>
        <source>%d tasks</source>
        <translation>%d 个任务</translation>
    </message>
    <message>
        <source>%d of %d tasks</source>
        <translation>%d / %d 个任务</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Delete the selected rows</source>
        <translation>删除选中的行</translation>
    </message>
    <message>
        <source>Presentation mode: Esc to leave</source>
        <translation>演示模式：按 Esc 退出</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to &apos;%s&apos; before closing?</source>
        <translation>关闭前保存对“%s”的更改吗？</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>磁盘上的文件已更改</translation>
    </message>
    <message>
        <source>%s was changed by another program since you opened it. Overwrite those changes?</source>
        <translation>自您打开以来，%s 已被其他程序修改。要覆盖那些修改吗？</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>覆盖(&amp;O)</translation>
    </message>
    <message>
        <source>Some recovery data from an earlier session cannot be used:</source>
        <translation>之前会话的部分恢复数据无法使用：</translation>
    </message>
    <message>
        <source>&amp;Keep for now</source>
        <translation>暂时保留(&amp;K)</translation>
    </message>
    <message>
        <source>Save recovered work</source>
        <translation>保存恢复的工作</translation>
    </message>
    <message>
        <source>Save the recovered chart to
%s?
(This path comes from the recovery data.)</source>
        <translation>将恢复的职责图保存到
%s？
（此路径来自恢复数据。）</translation>
    </message>
    <message>
        <source>Read-only file</source>
        <translation>只读文件</translation>
    </message>
    <message>
        <source>%s is read-only. Overwrite it anyway (it stays read-only)?</source>
        <translation>%s 是只读文件。仍要覆盖吗（覆盖后仍为只读）？</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>%s could not be saved: %s
The file on disk is unchanged and your changes are still here.
Save them somewhere else?</source>
        <translation>无法保存 %s：%s
磁盘上的文件没有变化，您的更改仍然保留在这里。
要保存到其他位置吗？</translation>
    </message>
    <message>
        <source>%s was changed by another program, and you have unsaved changes.</source>
        <translation>%s 已被其他程序修改，而您还有未保存的更改。</translation>
    </message>
    <message>
        <source>&amp;Reload theirs (discard mine)</source>
        <translation>重新载入对方版本（放弃我的更改）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>保留我的版本(&amp;K)</translation>
    </message>
    <message>
        <source>Save mine &amp;As…</source>
        <translation>将我的版本另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>an untitled chart</source>
        <translation>一张未命名的职责图</translation>
    </message>
    <message>
        <source>rolemap found unsaved work on %s (“%s”), autosaved at %s.</source>
        <translation>rolemap 发现了 %s（“%s”）上未保存的工作，自动保存于 %s。</translation>
    </message>
    <message>
        <source>The file on disk has changed since then.</source>
        <translation>此后磁盘上的文件已更改。</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>Open Recen&amp;t</source>
        <translation>最近打开(&amp;T)</translation>
    </message>
    <message>
        <source>Recovery files</source>
        <translation>恢复文件</translation>
    </message>
    <message>
        <source>Recovered unsaved work from %s</source>
        <translation>已从 %s 恢复未保存的工作</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet…</source>
        <translation>导入电子表格(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a RACI matrix from Excel or CSV</source>
        <translation>从 Excel 或 CSV 读取 RACI 矩阵</translation>
    </message>
    <message>
        <source>Export as &amp;Excel workbook…</source>
        <translation>导出为 Excel 工作簿(&amp;E)…</translation>
    </message>
    <message>
        <source>Export as CS&amp;V matrix…</source>
        <translation>导出为 CSV 矩阵(&amp;V)…</translation>
    </message>
    <message>
        <source>Imported %s: save it to keep it</source>
        <translation>已导入 %s：请保存以留存</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Convergence: how alike two functions&apos; goals are (0 to 1)</source>
        <translation>目标趋同度：两个职能的目标有多相似（0 到 1）</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>正在分析……</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>1 条预警</translation>
    </message>
    <message>
        <source>%d warnings</source>
        <translation>%d 条预警</translation>
    </message>
    <message>
        <source>%s — %d open</source>
        <translation>%s — %d 条未处理</translation>
    </message>
    <message>
        <source>, %d accepted</source>
        <translation>，已接受 %d 条</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>确认(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>重新打开(&amp;R)</translation>
    </message>
    <message>
        <source>Mark as seen; it stays open</source>
        <translation>标记为已看过；预警仍保持未处理</translation>
    </message>
    <message>
        <source>Accept the overlap deliberately: type the reason in the note, then Enter</source>
        <translation>有意接受这一重叠：在备注中写明理由，然后回车</translation>
    </message>
    <message>
        <source>&amp;Note (why the team accepts it):</source>
        <translation>备注（团队为何接受）(&amp;N)：</translation>
    </message>
    <message>
        <source>Type the reason, then Enter to accept (Esc: cancel)</source>
        <translation>输入理由，回车接受（Esc：取消）</translation>
    </message>
    <message>
        <source>Remove the team&apos;s decision</source>
        <translation>撤销团队的评审结论</translation>
    </message>
    <message>
        <source>Capture mode: %d &apos;not assigned yet&apos; warnings held back</source>
        <translation>记录模式：暂不显示 %d 条“尚未分配”预警</translation>
    </message>
    <message>
        <source>%s&lt;br&gt;Convergence: %s</source>
        <translation>%s&lt;br&gt;目标趋同度：%s</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K acknowledges, Ctrl+Shift+A accepts with a note:</source>
        <translation>Ctrl+Shift+K 确认，Ctrl+Shift+A 附备注接受：</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Suggestion:&lt;/b&gt; %s&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;建议：&lt;/b&gt;%s&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Select a warning to see why it matters and what teams usually do.</source>
        <translation>选择一条预警，查看它为何重要，以及团队通常如何处理。</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>&amp;Note: why does the team accept %s? (required)</source>
        <translation>备注：团队为何接受%s？（必填）(&amp;N)</translation>
    </message>
    <message>
        <source>this warning</source>
        <translation>这条预警</translation>
    </message>
    <message>
        <source>these %d warnings</source>
        <translation>这 %d 条预警</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reopen warning</source>
        <translation>重新打开预警</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>rolemap shows the new language after a restart. Restart now?</source>
        <translation>rolemap 重新启动后才会显示新语言。现在重新启动吗？</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export role ma&amp;p as picture…</source>
        <translation>将职责地图导出为图片(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;heat maps as picture…</source>
        <translation>将热力图导出为图片(&amp;H)…</translation>
    </message>
    <message>
        <source>Export RACI matri&amp;x as picture…</source>
        <translation>将 RACI 矩阵导出为图片(&amp;X)…</translation>
    </message>
    <message>
        <source>Role map</source>
        <translation>职责地图</translation>
    </message>
    <message>
        <source>Go to the r&amp;ole map</source>
        <translation>转到职责地图(&amp;O)</translation>
    </message>
    <message>
        <source>Role &amp;map</source>
        <translation>职责地图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Heat maps</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Click an item to select it · drag to move · Ctrl+wheel to zoom</source>
        <translation>点击选中 · 拖动平移 · Ctrl+滚轮缩放</translation>
    </message>
    <message>
        <source>%(file)s: cannot read this recovery file (%(error)s)</source>
        <translation>%(file)s：无法读取此恢复文件（%(error)s）</translation>
    </message>
    <message>
        <source>Set tags of &apos;%(name)s&apos;</source>
        <translation>设置“%(name)s”的标签</translation>
    </message>
    <message>
        <source>Set goals of &apos;%(name)s&apos;</source>
        <translation>设置“%(name)s”的目标</translation>
    </message>
    <message>
        <source>Set KPIs of &apos;%(name)s&apos;</source>
        <translation>设置“%(name)s”的指标</translation>
    </message>
    <message>
        <source>Add task &apos;%(name)s&apos;</source>
        <translation>添加任务“%(name)s”</translation>
    </message>
    <message>
        <source>Duplicate %(count)s tasks</source>
        <translation>复制 %(count)s 个任务</translation>
    </message>
    <message>
        <source>Rename goal &apos;%(name)s&apos;</source>
        <translation>重命名目标“%(name)s”</translation>
    </message>
    <message>
        <source>Rename function &apos;%(name)s&apos;</source>
        <translation>重命名职能“%(name)s”</translation>
    </message>
    <message>
        <source>Clear %(count)s cells</source>
        <translation>清除 %(count)s 个单元格</translation>
    </message>
    <message>
        <source>Clear cell</source>
        <translation>清除单元格</translation>
    </message>
    <message>
        <source>Set %(function)s of &apos;%(name)s&apos; to %(value)s</source>
        <translation>将“%(name)s”中%(function)s的角色设为 %(value)s</translation>
    </message>
</context>
</TS>
