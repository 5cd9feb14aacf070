// The backup codes page's "Copy the codes": shown only where the clipboard can be written.
document.querySelectorAll("[data-copy-codes]").forEach((button) => {
  if (!navigator.clipboard) return;
  const list = document.getElementById(button.dataset.copyCodes);
  const status = button.parentElement.querySelector("[role=status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const codes = [...list.querySelectorAll("code")].map((code) => code.textContent);
    await navigator.clipboard.writeText(codes.join("\n"));
    status.textContent = button.dataset.copied;
  });
});
