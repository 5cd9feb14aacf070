"""The one output format of every benchmark: a `name: value` line on stdout."""


def report(name, value):
    if isinstance(value, float):
        value = f"{value:.3f}"
    print(f"{name}: {value}", flush=True)


def report_against_target(name, value, *, at_most=None, at_least=None):
    """The figure, then on a line of its own the target and whether this run met it, so that
    a missed target is read in the output rather than worked out from it."""
    report(name, value)
    if at_most is not None:
        target, met = f"at most {at_most}", value <= at_most
    else:
        target, met = f"at least {at_least}", value >= at_least
    report(f"{name}_target", f"{target}, {'met' if met else 'MISSED'}")
