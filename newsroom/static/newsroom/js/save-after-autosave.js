// Wagtail 7.4 autosaves the page editor's form a moment after each change. On a new page, the
// first autosave creates the page and then points the form at the page's edit view. A "Save
// draft" or "Publish" pressed while that autosave is on its way still posts to the create
// view, and the editor finds two copies of their story. So a submission made while an
// autosave is pending waits for it to finish, and is then sent where the form points.
(() => {
  const form = document.querySelector("form[data-controller~='w-autosave']");
  if (!form) return;

  // An autosave announces itself before it waits out its interval, and always ends in success
  // or error; the fallback only keeps a lost event from holding the editor's work forever.
  const FALLBACK_MS = 15000;
  let pending = false;
  form.addEventListener("w-autosave:save", (event) => {
    if (!event.defaultPrevented) pending = true;
  });
  ["w-autosave:success", "w-autosave:error"].forEach((name) => {
    form.addEventListener(name, () => {
      pending = false;
    });
  });

  const finished = () =>
    new Promise((resolve) => {
      const stop = new AbortController();
      const done = () => {
        stop.abort();
        clearTimeout(fallback);
        resolve();
      };
      const fallback = setTimeout(done, FALLBACK_MS);
      form.addEventListener("w-autosave:success", done, { signal: stop.signal });
      form.addEventListener("w-autosave:error", done, { signal: stop.signal });
    });

  form.addEventListener(
    "submit",
    async (event) => {
      if (!pending) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const { submitter } = event;
      await finished();
      pending = false;
      // The action buttons disable themselves as they are pressed; the pressed one's name
      // (action-publish, action-submit…) must still be sent.
      if (submitter) submitter.disabled = false;
      form.requestSubmit(submitter || undefined);
    },
    { capture: true },
  );
})();
