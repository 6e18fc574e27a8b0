/* The page scripts of the whole site. The Content-Security-Policy forbids inline scripts and event
   handler attributes, so templates describe behaviour with data attributes and this file acts on
   them. Listeners sit on the document, so content swapped in by htmx works too. */
"use strict";

/* <form data-confirm="Delete?">: ask before submitting. */
document.addEventListener("submit", function (event) {
  const message = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

/* <button data-formset-add="prefix" data-formset-template="id" data-formset-rows="id">: append the
   formset's empty form (a <template>) with the next index and count it in TOTAL_FORMS. */
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-formset-add]");
  if (!button) {
    return;
  }
  const total = document.getElementById("id_" + button.dataset.formsetAdd + "-TOTAL_FORMS");
  const template = document.getElementById(button.dataset.formsetTemplate);
  const rows = document.getElementById(button.dataset.formsetRows);
  rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, total.value));
  total.value = parseInt(total.value, 10) + 1;
});

/* <form data-compact-ids="mentee" data-compact-into="mentees">: the ticked boxes named "mentee" (in
   the rows of a table, tied to the form by form="…") are sent as one field of comma-separated ids,
   so that any number of ticks stays one field of the request (Django refuses a request of more than
   1,000 fields). Without this script each tick is a field of its own, which the server reads too. */
document.addEventListener("formdata", function (event) {
  const form = event.target;
  const name = form.dataset ? form.dataset.compactIds : undefined;
  if (!name) {
    return;
  }
  const ids = event.formData.getAll(name);
  event.formData.delete(name);
  event.formData.set(form.dataset.compactInto, ids.join(","));
});

/* <input type="checkbox" data-tick-all="form id">: ticks or clears every box tied to that form. */
document.addEventListener("change", function (event) {
  const box = event.target.closest("[data-tick-all]");
  if (!box) {
    return;
  }
  const boxes = document.querySelectorAll('input[type="checkbox"][form="' + box.dataset.tickAll + '"]');
  boxes.forEach(function (other) {
    other.checked = box.checked;
  });
});

/* Tables that turn into cards on a phone (.table-stack): each cell gets the header of its column
   as data-label, which the stylesheet shows above the cell's value. Headers spanning several
   columns are counted, so a cell always gets the header above it. */
function labelStackedTables(root) {
  root.querySelectorAll("table.table-stack").forEach(function (table) {
    const headerRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headerRow) {
      return;
    }
    const labels = [];
    Array.prototype.forEach.call(headerRow.cells, function (cell) {
      for (let span = 0; span < cell.colSpan; span += 1) {
        labels.push(cell.textContent.trim());
      }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        let column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          const label = labels[column];
          if (label && cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", label);
          }
          column += cell.colSpan;
        });
      });
    });
  });
}

/* A table scrolled sideways inside its wrapper: its sticky first column casts a shadow. Scroll
   events do not bubble, so the listener catches them on the way down. */
document.addEventListener(
  "scroll",
  function (event) {
    const wrapper = event.target;
    if (wrapper.classList && wrapper.classList.contains("table-responsive")) {
      wrapper.classList.toggle("is-scrolled", wrapper.scrollLeft > 0);
    }
  },
  true
);

/* A form came back with errors: the summary above the content (templates/includes/error_summary.html)
   takes the focus, so that a screen reader reads it and the keyboard starts from its links. A link
   of the summary moves the focus into its field, not only the view. */
function focusErrorSummary() {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
}
document.addEventListener("click", function (event) {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) {
    return;
  }
  const field = document.getElementById(link.getAttribute("href").slice(1));
  if (field) {
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  }
});

/* A table wider than its wrapper scrolls inside it: the wrapper takes the keyboard's focus then, so
   that the arrow keys scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). Every wrapper is
   focusable from the start, since the layout may still change (fonts, images) after the document is
   parsed; once the page has loaded, and on every resize, those that do not scroll are left out. */
function focusableScrollers(root, settled) {
  root.querySelectorAll(".table-responsive").forEach(function (wrapper) {
    // As axe judges it: any overflow, even of a pixel, makes the wrapper a scrolling region.
    if (!settled || wrapper.scrollWidth > wrapper.clientWidth || wrapper.scrollHeight > wrapper.clientHeight) {
      wrapper.setAttribute("tabindex", "0");
    } else if (wrapper.getAttribute("tabindex") === "0") {
      wrapper.removeAttribute("tabindex");
    }
  });
}
window.addEventListener("load", function () {
  focusableScrollers(document, true);
});
window.addEventListener("resize", function () {
  focusableScrollers(document, true);
});

document.addEventListener("DOMContentLoaded", function () {
  labelStackedTables(document);
  focusableScrollers(document);
  focusErrorSummary();
});
/* Content swapped in by htmx. */
document.addEventListener("htmx:load", function (event) {
  labelStackedTables(event.target);
  focusableScrollers(event.target);
});
