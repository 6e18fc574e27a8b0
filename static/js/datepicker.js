/* The date input of every form (accounts.forms.DateInput renders <input data-datepicker>): the date is
   typed as dd.mm.yyyy whatever the browser's language, and a button beside the input opens a
   calendar to pick it. The browser's own <input type="date"> would show mm/dd/yyyy in an English
   browser and cannot be typed the way documents write dates.

   - Typing: the dots come by themselves after the day and the month; «05092026», «5.9.2026» and
     «05.09.26» become «05.09.2026» when the input is left. The server checks the date anyway.
   - The calendar: month by month, Monday first, today and the chosen day marked; arrows move by a
     day or a week, PageUp/PageDown by a month, Enter picks, Escape closes. It opens over the page
     (position: fixed), so a table's scrolling wrapper does not cut it off.
   - Texts come from the <script> tag's data attributes (translated in base.html); month and day
     names from the browser's Intl in the page's language.
   The Content-Security-Policy allows this file and no inline code: no handler attributes, no style
   attributes (positions are set through the CSSOM, which the policy allows). */
"use strict";

(function () {
  const script = document.currentScript;
  const texts = script ? script.dataset : {};
  const locale = document.documentElement.lang || "ru";
  const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
  const DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
  const monthName = new Intl.DateTimeFormat(locale, { month: "long" });
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: "short" });
  const fullDate = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" });
  const CALENDAR_ICON =
    '<svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">' +
    '<path d="M4 .5a.5.5 0 0 1 1 0V1h6V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3' +
    'a2 2 0 0 1 2-2h1zM2 5v9a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zm-6 3h2v2H4zm3 0h2v2H7z"/></svg>';

  let state = null; // the open calendar: {input, wrapper, popup, shown (first of the month), chosen}

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function dotted(day) {
    return pad(day.getDate()) + "." + pad(day.getMonth() + 1) + "." + day.getFullYear();
  }

  function sameDay(a, b) {
    return !!a && !!b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  /* The date typed, or null. Two-digit years as Python's %y reads them (DATE_INPUT_FORMATS):
     00–68 are 2000–2068, 69–99 are 1969–1999. */
  function parse(text) {
    const match = DOTTED.exec(text.trim());
    if (!match) {
      return null;
    }
    let year = parseInt(match[3], 10);
    if (match[3].length === 2) {
      year += year < 69 ? 2000 : 1900;
    }
    const month = parseInt(match[2], 10) - 1;
    const date = parseInt(match[1], 10);
    const day = new Date(year, month, date);
    return day.getFullYear() === year && day.getMonth() === month && day.getDate() === date ? day : null;
  }

  function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /* The input goes into an input group with the calendar button after it. Width classes of the input
     move to the group, so the pair keeps the input's size. */
  function enhance(input) {
    if (input.dataset.datepickerReady) {
      return;
    }
    input.dataset.datepickerReady = "1";
    const wrapper = document.createElement("div");
    wrapper.className = "input-group date-input";
    Array.from(input.classList)
      .filter(function (name) {
        return /^(max-w-|min-w-|w-)/.test(name);
      })
      .forEach(function (name) {
        input.classList.remove(name);
        wrapper.classList.add(name);
      });
    if (input.classList.contains("form-control-sm")) {
      wrapper.classList.add("input-group-sm");
    } else if (input.classList.contains("form-control-lg")) {
      wrapper.classList.add("input-group-lg");
    }
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary date-input-toggle";
    button.setAttribute("aria-label", texts.open || "");
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.title = texts.open || "";
    button.innerHTML = CALENDAR_ICON;
    wrapper.appendChild(button);
  }

  function enhanceAll(root) {
    if (root.matches && root.matches("input[data-datepicker]")) {
      enhance(root);
    }
    root.querySelectorAll("input[data-datepicker]").forEach(enhance);
  }

  function dayButton(day, shown, today, chosen) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "datepicker-day";
    if (day.getMonth() !== shown.getMonth()) {
      button.classList.add("is-outside");
    }
    if (sameDay(day, today)) {
      button.classList.add("is-today");
    }
    if (sameDay(day, chosen)) {
      button.classList.add("is-chosen");
      button.setAttribute("aria-current", "date");
    }
    button.dataset.date = dotted(day);
    button.setAttribute("aria-label", fullDate.format(day));
    button.tabIndex = -1;
    button.textContent = String(day.getDate());
    return button;
  }

  function render(focusDay) {
    const popup = state.popup;
    const shown = state.shown;
    const today = new Date();
    popup.textContent = "";

    const head = document.createElement("div");
    head.className = "datepicker-head";
    const previous = document.createElement("button");
    previous.type = "button";
    previous.className = "btn btn-sm btn-link datepicker-step";
    previous.dataset.step = "-1";
    previous.setAttribute("aria-label", texts.previous || "");
    previous.textContent = "‹";
    const title = document.createElement("span");
    title.className = "datepicker-title";
    title.setAttribute("aria-live", "polite");
    title.textContent = capitalized(monthName.format(shown)) + " " + shown.getFullYear();
    const next = previous.cloneNode(false);
    next.dataset.step = "1";
    next.setAttribute("aria-label", texts.next || "");
    next.textContent = "›";
    head.append(previous, title, next);

    const grid = document.createElement("div");
    grid.className = "datepicker-grid";
    const monday = new Date(2024, 0, 1);
    for (let index = 0; index < 7; index += 1) {
      const name = document.createElement("span");
      name.className = "datepicker-weekday";
      name.setAttribute("aria-hidden", "true");
      name.textContent = weekdayName.format(new Date(2024, 0, monday.getDate() + index));
      grid.appendChild(name);
    }
    // Six weeks from the Monday on or before the first of the month.
    const start = new Date(shown.getFullYear(), shown.getMonth(), 1);
    start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    let target = null;
    for (let index = 0; index < 42; index += 1) {
      const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + index);
      const button = dayButton(day, shown, today, state.chosen);
      if (sameDay(day, focusDay)) {
        target = button;
      }
      grid.appendChild(button);
    }

    const foot = document.createElement("div");
    foot.className = "datepicker-foot";
    const todayButton = document.createElement("button");
    todayButton.type = "button";
    todayButton.className = "btn btn-sm btn-link";
    todayButton.dataset.date = dotted(today);
    todayButton.textContent = texts.today || "";
    foot.appendChild(todayButton);

    popup.append(head, grid, foot);
    (target || grid.querySelector(".datepicker-day:not(.is-outside)")).tabIndex = 0;
    return target;
  }

  /* Below the input, its right edge under the button's; above it when the screen has no room below;
     always within the screen. */
  function place() {
    const box = state.wrapper.getBoundingClientRect();
    const popup = state.popup;
    const width = popup.offsetWidth;
    const height = popup.offsetHeight;
    const left = Math.min(Math.max(4, box.right - width), window.innerWidth - width - 4);
    const below = box.bottom + 4;
    const top = below + height > window.innerHeight && box.top - height - 4 >= 0 ? box.top - height - 4 : below;
    popup.style.left = Math.max(4, left) + "px";
    popup.style.top = top + "px";
  }

  function open(input) {
    close(false);
    const wrapper = input.closest(".date-input");
    const chosen = parse(input.value);
    const focusDay = chosen || new Date();
    const popup = document.createElement("div");
    popup.className = "datepicker";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", texts.open || "");
    document.body.appendChild(popup);
    state = {
      input: input,
      wrapper: wrapper,
      popup: popup,
      chosen: chosen,
      shown: new Date(focusDay.getFullYear(), focusDay.getMonth(), 1),
    };
    wrapper.querySelector(".date-input-toggle").setAttribute("aria-expanded", "true");
    const target = render(focusDay);
    place();
    (target || popup.querySelector(".datepicker-day[tabindex='0']")).focus();
  }

  function close(returnFocus) {
    if (!state) {
      return;
    }
    const closing = state;
    state = null;
    closing.popup.remove();
    closing.wrapper.querySelector(".date-input-toggle").setAttribute("aria-expanded", "false");
    if (returnFocus) {
      closing.input.focus();
    }
  }

  function pick(text) {
    const input = state.input;
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    close(true);
  }

  function moveFocus(days, months) {
    const current = parse(document.activeElement.dataset.date || "") || state.shown;
    const day = new Date(current.getFullYear(), current.getMonth() + months, current.getDate() + days);
    if (months && day.getDate() !== current.getDate()) {
      day.setDate(0); // 31 January + 1 month: the last day of February
    }
    state.shown = new Date(day.getFullYear(), day.getMonth(), 1);
    const target = render(day);
    place();
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("click", function (event) {
    const toggle = event.target.closest(".date-input-toggle");
    if (toggle) {
      const input = toggle.parentNode.querySelector("input[data-datepicker]");
      if (state && state.input === input) {
        close(true);
      } else {
        open(input);
      }
      return;
    }
    if (!state) {
      return;
    }
    if (!state.popup.contains(event.target)) {
      close(false);
      return;
    }
    const step = event.target.closest("[data-step]");
    if (step) {
      const shown = state.shown;
      state.shown = new Date(shown.getFullYear(), shown.getMonth() + parseInt(step.dataset.step, 10), 1);
      render(null);
      place();
      return;
    }
    const day = event.target.closest("[data-date]");
    if (day) {
      pick(day.dataset.date);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!state || !state.popup.contains(document.activeElement)) {
      return;
    }
    const moves = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [-7, 0],
      ArrowDown: [7, 0],
      PageUp: [0, -1],
      PageDown: [0, 1],
    };
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (moves[event.key] && document.activeElement.classList.contains("datepicker-day")) {
      event.preventDefault();
      moveFocus(moves[event.key][0], moves[event.key][1]);
    }
  });

  /* The calendar follows its input when the page scrolls or the window changes size. */
  ["scroll", "resize"].forEach(function (type) {
    window.addEventListener(
      type,
      function () {
        if (state) {
          place();
        }
      },
      true
    );
  });

  /* Typing: a dot after the day and after the month. */
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-datepicker]") || event.inputType !== "insertText") {
      return;
    }
    const value = input.value.replace(/\.\.+/g, ".");
    input.value = /^\d{2}$|^\d{1,2}\.\d{2}$/.test(value) ? value + "." : value;
  });

  /* Leaving the input: the date written out in full, as the server will show it back. */
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-datepicker]")) {
      return;
    }
    const digits = DIGITS.exec(input.value.trim());
    const day = parse(digits ? digits[1] + "." + digits[2] + "." + digits[3] : input.value);
    if (day) {
      input.value = dotted(day);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhanceAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
