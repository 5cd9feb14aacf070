"""How much memory a process holds at its peak, as the kernel counts it (Linux /proc)."""

from pathlib import Path


def kib_in_status(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


def with_peak_memory_growth(pids, action):
    """What `action()` returns, and the most any process of `pids` grew in resident memory,
    at its peak, while it ran, in bytes. The peak is the kernel's high-water mark (VmHWM),
    first brought down to the present size so that nothing done before counts."""
    before = {}
    for pid in pids:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        before[pid] = kib_in_status(pid, "VmHWM")
    result = action()
    growth_kib = max(kib_in_status(pid, "VmHWM") - before[pid] for pid in pids)
    # The kernel counts resident pages per CPU and adds them up lazily, so the mark can read
    # a few dozen KiB lower than it did: no growth, not a shrinking peak.
    return result, max(growth_kib, 0) * 1024
