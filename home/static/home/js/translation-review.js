// wagtail-localize's script draws the translation editor's footer, whose main action is the
// last it offers: for someone who translates but does not publish, "Convert to alias page".
// Once the footer is drawn, "Submit for review" (rendered by the server below the editor)
// becomes its main action and the former main action joins the others in the menu, less
// "Convert to alias page", which is for publishers only (home/translation_views.py).
(() => {
  const submit = document.querySelector("[data-translation-review-action]");
  const editor = document.querySelector(".js-translation-editor");
  if (!submit || !editor) return;

  const place = () => {
    const group = editor.querySelector("footer .w-dropdown-button");
    const dropdown = group && group.querySelector("[data-controller='w-dropdown']");
    const menu = dropdown && dropdown.querySelector("[data-w-dropdown-target='content']");
    if (!menu) return false;
    const formerMain = group.firstElementChild;
    if (formerMain !== dropdown) menu.prepend(formerMain);
    group.prepend(submit);
    menu.querySelectorAll("a[href*='/convert_to_alias/']").forEach((link) => {
      link.hidden = true;
    });
    return true;
  };

  if (!place()) {
    const observer = new MutationObserver(() => place() && observer.disconnect());
    observer.observe(editor, { childList: true, subtree: true });
  }
})();
