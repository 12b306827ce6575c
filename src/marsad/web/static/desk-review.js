// The review queue: a box that selects every incident on the page, and a count of the selected in the action
// bar, which stays at the bottom of the window. Without this script "Select all on this page" is a link that
// shows the page with every box ticked.
import { tn } from "/static/messages.js";

const form = document.getElementById("review-form");
const all = document.getElementById("select-all");
const link = document.getElementById("select-all-link");
const count = document.getElementById("selected-count");
const boxes = [...form.querySelectorAll("input[name=id]")];
const actions = [...form.querySelectorAll(".action-bar button")];

function update() {
  const ticked = boxes.filter((box) => box.checked).length;
  all.checked = ticked > 0 && ticked === boxes.length;
  all.indeterminate = ticked > 0 && ticked < boxes.length;
  count.textContent = tn(ticked, "{n} selected:", "{n} selected:");
  for (const button of actions) button.disabled = ticked === 0;
}

if (boxes.length) {
  all.hidden = false;
  link.hidden = true;
  all.addEventListener("change", () => {
    for (const box of boxes) box.checked = all.checked;
    update();
  });
  let last = null; // shift-click ticks (or clears) every box from the last one clicked
  form.addEventListener("click", (event) => {
    const index = boxes.indexOf(event.target);
    if (index < 0) return;
    if (event.shiftKey && last !== null) {
      const [from, to] = [Math.min(last, index), Math.max(last, index)];
      for (const box of boxes.slice(from, to + 1)) box.checked = event.target.checked;
    }
    last = index;
    update();
  });
  update();
}
form.dataset.ready = "true";
