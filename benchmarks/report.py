"""The one output format of every benchmark: a `name: value` line on stdout."""


def report(name, value):
    if isinstance(value, float):
        value = f"{value:.3f}"
    print(f"{name}: {value}", flush=True)
