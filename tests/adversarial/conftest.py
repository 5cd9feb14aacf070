"""The count of distinct bad inputs, printed at the end of every run that sent any, and a
failed run when the whole fuzz passed with fewer than MINIMUM_DISTINCT_INPUTS."""

import pytest

from .probe import LEDGER, MINIMUM_DISTINCT_INPUTS

FUZZ_MARK = "fuzz"
RUN = {"fuzz": set(), "passed": set(), "too_few": False}


def pytest_configure(config):
    config.addinivalue_line("markers", f"{FUZZ_MARK}: sends generated bad inputs to every door")


def pytest_collection_modifyitems(items):
    RUN["fuzz"] = {item.nodeid for item in items if item.get_closest_marker(FUZZ_MARK)}


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed:
        RUN["passed"].add(report.nodeid)


def pytest_sessionfinish(session):
    if RUN["fuzz"] and RUN["fuzz"] <= RUN["passed"]:
        RUN["too_few"] = len(LEDGER.inputs) < MINIMUM_DISTINCT_INPUTS
        if RUN["too_few"]:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if not LEDGER.inputs:
        return
    terminalreporter.write_sep("=", "adversarial")
    terminalreporter.write_line(
        f"adversarial: {len(LEDGER.inputs)} distinct bad inputs, "
        f"{LEDGER.server_errors} responses >= 500"
    )
    if RUN["too_few"]:
        terminalreporter.write_line(
            f"adversarial: FAILED: the fuzz sent fewer than {MINIMUM_DISTINCT_INPUTS} distinct "
            "bad inputs"
        )
