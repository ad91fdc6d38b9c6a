# Forgetting asyncio.run: main() is created and dropped at module level.
async def main():
    print("this never runs")


main()
print("script ends")
