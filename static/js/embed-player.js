// The embedded player's chapter list: each chapter plays the video from where it starts.
document.addEventListener("DOMContentLoaded", () => {
  const video = document.querySelector(".embed-player video");
  if (!video) return;
  for (const button of document.querySelectorAll(".embed-player__chapters [data-start]")) {
    button.addEventListener("click", () => {
      video.currentTime = Number(button.dataset.start);
      video.focus();
      video.play().catch(() => {});
    });
  }
});
