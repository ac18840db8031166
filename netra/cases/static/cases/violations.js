// Narrows the decision form's list of violation types as the officer types (code, words, article).
// Without JavaScript the whole grouped list stays usable.
document.addEventListener("input", (event) => {
  const box = event.target;
  if (!box.matches(".violation-filter")) return;
  const list = document.getElementById(box.dataset.filterFor);
  if (!list) return;
  const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  list.querySelectorAll("input[type=checkbox]").forEach((input) => {
    const label = input.closest("label");
    const text = (label ? label.textContent : "").toLowerCase();
    const row = label ? label.parentElement : input;
    row.hidden = !input.checked && !words.every((w) => text.includes(w));
  });
});
