# A table with Chinese column names, padded with str.ljust, plus emoji and accents.
rows = [("北京", 21893095, "🏙"), ("上海", 24870895, "🌃"), ("Zürich", 421878, "🏔")]
print("城市".ljust(8), "人口".rjust(10), "图标")
for city, pop, icon in rows:
    print(city.ljust(8), f"{pop:>10,}", icon)
print("总计：", sum(p for _, p, _ in rows))
