<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Play: step through the run on its own (Space)</source>
        <translation>播放：自动逐步走完这次运行（空格）</translation>
    </message>
    <message>
        <source>&amp;Save Trace As…</source>
        <translation>跟踪另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the trace shown now as a .coroscope file</source>
        <translation>把当前显示的跟踪保存为 .coroscope 文件</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Step &amp;Forward</source>
        <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
        <source>Step forward one event (→)</source>
        <translation>前进一个事件（→）</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <source>Step back one event (←)</source>
        <translation>后退一个事件（←）</translation>
    </message>
    <message>
        <source>To &amp;Start</source>
        <translation>回到开头(&amp;S)</translation>
    </message>
    <message>
        <source>Go to the start, before the first event (Home)</source>
        <translation>回到开头，第一个事件之前（Home）</translation>
    </message>
    <message>
        <source>To &amp;End</source>
        <translation>跳到结尾(&amp;E)</translation>
    </message>
    <message>
        <source>Go to the last event (End)</source>
        <translation>跳到最后一个事件（End）</translation>
    </message>
    <message>
        <source>Run to Next &amp;Output</source>
        <translation>运行到下一次输出(&amp;O)</translation>
    </message>
    <message>
        <source>Move to the next printed line (Ctrl+→)</source>
        <translation>跳到下一行打印输出（Ctrl+→）</translation>
    </message>
    <message>
        <source>&amp;Continue to Breakpoint</source>
        <translation>继续到断点(&amp;C)</translation>
    </message>
    <message>
        <source>Move to the next event on a line with a breakpoint (F5)</source>
        <translation>跳到下一个落在断点行上的事件（F5）</translation>
    </message>
    <message>
        <source>Toggle &amp;Breakpoint</source>
        <translation>切换断点(&amp;B)</translation>
    </message>
    <message>
        <source>Set or remove a breakpoint on the current C++ line (F9)</source>
        <translation>在当前 C++ 行上设置或取消断点（F9）</translation>
    </message>
    <message>
        <source>C&amp;lear All Breakpoints</source>
        <translation>清除所有断点(&amp;L)</translation>
    </message>
    <message>
        <source>Play &amp;Faster</source>
        <translation>加快播放(&amp;F)</translation>
    </message>
    <message>
        <source>Play &amp;Slower</source>
        <translation>减慢播放(&amp;S)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Timeline x axis: one column per event (Ctrl+1)</source>
        <translation>时间线横轴：每个事件一列（Ctrl+1）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Timeline x axis: the run&apos;s clock, in seconds (Ctrl+2)</source>
        <translation>时间线横轴：运行时钟，单位秒（Ctrl+2）</translation>
    </message>
    <message>
        <source>&amp;Fit Timeline</source>
        <translation>时间线适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Find &amp;Sample</source>
        <translation>查找示例(&amp;S)</translation>
    </message>
    <message>
        <source>Show &amp;Gallery</source>
        <translation>显示示例库(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;maller Text</source>
        <translation>缩小文字(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Default Text Size</source>
        <translation>默认文字大小(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Coroscope</source>
        <translation>关于 Coroscope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a Python script to trace on CPython (.py), or a recorded trace (.coroscope, Chrome trace .json)</source>
        <translation>打开一个 Python 脚本在 CPython 上跟踪运行（.py），或打开录制好的跟踪（.coroscope、Chrome 跟踪 .json）</translation>
    </message>
    <message>
        <source>&amp;Run Again</source>
        <translation>重新运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the sample or the script again from the start (Ctrl+R)</source>
        <translation>从头重新运行示例或脚本（Ctrl+R）</translation>
    </message>
    <message>
        <source>Run on the C&amp;++ Port</source>
        <translation>在 C++ 移植上运行(&amp;+)</translation>
    </message>
    <message>
        <source>Samples run as their C++ ports on Coroscope&apos;s scheduler (Ctrl+Alt+C)</source>
        <translation>示例以其 C++ 移植在 Coroscope 的调度器上运行（Ctrl+Alt+C）</translation>
    </message>
    <message>
        <source>Run on C&amp;Python</source>
        <translation>在 CPython 上运行(&amp;P)</translation>
    </message>
    <message>
        <source>Samples run as their Python mirrors on CPython, traced (Ctrl+Alt+P)</source>
        <translation>示例以其对应的 Python 程序在 CPython 上运行并被跟踪（Ctrl+Alt+P）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop the running script and keep what it did so far (Shift+F5)</source>
        <translation>停止正在运行的脚本，保留到目前为止的记录（Shift+F5）</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <source>No bookmark after this step.</source>
        <translation>这一步之后没有书签。</translation>
    </message>
    <message>
        <source>No bookmark before this step.</source>
        <translation>这一步之前没有书签。</translation>
    </message>
    <message>
        <source>&amp;Bookmark Step…</source>
        <translation>为这一步加书签(&amp;B)…</translation>
    </message>
    <message>
        <source>Bookmark the step at the cursor and attach a short note; saved with the trace (Ctrl+B)</source>
        <translation>给游标所在的步骤加书签并附上简短注释；随跟踪文件一起保存（Ctrl+B）</translation>
    </message>
    <message>
        <source>Remove Boo&amp;kmark</source>
        <translation>删除书签(&amp;K)</translation>
    </message>
    <message>
        <source>Ne&amp;xt Bookmark</source>
        <translation>下一个书签(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious Bookmark</source>
        <translation>上一个书签(&amp;V)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Bookmark Step %1</source>
        <translation>为第 %1 步加书签</translation>
    </message>
    <message>
        <source>Note for step %1 (shown in presentation mode; may be empty):</source>
        <translation>第 %1 步的注释（在演示模式中显示；可以为空）：</translation>
    </message>
</context>
<context>
    <name>Classroom</name>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较两次运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Two runs one above the other on one locked time axis (Ctrl+Shift+C)</source>
        <translation>两次运行上下排列，共用一条锁定的时间轴（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Compare C++ Port &amp;with CPython</source>
        <translation>比较 C++ 移植与 CPython(&amp;W)</translation>
    </message>
    <message>
        <source>The sample&apos;s C++ port above its Python mirror run on CPython: the same steps on two runtimes (Ctrl+Alt+Shift+C)</source>
        <translation>上方是示例的 C++ 移植，下方是它的 Python 程序在 CPython 上的运行：两个运行时走同样的步骤（Ctrl+Alt+Shift+C）</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Coroscope makes coroutine scheduling visible: it runs a sample (or opens a recorded trace) and lets you step through it.</source>
        <translation>Coroscope 让协程调度看得见：它运行一个示例（或打开一个录制好的跟踪），让你一步一步地查看。</translation>
    </message>
    <message>
        <source>Run the gallery sample &lt;id&gt; (e.g. gather-order).</source>
        <translation>运行示例库中的示例 &lt;id&gt;（例如 gather-order）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Render the window to &lt;file&gt; (PNG) once loaded, then exit.</source>
        <translation>加载完成后把窗口渲染到 &lt;file&gt;（PNG），然后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Window size, e.g. 1920x1080.</source>
        <translation>窗口大小，例如 1920x1080。</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <source>Put the cursor on event &lt;n&gt; after loading (-1: before the first).</source>
        <translation>加载后把游标放在事件 &lt;n&gt; 上（-1：第一个事件之前）。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>User interface language: zh_CN or en.</source>
        <translation>界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Unknown sample &quot;%1&quot;. The samples are: %2</source>
        <translation>未知示例“%1”。可用的示例有：%2</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT, e.g. 1920x1080, not &quot;%1&quot;.</source>
        <translation>--size 需要“宽x高”，例如 1920x1080，而不是“%1”。</translation>
    </message>
    <message>
        <source>--step wants an event number (0, 1, ... or -1), not &quot;%1&quot;.</source>
        <translation>--step 需要一个事件编号（0、1……或 -1），而不是“%1”。</translation>
    </message>
    <message>
        <source>--lang wants zh_CN or en, not &quot;%1&quot;.</source>
        <translation>--lang 需要 zh_CN 或 en，而不是“%1”。</translation>
    </message>
    <message>
        <source>Presentation mode: full screen, large type, high contrast.</source>
        <translation>演示模式：全屏、大号字体、高对比度。</translation>
    </message>
    <message>
        <source>Predict mode: stop before each printed line until it is revealed.</source>
        <translation>预测模式：在每一行输出之前停下，直到揭晓。</translation>
    </message>
    <message>
        <source>Compare two runs on one time axis: &lt;runs&gt; is ID (its defaults) or TOP,BOTTOM, e.g. sequential-vs-gather:1,sequential-vs-gather:2 (with --screenshot, the compare window is saved).</source>
        <translation>在同一时间轴上比较两次运行：&lt;runs&gt; 为 ID（使用其默认组合）或 上,下，例如 sequential-vs-gather:1,sequential-vs-gather:2（配合 --screenshot 时保存比较窗口）。</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>--compare: unknown run &quot;%1&quot;. The runs are: %2</source>
        <translation>--compare：未知的运行“%1”。可选的运行有：%2</translation>
    </message>
    <message>
        <source>--compare wants one or two runs, not %1.</source>
        <translation>--compare 需要一个或两个运行，而不是 %1 个。</translation>
    </message>
    <message>
        <source>The timeline&apos;s x axis: steps or time.</source>
        <translation>时间线的横轴：steps（步）或 time（时间）。</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Lane height: auto (compact for many lanes), compact or roomy.</source>
        <translation>泳道高度：auto（泳道多时紧凑）、compact（紧凑）或 roomy（宽松）。</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Group lanes: auto (by function), function, spawner or none.</source>
        <translation>泳道分组：auto（按函数）、function（按函数）、spawner（按创建者）或 none（不分组）。</translation>
    </message>
    <message>
        <source>grouping</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Groups: auto (fold what does not fit), all (folded) or none (open).</source>
        <translation>分组：auto（放不下的折叠）、all（全部折叠）或 none（全部展开）。</translation>
    </message>
    <message>
        <source>fold</source>
        <translation>折叠</translation>
    </message>
    <message>
        <source>The timeline&apos;s x range once loaded, in steps or seconds: START:END, e.g. 0.5:0.6.</source>
        <translation>加载后时间线的横轴范围（步或秒）：START:END，例如 0.5:0.6。</translation>
    </message>
    <message>
        <source>range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>--%1 wants %2, not &quot;%3&quot;.</source>
        <translation>--%1 需要 %2，而不是“%3”。</translation>
    </message>
    <message>
        <source>--range wants START:END with START &lt; END, not &quot;%1&quot;.</source>
        <translation>--range 需要 START:END 且 START &lt; END，而不是“%1”。</translation>
    </message>
    <message>
        <source>A Python script to trace on CPython (.py), or a trace file to open (.coroscope, or Chrome trace .json).</source>
        <translation>要在 CPython 上跟踪运行的 Python 脚本（.py），或要打开的跟踪文件（.coroscope，或 Chrome 跟踪 .json）。</translation>
    </message>
    <message>
        <source>Give at most one script or trace file.</source>
        <translation>最多只能给出一个脚本或跟踪文件。</translation>
    </message>
    <message>
        <source>Give either --sample or a script or trace file, not both.</source>
        <translation>请给出 --sample 或一个脚本/跟踪文件，不要同时给出。</translation>
    </message>
</context>
<context>
    <name>PredictMode</name>
    <message>
        <source>&amp;Predict Mode</source>
        <translation>预测模式(&amp;P)</translation>
    </message>
    <message>
        <source>Hide each printed line until the class has guessed it (Ctrl+Shift+P)</source>
        <translation>在全班猜出之前隐藏每一行输出（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>&amp;Reveal Line</source>
        <translation>揭晓这一行(&amp;R)</translation>
    </message>
    <message>
        <source>Show the line the class was asked to predict (R)</source>
        <translation>显示全班刚才预测的那一行（R）</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <source>&amp;Present</source>
        <translation>演示(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with the timeline, the source and the console in large type (F11)</source>
        <translation>全屏显示时间线、源码和控制台，使用大号字体（F11）</translation>
    </message>
    <message>
        <source>Leave Presentation</source>
        <translation>退出演示</translation>
    </message>
    <message>
        <source>Next Step (clicker)</source>
        <translation>下一步（翻页笔）</translation>
    </message>
    <message>
        <source>Previous Step (clicker)</source>
        <translation>上一步（翻页笔）</translation>
    </message>
    <message>
        <source>Blank the Screen</source>
        <translation>黑屏</translation>
    </message>
    <message>
        <source>Presentation Text Size</source>
        <translation>演示字号</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>before step 0</source>
        <translation>第 0 步之前</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>suspended: waits for…</source>
        <translation>挂起：等待…</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>入队</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>clock jump</source>
        <translation>时钟跳跃</translation>
    </message>
    <message>
        <source>printed line</source>
        <translation>打印的行</translation>
    </message>
    <message>
        <source>wake-up</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <source>cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>clock %1</source>
        <translation>时钟 %1</translation>
    </message>
    <message>
        <source>created:</source>
        <translation>创建：</translation>
    </message>
    <message>
        <source>waits for:</source>
        <translation>等待：</translation>
    </message>
    <message>
        <source>resumes with:</source>
        <translation>恢复，得到：</translation>
    </message>
    <message>
        <source>prints:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <source>awaits inline:</source>
        <translation>直接 await：</translation>
    </message>
    <message>
        <source>inline call returns:</source>
        <translation>直接调用返回：</translation>
    </message>
    <message>
        <source>returns:</source>
        <translation>返回：</translation>
    </message>
    <message>
        <source>raises:</source>
        <translation>抛出：</translation>
    </message>
    <message>
        <source>cancelled:</source>
        <translation>已取消：</translation>
    </message>
    <message>
        <source>queued:</source>
        <translation>入队：</translation>
    </message>
    <message>
        <source>runs callback:</source>
        <translation>运行回调：</translation>
    </message>
    <message>
        <source>arms a timer:</source>
        <translation>设定定时器：</translation>
    </message>
    <message>
        <source>timer fires:</source>
        <translation>定时器到期：</translation>
    </message>
    <message>
        <source>timer cancelled:</source>
        <translation>定时器已取消：</translation>
    </message>
    <message>
        <source>clock jumps:</source>
        <translation>时钟跳跃：</translation>
    </message>
    <message>
        <source>run stopped:</source>
        <translation>运行停止：</translation>
    </message>
    <message>
        <source>hands to a worker:</source>
        <translation>交给工作线程：</translation>
    </message>
    <message>
        <source>detail:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>who runs when</source>
        <translation>谁在何时运行</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>coroutine</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>worker thread</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> 在 %1 上</translation>
    </message>
    <message>
        <source>time %1 &amp;nbsp;·&amp;nbsp; step %2</source>
        <translation>时间 %1 &amp;nbsp;·&amp;nbsp; 第 %2 步</translation>
    </message>
    <message>
        <source>first step of its code</source>
        <translation>代码的第一步</translation>
    </message>
    <message>
        <source>due at %1</source>
        <translation>到期时间 %1</translation>
    </message>
    <message>
        <source>woken by:</source>
        <translation>唤醒者：</translation>
    </message>
    <message>
        <source>caused by:</source>
        <translation>起因：</translation>
    </message>
    <message>
        <source>queued by:</source>
        <translation>入队者：</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>源码：%1</translation>
    </message>
    <message>
        <source>step (one column per event)</source>
        <translation>步骤（每个事件一列）</translation>
    </message>
    <message>
        <source>time (virtual clock)</source>
        <translation>时间（虚拟时钟）</translation>
    </message>
    <message>
        <source>time (wall clock)</source>
        <translation>时间（真实时钟）</translation>
    </message>
    <message>
        <source>prints a line: what? (predict mode)</source>
        <translation>打印一行：是什么？（预测模式）</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>由 %1 创建</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 个运行中</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 个等待中</translation>
    </message>
    <message>
        <source>%1 not started</source>
        <translation>%1 个未开始</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 个已结束</translation>
    </message>
    <message>
        <source>none created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <source>more…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <source>less</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>at step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>at the cursor: %1</source>
        <translation>光标处：%1</translation>
    </message>
    <message>
        <source>Click its name to show its lanes.</source>
        <translation>点击名称展开其中的各条泳道。</translation>
    </message>
    <message>
        <source>Click its name to fold its lanes into one.</source>
        <translation>点击名称把其中的泳道折叠成一条。</translation>
    </message>
    <message>
        <source>The whole run: drag the frame (or press anywhere) to move the view</source>
        <translation>整个运行过程：拖动方框（或点击任意位置）来移动视图</translation>
    </message>
    <message>
        <source>whole run</source>
        <translation>整个运行</translation>
    </message>
    <message>
        <source>lock, event, semaphore</source>
        <translation>锁、事件、信号量</translation>
    </message>
    <message>
        <source>synchronises:</source>
        <translation>同步：</translation>
    </message>
</context>
<context>
    <name>TimelineExporter</name>
    <message>
        <source>Coroscope timeline</source>
        <translation>Coroscope 时间线</translation>
    </message>
    <message>
        <source>Unknown image format &quot;%1&quot;: use .png, .svg or .pdf.</source>
        <translation>未知的图像格式“%1”：请使用 .png、.svg 或 .pdf。</translation>
    </message>
    <message>
        <source>Could not draw the timeline.</source>
        <translation>无法绘制时间线。</translation>
    </message>
    <message>
        <source>Before the first step</source>
        <translation>第一步之前</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 s · %4</source>
        <translation>第 %1 步，共 %2 步 · %3 秒 · %4</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>打印输出</translation>
    </message>
    <message>
        <source>This run printed nothing, so there are no slides of printed lines. Export one page per step instead.</source>
        <translation>这次运行没有打印任何内容，因此没有按打印输出分页的幻灯片。请改为每一步一页导出。</translation>
    </message>
    <message>
        <source>The trace has no steps.</source>
        <translation>该跟踪没有任何步骤。</translation>
    </message>
    <message>
        <source>That would be %1 pages; slides stop at %2. Export one page per printed line instead, or a shorter run.</source>
        <translation>那将有 %1 页；幻灯片最多 %2 页。请改为每条打印输出一页导出，或使用更短的运行。</translation>
    </message>
    <message>
        <source>The page is too small for the timeline and its caption.</source>
        <translation>页面太小，放不下时间线及其说明。</translation>
    </message>
    <message>
        <source>Canceled: no file was written.</source>
        <translation>已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TraceText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>enter</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>入队</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>timer-arm</source>
        <translation>设定定时器</translation>
    </message>
    <message>
        <source>timer-fire</source>
        <translation>定时器到期</translation>
    </message>
    <message>
        <source>timer-cancel</source>
        <translation>取消定时器</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>A task, coroutine, generator or worker came to life.</source>
        <translation>一个任务、协程、生成器或工作线程诞生了。</translation>
    </message>
    <message>
        <source>Its code began to run.</source>
        <translation>它的代码开始运行。</translation>
    </message>
    <message>
        <source>It stopped at an await or a yield and waits.</source>
        <translation>它停在 await 或 yield 处等待。</translation>
    </message>
    <message>
        <source>It continues after its await or yield.</source>
        <translation>它从 await 或 yield 之后继续运行。</translation>
    </message>
    <message>
        <source>A line was printed.</source>
        <translation>打印了一行。</translation>
    </message>
    <message>
        <source>An awaited coroutine runs inline, in the same task.</source>
        <translation>被 await 的协程在同一个任务里直接运行。</translation>
    </message>
    <message>
        <source>That inline coroutine returned.</source>
        <translation>那个直接运行的协程返回了。</translation>
    </message>
    <message>
        <source>Its code returned.</source>
        <translation>它的代码返回了。</translation>
    </message>
    <message>
        <source>It ended with an exception.</source>
        <translation>它以异常结束。</translation>
    </message>
    <message>
        <source>It was cancelled.</source>
        <translation>它被取消了。</translation>
    </message>
    <message>
        <source>A callback entered the event loop&apos;s ready queue.</source>
        <translation>一个回调进入了事件循环的就绪队列。</translation>
    </message>
    <message>
        <source>The event loop ran a callback.</source>
        <translation>事件循环运行了一个回调。</translation>
    </message>
    <message>
        <source>A timer was armed.</source>
        <translation>设定了一个定时器。</translation>
    </message>
    <message>
        <source>A due timer moved its callback to the ready queue.</source>
        <translation>到期的定时器把它的回调放进了就绪队列。</translation>
    </message>
    <message>
        <source>An armed timer was cancelled.</source>
        <translation>一个已设定的定时器被取消了。</translation>
    </message>
    <message>
        <source>Nothing was ready: the clock jumped to the next timer.</source>
        <translation>没有就绪的工作：时钟跳到下一个定时器。</translation>
    </message>
    <message>
        <source>The run was stopped.</source>
        <translation>运行被终止了。</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Work was handed to an executor&apos;s worker thread.</source>
        <translation>工作被交给了执行器的工作线程。</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>A lock, event, condition, semaphore or barrier acted: taken, released, set, waited for.</source>
        <translation>锁、事件、条件变量、信号量或屏障发生了动作：获取、释放、设置、等待。</translation>
    </message>
</context>
<context>
    <name>coroscope::AnnotationBanner</name>
    <message>
        <source>Step %1: bookmarked</source>
        <translation>第 %1 步：已加书签</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>coroscope::CodeView</name>
    <message>
        <source>Remove breakpoint on line %1</source>
        <translation>取消第 %1 行的断点</translation>
    </message>
    <message>
        <source>Set breakpoint on line %1</source>
        <translation>在第 %1 行设置断点</translation>
    </message>
</context>
<context>
    <name>coroscope::CompareWindow</name>
    <message>
        <source>%1: first part</source>
        <translation>%1：前半部分</translation>
    </message>
    <message>
        <source>%1: second part</source>
        <translation>%1：后半部分</translation>
    </message>
    <message>
        <source>Compare Runs — Coroscope</source>
        <translation>比较运行 — Coroscope</translation>
    </message>
    <message>
        <source>%1 s · %2 events · %3 printed lines</source>
        <translation>%1 秒 · %2 个事件 · 打印 %3 行</translation>
    </message>
    <message>
        <source>%1 · CPython</source>
        <translation>%1 · CPython</translation>
    </message>
    <message>
        <source>%1 · C++ port</source>
        <translation>%1 · C++ 移植</translation>
    </message>
    <message>
        <source>first difference</source>
        <translation>第一处不同</translation>
    </message>
    <message>
        <source> · the same steps</source>
        <translation> · 步骤完全相同</translation>
    </message>
    <message>
        <source> · first difference at event %1: %2</source>
        <translation> · 第一处不同在事件 %1：%2</translation>
    </message>
    <message>
        <source> · ends at event %1, where the other goes on</source>
        <translation> · 在事件 %1 结束，另一次运行还在继续</translation>
    </message>
</context>
<context>
    <name>coroscope::ConsoleModel</name>
    <message>
        <source>Printed by %1 at event %2 (%3)</source>
        <translation>由 %1 在事件 %2 打印（%3）</translation>
    </message>
</context>
<context>
    <name>coroscope::ConsolePane</name>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>What the program printed up to the cursor; the newest line is marked.</source>
        <translation>程序到游标为止打印的内容；最新的一行带有标记。</translation>
    </message>
    <message>
        <source>(nothing printed yet)</source>
        <translation>（还没有打印任何内容）</translation>
    </message>
    <message>
        <source>What the run wrote to stderr: exceptions the event loop logged, and what stopped the run.</source>
        <translation>运行写到 stderr 的内容：事件循环记录的异常，以及使运行停止的原因。</translation>
    </message>
</context>
<context>
    <name>coroscope::EventTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
</context>
<context>
    <name>coroscope::EventTablePane</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Every recorded event; the row at the cursor is selected. Click a row to move the cursor.</source>
        <translation>记录下的每个事件；游标所在的行被选中。点击一行可移动游标。</translation>
    </message>
</context>
<context>
    <name>coroscope::ExportMenu</name>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Timeline as &amp;Image…</source>
        <translation>时间线导出为图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Save the timeline as PNG, SVG or PDF at a size you choose</source>
        <translation>按所选尺寸将时间线保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Steps as &amp;Slides (PDF)…</source>
        <translation>步骤导出为幻灯片 (PDF)(&amp;S)…</translation>
    </message>
    <message>
        <source>A PDF with one page per printed line or per step: the timeline with the cursor there</source>
        <translation>每条打印输出或每一步一页的 PDF：时间线，光标位于该处</translation>
    </message>
    <message>
        <source>&amp;Chrome Trace (JSON)…</source>
        <translation>&amp;Chrome 跟踪 (JSON)…</translation>
    </message>
    <message>
        <source>Save the trace as Chrome Trace Event JSON, for Perfetto or chrome://tracing</source>
        <translation>将跟踪保存为 Chrome Trace Event JSON，供 Perfetto 或 chrome://tracing 使用</translation>
    </message>
    <message>
        <source>Export Timeline as Image</source>
        <translation>将时间线导出为图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Image Size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>One page per printed line</source>
        <translation>每条打印输出一页</translation>
    </message>
    <message>
        <source>One page per step</source>
        <translation>每一步一页</translation>
    </message>
    <message>
        <source>Export Steps as Slides</source>
        <translation>将步骤导出为幻灯片</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>页面：</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Chrome Trace</source>
        <translation>导出 Chrome 跟踪</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json)</source>
        <translation>Chrome 跟踪 JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not export the timeline</source>
        <translation>无法导出时间线</translation>
    </message>
    <message>
        <source>Drawing slides…</source>
        <translation>正在绘制幻灯片…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Could not export slides</source>
        <translation>无法导出幻灯片</translation>
    </message>
    <message>
        <source>Could not export the trace</source>
        <translation>无法导出跟踪</translation>
    </message>
    <message>
        <source>&amp;Web Page…</source>
        <translation>网页(&amp;W)…</translation>
    </message>
    <message>
        <source>Save the run as one web page that any browser opens and steps through, with no install and nothing fetched from the network</source>
        <translation>将运行保存为一个网页：任何浏览器都能打开并逐步查看，无需安装，也不从网络获取任何内容</translation>
    </message>
    <message>
        <source>Export Web Page</source>
        <translation>导出网页</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Could not export the web page</source>
        <translation>无法导出网页</translation>
    </message>
</context>
<context>
    <name>coroscope::GalleryModel</name>
    <message>
        <source>No samples in this chapter yet</source>
        <translation>本章还没有示例</translation>
    </message>
</context>
<context>
    <name>coroscope::GalleryPane</name>
    <message>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Filter samples…</source>
        <translation>筛选示例…</translation>
    </message>
    <message>
        <source>Type part of a title, an id or an explanation; Enter runs the first match.</source>
        <translation>输入标题、id 或说明的一部分；按 Enter 运行第一个匹配项。</translation>
    </message>
</context>
<context>
    <name>coroscope::LaneFilterBar</name>
    <message>
        <source>%1 lanes</source>
        <translation>%1 条泳道</translation>
    </message>
    <message>
        <source>%1 of %2 lanes</source>
        <translation>%1 / %2 条泳道</translation>
    </message>
    <message>
        <source>Find lanes: name or kind (Ctrl+L)</source>
        <translation>查找泳道：名称或类型 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Shows the lanes whose name or kind contains this text; Enter goes back to the timeline, Esc clears it.</source>
        <translation>只显示名称或类型包含此文字的泳道；回车返回时间线，Esc 清除。</translation>
    </message>
    <message>
        <source>any state</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>waiting now</source>
        <translation>正在等待</translation>
    </message>
    <message>
        <source>done by now</source>
        <translation>已经结束</translation>
    </message>
    <message>
        <source>Only the lanes in this state at the cursor</source>
        <translation>只显示在光标处处于此状态的泳道</translation>
    </message>
    <message>
        <source>Only lanes that print</source>
        <translation>只看有输出的泳道</translation>
    </message>
    <message>
        <source>Hide finished lanes</source>
        <translation>隐藏已结束的泳道</translation>
    </message>
    <message>
        <source>Hides the lanes that have returned, raised or been cancelled by the cursor</source>
        <translation>隐藏到光标处已经返回、抛出异常或被取消的泳道</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Row height, grouping, fold or open every group</source>
        <translation>行高、分组、折叠或展开所有分组</translation>
    </message>
    <message>
        <source>Row height</source>
        <translation>行高</translation>
    </message>
    <message>
        <source>Automatic (compact for many lanes)</source>
        <translation>自动（泳道多时紧凑）</translation>
    </message>
    <message>
        <source>Compact: one line or thinner</source>
        <translation>紧凑：一行或更窄</translation>
    </message>
    <message>
        <source>Roomy: bars with their printed lines</source>
        <translation>宽松：条形及其输出行</translation>
    </message>
    <message>
        <source>Group lanes</source>
        <translation>泳道分组</translation>
    </message>
    <message>
        <source>By coroutine function</source>
        <translation>按协程函数</translation>
    </message>
    <message>
        <source>By the lane that spawned them</source>
        <translation>按创建它们的泳道</translation>
    </message>
    <message>
        <source>Do not group</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Fold every group</source>
        <translation>折叠所有分组</translation>
    </message>
    <message>
        <source>Open every group</source>
        <translation>展开所有分组</translation>
    </message>
    <message>
        <source>Find a Lane</source>
        <translation>查找泳道</translation>
    </message>
</context>
<context>
    <name>coroscope::LoopStateModel</name>
    <message>
        <source>The event loop&apos;s clock (virtual: it jumps to the next timer when nothing is ready).</source>
        <translation>事件循环的时钟（虚拟时钟：没有就绪工作时跳到下一个定时器）。</translation>
    </message>
    <message>
        <source>The lane whose code runs now.</source>
        <translation>此刻正在运行代码的泳道。</translation>
    </message>
    <message>
        <source>Callbacks waiting to run, in the order the loop will run them.</source>
        <translation>等待运行的回调，按事件循环运行它们的顺序排列。</translation>
    </message>
    <message>
        <source>Armed timers, in the order they will fire.</source>
        <translation>已设定的定时器，按到期顺序排列。</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>Ready queue</source>
        <translation>就绪队列</translation>
    </message>
    <message>
        <source>Timers</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>at %1 (in %2)</source>
        <translation>%1 到期（还有 %2）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>1 callback</source>
        <translation>1 个回调</translation>
    </message>
    <message>
        <source>%1 callbacks</source>
        <translation>%1 个回调</translation>
    </message>
    <message>
        <source>1 armed</source>
        <translation>已设定 1 个</translation>
    </message>
    <message>
        <source>%1 armed</source>
        <translation>已设定 %1 个</translation>
    </message>
    <message>
        <source>Locks, events, conditions, semaphores and barriers: who holds each and who waits, in the order they will be served.</source>
        <translation>锁、事件、条件变量、信号量和屏障：谁持有它们，谁在等待，按将被服务的顺序排列。</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>同步原语</translation>
    </message>
    <message>
        <source>1 primitive</source>
        <translation>1 个同步原语</translation>
    </message>
    <message>
        <source>%1 primitives</source>
        <translation>%1 个同步原语</translation>
    </message>
    <message>
        <source>%1, %2 waiting</source>
        <translation>%1，%2 个在等待</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>held by %1</source>
        <translation>由 %1 持有</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>值 %1</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>锁 %1</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>已破坏</translation>
    </message>
    <message>
        <source>%1 of %2 arrived</source>
        <translation>已到达 %1 / %2</translation>
    </message>
    <message>
        <source>%1 (woken)</source>
        <translation>%1（已唤醒）</translation>
    </message>
    <message>
        <source>waiting: %1</source>
        <translation>等待：%1</translation>
    </message>
</context>
<context>
    <name>coroscope::LoopStatePane</name>
    <message>
        <source>Event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>The event loop at the cursor: its clock, who runs, what is ready, which timers are armed.</source>
        <translation>游标处的事件循环：时钟、谁在运行、哪些已就绪、设定了哪些定时器。</translation>
    </message>
</context>
<context>
    <name>coroscope::MainWindow</name>
    <message>
        <source>Coroscope traces (*.coroscope)</source>
        <translation>Coroscope 跟踪文件 (*.coroscope)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Stopped at the breakpoint on line %1 (event %2).</source>
        <translation>停在第 %1 行的断点（事件 %2）。</translation>
    </message>
    <message>
        <source>End of the run.</source>
        <translation>运行结束。</translation>
    </message>
    <message>
        <source>Nothing more is printed after this event.</source>
        <translation>这个事件之后不再有输出。</translation>
    </message>
    <message>
        <source>No breakpoints: click a line number in the C++ source to set one.</source>
        <translation>没有断点：点击 C++ 源码的行号即可设置。</translation>
    </message>
    <message>
        <source>No breakpoint is reached after this event.</source>
        <translation>这个事件之后不会再遇到断点。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Timeline &amp;Axis</source>
        <translation>时间线横轴(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Unknown sample</source>
        <translation>未知示例</translation>
    </message>
    <message>
        <source>There is no sample &quot;%1&quot;.</source>
        <translation>没有名为“%1”的示例。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Coroscope</source>
        <translation>Coroscope</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>已打开 %1。</translation>
    </message>
    <message>
        <source>%1 is not a valid Coroscope trace.

%2
(at byte offset %3)</source>
        <translation>%1 不是有效的 Coroscope 跟踪文件。

%2
（位于字节偏移 %3）</translation>
    </message>
    <message>
        <source>Could not read %1:

%2</source>
        <translation>无法读取 %1：

%2</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <source>Could not open trace</source>
        <translation>无法打开跟踪文件</translation>
    </message>
    <message>
        <source>Loading canceled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <source>The run stopped: %1</source>
        <translation>运行停止了：%1</translation>
    </message>
    <message>
        <source>Press Space to play, → to step, ← to step back.</source>
        <translation>按空格播放，→ 前进一步，← 后退一步。</translation>
    </message>
    <message>
        <source>Could not save trace</source>
        <translation>无法保存跟踪文件</translation>
    </message>
    <message>
        <source>Could not write %1:

%2</source>
        <translation>无法写入 %1：

%2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Save Trace</source>
        <translation>保存跟踪文件</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Speed: %1 events per second.</source>
        <translation>速度：每秒 %1 个事件。</translation>
    </message>
    <message>
        <source>Breakpoint set on line %1.</source>
        <translation>已在第 %1 行设置断点。</translation>
    </message>
    <message>
        <source>Breakpoint removed from line %1.</source>
        <translation>已取消第 %1 行的断点。</translation>
    </message>
    <message>
        <source>%1 — Coroscope</source>
        <translation>%1 — Coroscope</translation>
    </message>
    <message>
        <source>No trace: choose a sample in the gallery or open a trace file.</source>
        <translation>没有跟踪：请在示例库中选择一个示例，或打开一个跟踪文件。</translation>
    </message>
    <message>
        <source>Before the first event.</source>
        <translation>在第一个事件之前。</translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Coroscope</source>
        <translation>关于 Coroscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Coroscope %1&lt;/h3&gt;&lt;p&gt;Coroscope makes coroutine scheduling visible. It runs small async programs on its own C++20 scheduler, which follows CPython asyncio&apos;s rules, records every event with its time and source line, and lets you step through the run forwards and backwards.&lt;/p&gt;&lt;p&gt;Each sample is a C++ port shown beside the Python program it mirrors.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Coroscope %1&lt;/h3&gt;&lt;p&gt;Coroscope 让协程调度看得见。它在自己的 C++20 调度器上运行小型异步程序——这个调度器遵循 CPython asyncio 的规则——记录每个事件的时间和源码行，让你向前、向后逐步查看整个运行过程。&lt;/p&gt;&lt;p&gt;每个示例都是一份 C++ 移植，旁边并排显示它所对应的 Python 程序。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json)</source>
        <translation>Chrome 跟踪 JSON (*.json)</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>Run canceled.</source>
        <translation>已取消运行。</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>无法保存 %1。</translation>
    </message>
    <message>
        <source>Could not run on CPython</source>
        <translation>无法在 CPython 上运行</translation>
    </message>
    <message>
        <source>The Python mirror of &quot;%1&quot; could not be written to a temporary folder.</source>
        <translation>无法把“%1”的 Python 程序写入临时文件夹。</translation>
    </message>
    <message>
        <source>Running %1 on CPython… (Shift+F5 stops it)</source>
        <translation>正在 CPython 上运行 %1…（Shift+F5 停止）</translation>
    </message>
    <message>
        <source>Running %1 on CPython: events so far: %2… (Shift+F5 stops it)</source>
        <translation>正在 CPython 上运行 %1：目前已有 %2 个事件…（Shift+F5 停止）</translation>
    </message>
    <message>
        <source>%1 did not run: %2</source>
        <translation>%1 没有运行：%2</translation>
    </message>
    <message>
        <source>%1 could not run: %2</source>
        <translation>%1 无法运行：%2</translation>
    </message>
    <message>
        <source>Could not run the script</source>
        <translation>无法运行脚本</translation>
    </message>
    <message>
        <source>Python scripts and traces (*.py *.coroscope *.json)</source>
        <translation>Python 脚本和跟踪文件 (*.py *.coroscope *.json)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Click a line number in the source to set a breakpoint there.</source>
        <translation>点击源码的行号即可在该行设置断点。</translation>
    </message>
    <message>
        <source>%1 · CPython</source>
        <translation>%1 · CPython</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1（已修改）</translation>
    </message>
</context>
<context>
    <name>coroscope::PredictPanel</name>
    <message>
        <source>&lt;b&gt;What prints next?&lt;/b&gt; Line %1 of %2. Talk it over, then reveal it (R).</source>
        <translation>&lt;b&gt;下一行会打印什么？&lt;/b&gt;第 %1 行，共 %2 行。讨论之后再揭晓（R）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predict mode:&lt;/b&gt; %1 of %2 lines shown. Play or step: the run stops before each new line.</source>
        <translation>&lt;b&gt;预测模式：&lt;/b&gt;已显示 %1 / %2 行。播放或单步：运行会在每一新行之前停下。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predict mode:&lt;/b&gt; every line has been revealed.</source>
        <translation>&lt;b&gt;预测模式：&lt;/b&gt;所有行都已揭晓。</translation>
    </message>
    <message>
        <source>Reveal (R)</source>
        <translation>揭晓（R）</translation>
    </message>
</context>
<context>
    <name>coroscope::SaveFile</name>
    <message>
        <source>only %1 of %2 bytes could be written (disk full?)</source>
        <translation>只写入了 %2 字节中的 %1 字节（磁盘已满？）</translation>
    </message>
</context>
<context>
    <name>coroscope::SourcePane</name>
    <message>
        <source>C++</source>
        <translation>C++</translation>
    </message>
    <message>
        <source>C++  ·  %1</source>
        <translation>C++  ·  %1</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Python  ·  %1</source>
        <translation>Python  ·  %1</translation>
    </message>
    <message>
        <source>No source: this trace does not come from a sample of the gallery.</source>
        <translation>没有源码：这个跟踪不是来自示例库中的示例。</translation>
    </message>
    <message>
        <source>No Python mirror for this trace.</source>
        <translation>这个跟踪没有对应的 Python 程序。</translation>
    </message>
    <message>
        <source>The C++ port that ran. Click the gutter to set a breakpoint on a line.</source>
        <translation>实际运行的 C++ 移植。点击行号栏可在该行设置断点。</translation>
    </message>
    <message>
        <source>The Python program it mirrors, line by line.</source>
        <translation>它逐行对应的 Python 程序。</translation>
    </message>
    <message>
        <source>Python  ·  %1  ·  ran on CPython</source>
        <translation>Python  ·  %1  ·  在 CPython 上运行</translation>
    </message>
    <message>
        <source>Find in the script (Enter: next, Shift+Enter: previous, Esc: close)</source>
        <translation>在脚本中查找（回车：下一个，Shift+回车：上一个，Esc：关闭）</translation>
    </message>
    <message>
        <source>Python  ·  %1  ·  Ctrl+Enter runs it</source>
        <translation>Python  ·  %1  ·  Ctrl+回车运行</translation>
    </message>
</context>
<context>
    <name>coroscope::TraceLoader</name>
    <message>
        <source>There is no sample &quot;%1&quot;.</source>
        <translation>没有名为“%1”的示例。</translation>
    </message>
</context>
<context>
    <name>coroscope::TransportBar</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Drag to move through the run, one event per notch.</source>
        <translation>拖动以在运行中移动，每格一个事件。</translation>
    </message>
    <message>
        <source>Playback speed, in events per second.</source>
        <translation>播放速度，单位：每秒事件数。</translation>
    </message>
    <message>
        <source>no trace</source>
        <translation>没有跟踪</translation>
    </message>
    <message>
        <source>step %1 / %2 · %3</source>
        <translation>第 %1 / %2 步 · %3</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>start · 1 event</source>
        <translation>开头 · 共 1 个事件</translation>
    </message>
    <message>
        <source>start · %1 events</source>
        <translation>开头 · 共 %1 个事件</translation>
    </message>
</context>
<context>
    <name>coroscope::TryIt</name>
    <message>
        <source>Save Script As</source>
        <translation>脚本另存为</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>%1 · edited</source>
        <translation>%1 · 已修改</translation>
    </message>
    <message>
        <source>Try it: edit the Python, then Ctrl+Enter runs it on CPython. F2 leaves the editor.</source>
        <translation>动手试试：修改 Python 代码，然后按 Ctrl+回车在 CPython 上运行。按 F2 退出编辑器。</translation>
    </message>
    <message>
        <source>Could not keep the edits in %1: %2</source>
        <translation>无法把修改保存到 %1：%2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Your edits of %1 are back. Ctrl+Enter runs them; Edit &gt; Revert to Original drops them.</source>
        <translation>你对 %1 的修改已恢复。Ctrl+回车运行它们；“编辑 &gt; 恢复原样”丢弃它们。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved the script as %1.</source>
        <translation>脚本已保存为 %1。</translation>
    </message>
    <message>
        <source>A new script: write it, then Ctrl+Enter runs it on CPython.</source>
        <translation>新脚本：写好后按 Ctrl+回车在 CPython 上运行。</translation>
    </message>
    <message>
        <source>Back to the original %1.</source>
        <translation>已恢复原来的 %1。</translation>
    </message>
    <message>
        <source>Nothing to compare yet: edit the script and run it (Ctrl+Enter), then the run before and the new one are shown one above the other.</source>
        <translation>还没有可比较的运行：修改脚本并运行（Ctrl+回车），之后修改前和修改后的两次运行会上下排列显示。</translation>
    </message>
    <message>
        <source>Before the edit</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After the edit</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>&amp;Try It</source>
        <translation>动手试试(&amp;T)</translation>
    </message>
    <message>
        <source>Edit the Python of the sample or script shown, then run it on CPython (F2)</source>
        <translation>修改当前示例或脚本的 Python 代码，然后在 CPython 上运行（F2）</translation>
    </message>
    <message>
        <source>&amp;Run Edited Script</source>
        <translation>运行修改后的脚本(&amp;R)</translation>
    </message>
    <message>
        <source>Trace the edited Python on CPython; the window follows the new run (Ctrl+Enter)</source>
        <translation>在 CPython 上跟踪运行修改后的 Python；窗口随即显示新的运行（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Show &amp;What Changed</source>
        <translation>显示有何变化(&amp;W)</translation>
    </message>
    <message>
        <source>The run before the last edit above the new one, on one time axis, the first difference marked (Ctrl+Shift+D)</source>
        <translation>上方是上次修改前的运行，下方是新的运行，共用一条时间轴，并标出第一处不同（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>Re&amp;vert to Original</source>
        <translation>恢复原样(&amp;V)</translation>
    </message>
    <message>
        <source>Drop the edits: the sample&apos;s (or the file&apos;s) own Python again</source>
        <translation>丢弃修改：重新使用示例（或文件）原来的 Python 代码</translation>
    </message>
    <message>
        <source>&amp;New Script</source>
        <translation>新建脚本(&amp;N)</translation>
    </message>
    <message>
        <source>Start a script of your own from a template (Ctrl+N)</source>
        <translation>从模板开始写你自己的脚本（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save Script &amp;As…</source>
        <translation>脚本另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the edited Python to a file (Ctrl+Shift+S)</source>
        <translation>把修改后的 Python 写入文件（Ctrl+Shift+S）</translation>
    </message>
</context>
</TS>
