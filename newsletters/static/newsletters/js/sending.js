// The admin's sending view: while an issue goes out, its counts are read again every two
// seconds and written into the page, until the sending is over.
(() => {
  const root = document.querySelector("[data-sending-progress]");
  if (!root || !root.hasAttribute("data-under-way")) {
    return;
  }
  const bar = root.querySelector("[data-sending-bar]");
  const status = root.querySelector("[data-sending-status]");

  const refresh = async () => {
    const response = await fetch(root.dataset.countsUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      return true;
    }
    const data = await response.json();
    for (const [name, value] of Object.entries(data.counts)) {
      const cell = root.querySelector(`[data-count="${name}"]`);
      if (cell) {
        cell.textContent = value;
      }
    }
    const { queued, sent, failed, skipped } = data.counts;
    bar.max = Math.max(queued + sent + failed + skipped, 1);
    bar.value = sent + failed + skipped;
    status.textContent = data.status_label;
    return data.under_way;
  };

  const tick = async () => {
    let underWay = true;
    try {
      underWay = await refresh();
    } catch {
      // A network hiccup: try again at the next tick.
    }
    if (underWay) {
      window.setTimeout(tick, 2000);
    }
  };
  window.setTimeout(tick, 2000);
})();
