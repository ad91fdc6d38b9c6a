# 中文输出：协程交替打印。
import asyncio


async def 说(名字, 句子, 间隔):
    for 句 in 句子:
        print(f"{名字}：{句}")
        await asyncio.sleep(间隔)


async def main():
    await asyncio.gather(
        说("小明", ["你好！", "今天天气不错。", "再见"], 0.2),
        说("小红", ["早上好", "是啊，出去走走吧？"], 0.3),
    )
    print("对话结束 ✓")


asyncio.run(main())
