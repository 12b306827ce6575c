// The report draft editor: key points reordered by dragging or with the arrow buttons, removed or hidden
// without a round trip to the server; the preview beside the form follows (htmx posts the form on change).
// Without this script every button is a plain submit that the server carries out, and the draft is saved.
import { t } from "/static/messages.js";

const form = document.getElementById("draft-form");
const list = form.querySelector(".point-list");
const status = document.getElementById("reorder-status");
const rows = () => [...list.querySelectorAll(".point-row")];

function renumber() {
  const all = rows();
  all.forEach((row, index) => {
    const number = index + 1;
    row.querySelector("label.visually-hidden").textContent = t("Key point {n}", { n: number });
    const up = row.querySelector("[data-move=up]");
    const down = row.querySelector("[data-move=down]");
    up.disabled = index === 0;
    down.disabled = index === all.length - 1;
    up.setAttribute("aria-label", t("Move key point {n} up", { n: number }));
    down.setAttribute("aria-label", t("Move key point {n} down", { n: number }));
    row.querySelector("[data-remove]").setAttribute("aria-label", t("Remove key point {n}", { n: number }));
  });
}

function changed(message) {
  renumber();
  status.textContent = message;
  form.dispatchEvent(new Event("change", { bubbles: true })); // the preview follows
}

function flash(row) {
  row.classList.remove("moved");
  void row.offsetWidth; // restart the animation
  row.classList.add("moved");
}

function move(row, direction) {
  const other = direction === "up" ? row.previousElementSibling : row.nextElementSibling;
  if (!other) return;
  if (direction === "up") other.before(row);
  else other.after(row);
  flash(row);
  changed(t("Moved to position {n} of {total}.", { n: rows().indexOf(row) + 1, total: rows().length }));
  const button = row.querySelector(`[data-move=${direction}]`);
  (button.disabled ? row.querySelector(`[data-move=${direction === "up" ? "down" : "up"}]`) : button).focus();
}

form.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  const row = button?.closest(".point-row, .section-row");
  if (!row) return;
  if (button.dataset.move) {
    event.preventDefault();
    move(row, button.dataset.move);
  } else if (button.hasAttribute("data-remove")) {
    event.preventDefault();
    const next = row.nextElementSibling?.querySelector("textarea, input");
    row.remove();
    changed(row.classList.contains("point-row") ? t("Key point removed (not saved yet).") : t("Section removed (not saved yet)."));
    next?.focus();
  }
});

form.addEventListener("change", (event) => {
  if (event.target.name === "point_state") {
    event.target.closest(".point-row").classList.toggle("is-hidden", event.target.value === "hidden");
  }
});

// ---- dragging a key point by its handle ----------------------------------------------------------------

let dragged = null;

function clearMarks() {
  for (const row of rows()) row.classList.remove("drop-before");
  list.classList.remove("drop-at-end");
}

list.addEventListener("dragstart", (event) => {
  dragged = event.target.closest(".point-row");
  if (!dragged) return;
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", dragged.querySelector("textarea").value);
  event.dataTransfer.setDragImage(dragged, 12, 12);
  dragged.classList.add("dragging");
});

function dropTarget(event) {
  // the row the pointer is over, or null below the last row's middle (drop at the end)
  return rows().find((row) => {
    const box = row.getBoundingClientRect();
    return row !== dragged && event.clientY < box.top + box.height / 2;
  }) || null;
}

list.addEventListener("dragover", (event) => {
  if (!dragged) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "move";
  clearMarks();
  const target = dropTarget(event);
  if (target) target.classList.add("drop-before");
});

list.addEventListener("drop", (event) => {
  if (!dragged) return;
  event.preventDefault();
  const target = dropTarget(event);
  if (target) target.before(dragged);
  else list.append(dragged);
  flash(dragged);
  changed(t("Moved to position {n} of {total}.", { n: rows().indexOf(dragged) + 1, total: rows().length }));
});

list.addEventListener("dragend", () => {
  dragged?.classList.remove("dragging");
  dragged = null;
  clearMarks();
});

renumber();
form.dataset.ready = "true";
