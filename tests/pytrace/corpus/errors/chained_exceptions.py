# Chained exceptions: "During handling..." and "The above exception was the direct cause...".
import json


def load_config(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise RuntimeError("config is not valid JSON") from e


def start():
    try:
        {}["port"]
    except KeyError:
        load_config("{port: 80}")


start()
