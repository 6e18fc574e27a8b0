/* The mentee picker of the pair or group form (templates/mentoring/units/unit_form.html).

   Progressive enhancement of a field of checkboxes: without scripts the page shows the list of
   checkboxes and the form posts the ticked ids. With scripts the list is hidden (it stays in the
   form and is still what is posted) and a <template data-picker-for="field name"> of the page,
   whose texts are translated there, becomes:
   - a search box that filters the people as one types: every word must occur in the name or the
     class («Ёлк 7б», «е» and «ё» alike, any case);
   - the matches as a list box (at most LIMIT at once) to pick from with a click, a tap, or the
     keyboard: ↓ ↑ move, Enter picks (the only match needs no arrow), Escape closes the list and
     then clears the box, Backspace in an empty box goes to the last chosen one;
   - the chosen people as chips, each with a button that removes it (Enter, Space, Delete or
     Backspace on it).
   Picking ticks the person's hidden checkbox and removing unticks it, so the form posts the same
   ids as without scripts. A polite live region says what was found, added or removed. */
"use strict";

(function () {
  const LIMIT = 50;

  function normalize(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return String(values[key]);
    });
  }

  /* The people of the field in the page's order, each with its checkbox, label and group. */
  function readPeople(boxes) {
    return boxes.map(function (box) {
      const label = document.querySelector('label[for="' + box.id + '"]');
      const text = (label ? label.textContent : box.value).replace(/\s+/g, " ").trim();
      let group = "";
      for (let node = box.closest(".form-check"); node; node = node.previousElementSibling) {
        if (node.tagName === "STRONG") {
          group = node.textContent.trim();
          break;
        }
      }
      return { box: box, label: text, group: group, key: normalize(text) };
    });
  }

  function setUp(template) {
    const field = template.dataset.pickerFor;
    const boxes = Array.from(document.querySelectorAll('input[type="checkbox"][name="' + field + '"]'));
    if (!boxes.length) {
      return;
    }
    const people = readPeople(boxes);
    // The first group is the year's registry: only the others are named beside a person.
    const firstGroup = people[0].group;
    const list = boxes[0].closest(".form-check").parentElement;
    const picker = template.content.firstElementChild.cloneNode(true);
    const chips = picker.querySelector("[data-picker-chips]");
    const count = picker.querySelector("[data-picker-count]");
    const search = picker.querySelector("[data-picker-search]");
    const options = picker.querySelector("[data-picker-options]");
    const status = picker.querySelector("[data-picker-status]");
    const texts = template.dataset;
    let shown = [];
    let active = -1;

    list.after(picker);
    list.hidden = true;
    // The field's errors sit inside the list that is now hidden: they follow the search box instead.
    list.querySelectorAll(".invalid-feedback").forEach(function (errors) {
      picker.append(errors);
      search.classList.add("is-invalid");
      search.setAttribute("aria-invalid", "true");
      search.setAttribute("aria-describedby", ((search.getAttribute("aria-describedby") || "") + " " + errors.id).trim());
    });

    function say(text) {
      status.textContent = text;
    }

    function renderChips() {
      chips.replaceChildren();
      const chosen = people.filter(function (person) {
        return person.box.checked;
      });
      chosen.forEach(function (person) {
        const chip = document.createElement("li");
        chip.className = "mentee-picker-chip";
        const name = document.createElement("span");
        name.textContent = person.label;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", format(texts.textRemove, { name: person.label }));
        remove.dataset.value = person.box.value;
        chip.append(name, remove);
        chips.append(chip);
      });
      count.textContent = format(texts.textChosen, { count: chosen.length });
    }

    function optionId(person) {
      return field + "-picker-option-" + person.box.value;
    }

    function highlight(index) {
      active = index;
      Array.from(options.children).forEach(function (option, position) {
        const on = position === active;
        option.classList.toggle("active", on);
        option.setAttribute("aria-selected", on ? "true" : "false");
        if (on) {
          option.scrollIntoView({ block: "nearest" });
        }
      });
      if (active >= 0) {
        search.setAttribute("aria-activedescendant", optionId(shown[active]));
      } else {
        search.removeAttribute("aria-activedescendant");
      }
    }

    function renderOptions() {
      const words = normalize(search.value).split(" ").filter(Boolean);
      const matches = people.filter(function (person) {
        return (
          !person.box.checked &&
          !person.box.disabled &&
          words.every(function (word) {
            return person.key.includes(word);
          })
        );
      });
      shown = matches.slice(0, LIMIT);
      options.replaceChildren();
      shown.forEach(function (person) {
        const option = document.createElement("li");
        option.id = optionId(person);
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = person.box.value;
        const name = document.createElement("span");
        name.textContent = person.label;
        option.append(name);
        if (person.group && person.group !== firstGroup) {
          const note = document.createElement("span");
          note.className = "mentee-picker-note";
          note.textContent = person.group;
          option.append(note);
        }
        options.append(option);
      });
      highlight(-1);
      if (!matches.length) {
        say(texts.textNone);
      } else if (matches.length > shown.length) {
        say(format(texts.textMore, { shown: shown.length, count: matches.length }));
      } else {
        say(format(texts.textFound, { count: matches.length }));
      }
    }

    function open() {
      renderOptions();
      options.hidden = false;
      search.setAttribute("aria-expanded", "true");
    }

    function close() {
      options.hidden = true;
      search.setAttribute("aria-expanded", "false");
      highlight(-1);
    }

    function tick(person, checked) {
      person.box.checked = checked;
      person.box.dispatchEvent(new Event("change", { bubbles: true }));
      renderChips();
    }

    function pick(person) {
      tick(person, true);
      search.value = "";
      open();
      say(format(texts.textAdded, { name: person.label }));
      search.focus();
    }

    function unpick(value) {
      const person = people.find(function (item) {
        return item.box.value === value;
      });
      const buttons = Array.from(chips.querySelectorAll("button"));
      const position = buttons.findIndex(function (button) {
        return button.dataset.value === value;
      });
      tick(person, false);
      if (!options.hidden) {
        renderOptions();
      }
      // Focus goes to the chip that took its place, or back to the search box (which opens the
      // list, so the removal is said after it).
      const rest = chips.querySelectorAll("button");
      (rest[Math.min(position, rest.length - 1)] || search).focus();
      say(format(texts.textRemoved, { name: person.label }));
    }

    search.addEventListener("focus", open);
    search.addEventListener("input", open);
    search.addEventListener("keydown", function (event) {
      const isOpen = !options.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) {
          open();
        }
        if (!shown.length) {
          return;
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        const start = active < 0 ? (step > 0 ? -1 : shown.length) : active;
        highlight((start + step + shown.length) % shown.length);
      } else if (event.key === "Enter" && isOpen) {
        // Enter in the box never submits the form while the list is open.
        event.preventDefault();
        if (active >= 0) {
          pick(shown[active]);
        } else if (shown.length === 1) {
          pick(shown[0]);
        }
      } else if (event.key === "Escape") {
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (search.value) {
          event.preventDefault();
          search.value = "";
        }
      } else if (event.key === "Backspace" && !search.value) {
        const last = chips.querySelector("li:last-child button");
        if (last) {
          event.preventDefault();
          close();
          last.focus();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    // The press keeps the focus in the search box; the click (or tap) picks.
    options.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    options.addEventListener("click", function (event) {
      const option = event.target.closest('[role="option"]');
      if (option) {
        pick(shown.find((person) => person.box.value === option.dataset.value));
      }
    });

    chips.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-value]");
      if (button) {
        unpick(button.dataset.value);
      }
    });
    chips.addEventListener("keydown", function (event) {
      const button = event.target.closest("button[data-value]");
      if (button && (event.key === "Delete" || event.key === "Backspace")) {
        event.preventDefault();
        unpick(button.dataset.value);
      }
    });

    // A click elsewhere closes the list. The path, not the target: a picked option or a removed
    // chip has left the page by the time the click reaches the document.
    document.addEventListener("click", function (event) {
      if (!event.composedPath().includes(picker)) {
        close();
      }
    });

    renderChips();
  }

  function start() {
    document.querySelectorAll("template[data-picker-for]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
