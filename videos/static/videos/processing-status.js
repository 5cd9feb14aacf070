// The edit page follows a video's processing without being reloaded: it asks for the status
// every few seconds until the video is ready or has failed.
(function () {
  const region = document.querySelector("[data-video-status]");
  if (!region) {
    return;
  }
  const UNFINISHED = ["waiting", "processing"];
  const INTERVAL_MS = 2000;

  async function refresh() {
    if (!UNFINISHED.includes(region.dataset.status)) {
      return;
    }
    try {
      const response = await fetch(region.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const state = await response.json();
        const changed =
          state.status !== region.dataset.status ||
          String(state.progress) !== region.dataset.progress;
        // Replaced only when it changed, so that a screen reader announces changes only.
        if (changed) {
          region.innerHTML = state.html;
          region.dataset.status = state.status;
          region.dataset.progress = String(state.progress);
        }
      }
    } finally {
      window.setTimeout(refresh, INTERVAL_MS);
    }
  }

  window.setTimeout(refresh, INTERVAL_MS);
})();
