// The page's own script: figures inserted at the cursor, the figures list searched, text boxes that grow.
// Everything else (saving, preview, checks) is htmx posting the form to the server.
(function () {
  "use strict";
  let lastField = null;

  function isTextField(element) {
    return element && element.closest && element.closest("#editor") &&
      (element.tagName === "TEXTAREA" || (element.tagName === "INPUT" && (element.type === "text" || !element.type || element.type === "search")));
  }

  document.addEventListener("focusin", function (event) {
    if (isTextField(event.target)) { lastField = event.target; }
  });

  function insertAtCursor(field, text) {
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? field.value.length;
    const before = field.value.slice(0, start);
    const after = field.value.slice(end);
    const spaceBefore = before && !/\s$/.test(before) ? " " : "";
    const spaceAfter = after && !/^[\s.,;:)]/.test(after) ? " " : "";
    field.value = before + spaceBefore + text + spaceAfter + after;
    const caret = (before + spaceBefore + text).length;
    field.focus();
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-insert]");
    if (!button) { return; }
    event.preventDefault();
    const field = lastField && document.body.contains(lastField) ? lastField : document.querySelector("#editor textarea");
    if (!field) { return; }
    insertAtCursor(field, button.getAttribute("data-insert"));
    const status = document.getElementById("save-status");
    if (status) { status.textContent = "Inserted " + button.querySelector(".figure-name").textContent; }
  });

  // "Use reviews.held": a misspelt figure's name put right in the block's text, as if typed.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.fix-name");
    if (!button) { return; }
    const block = button.closest("section.block") || document.getElementById("editor");
    const wrong = button.getAttribute("data-wrong").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const inside = new RegExp("(\\{\\{[^}]*?)\\b" + wrong + "\\b", "g");
    block.querySelectorAll("textarea, input.text-field").forEach(function (field) {
      const fixed = field.value.replace(inside, "$1" + button.getAttribute("data-right"));
      if (fixed !== field.value) {
        field.value = fixed;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  });

  // A chart or table chosen from the panel goes below the block the cursor was last in.
  document.addEventListener("htmx:configRequest", function (event) {
    const element = event.detail.elt;
    if (!element.hasAttribute || !element.hasAttribute("data-add-after") || !lastField) { return; }
    const block = lastField.closest("section.block");
    if (!block) { return; }
    const index = block.id.replace("block-", "");
    const parts = element.value.split(":");
    event.detail.parameters["action"] = parts[0] + ":" + parts[1] + ":" + index;
  });

  document.addEventListener("input", function (event) {
    const search = event.target.closest("[data-filter]");
    if (search) {
      const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      document.querySelectorAll(search.getAttribute("data-filter")).forEach(function (item) {
        const text = item.getAttribute("data-search") || "";
        item.hidden = !words.every(function (word) { return text.includes(word); });
      });
      return;
    }
    if (event.target.classList && event.target.classList.contains("grow")) { grow(event.target); }
  });

  function grow(field) {
    field.style.height = "auto";
    field.style.height = Math.min(field.scrollHeight + 4, 600) + "px";
  }

  function growAll() { document.querySelectorAll("textarea.grow").forEach(grow); }
  document.addEventListener("DOMContentLoaded", growAll);
  document.addEventListener("htmx:afterSettle", growAll);
})();
