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
