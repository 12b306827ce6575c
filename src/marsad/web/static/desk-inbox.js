// The inbox by keyboard alone. On the list, j and k (or the arrow keys) move between items and Enter opens
// one. On an item, each action carries its key in data-key: a field gets the focus (type, then Enter), a
// button or link is pressed. Keys are ignored while typing in a field, and never combined with Ctrl, Alt or
// Meta, so the browser's own shortcuts keep working. Without this script every action is a plain form.
const typing = (target) => target.closest("input, textarea, select, [contenteditable]");

function activate(element) {
  if (element.matches("input, select, textarea")) {
    element.focus();
    if (element.select && element.type !== "search") element.select();
  } else {
    element.click();
  }
}

const links = [...document.querySelectorAll("#inbox-list .item-link")];

function move(step) {
  const current = links.indexOf(document.activeElement);
  const next = current < 0 ? 0 : Math.min(links.length - 1, Math.max(0, current + step));
  if (links[next]) {
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
  }
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
  if (event.key === "Escape" && typing(event.target)) {
    event.target.blur();
    return;
  }
  if (typing(event.target)) return;
  if (links.length && (event.key === "j" || event.key === "ArrowDown")) {
    move(1);
    event.preventDefault();
    return;
  }
  if (links.length && (event.key === "k" || event.key === "ArrowUp")) {
    move(-1);
    event.preventDefault();
    return;
  }
  const target = document.querySelector(`[data-key="${CSS.escape(event.key)}"]`);
  if (target) {
    event.preventDefault();
    activate(target);
  }
});
if (links.length && !document.querySelector("#inbox-list a:focus")) links[0].focus({ preventScroll: true });
document.body.dataset.inboxReady = "true";
