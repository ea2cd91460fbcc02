// Order the rows of an admin inline marked "sortable" by dragging a handle
// (mouse, pen or touch) or with the arrow keys on it. The rows' position boxes
// are filled in to match and hidden; without JavaScript they stay visible and
// the editor types the numbers.
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.from(table.tBodies[0].querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  function positionBox(row) {
    return row.querySelector("td.field-position input");
  }

  function isSaved(row) {
    const id = row.querySelector('td.original input[type=hidden][name$="-id"]');
    return Boolean(id && id.value);
  }

  function hasContent(row) {
    if (isSaved(row)) return true;
    return Array.from(row.querySelectorAll("td input[type=text], td textarea")).some(function (box) {
      return box.value.trim() !== "";
    });
  }

  function titleOf(row) {
    const box = row.querySelector("td.field-title input");
    return (box && box.value.trim()) || "new row";
  }

  // Give the rows positions in their order on the page. The saved rows share
  // out the numbers they had, so rows that did not move keep theirs; new rows
  // get the numbers after them.
  function renumber(table) {
    const rows = rowsOf(table).filter(hasContent);
    let numbers = rows.filter(isSaved).map(function (row) { return Number(positionBox(row).value); });
    numbers.sort(function (a, b) { return a - b; });
    if (new Set(numbers).size !== numbers.length) {
      numbers = numbers.map(function (_, index) { return index; });
    }
    let next = numbers.length ? numbers[numbers.length - 1] + 1 : 0;
    while (numbers.length < rows.length) numbers.push(next++);
    rows.forEach(function (row, index) { positionBox(row).value = numbers[index]; });
  }

  function announce(table, row) {
    const rows = rowsOf(table).filter(hasContent);
    const status = table.closest("fieldset").querySelector(".sortable-status");
    status.textContent = "Moved “" + titleOf(row) + "” to position " + (rows.indexOf(row) + 1) + " of " + rows.length + ".";
  }

  // Move the neighbour past the row rather than the row itself: a row taken
  // out of the page, even for an instant, loses the pointer and the focus.
  function swap(row, neighbour) {
    const above = neighbour.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING;
    row.insertAdjacentElement(above ? "afterend" : "beforebegin", neighbour);
  }

  function middle(row) {
    const box = row.getBoundingClientRect();
    return box.top + box.height / 2;
  }

  function move(table, row, offset) {
    const rows = rowsOf(table);
    const neighbour = rows[rows.indexOf(row) + offset];
    if (!neighbour) return;
    swap(row, neighbour);
    renumber(table);
    announce(table, row);
  }

  function addHandle(table, row) {
    const cell = row.querySelector("td.original");
    if (!cell || cell.querySelector(".sortable-handle")) return;
    const handle = document.createElement("button");
    handle.type = "button";
    handle.className = "sortable-handle";
    handle.textContent = "Move";
    handle.setAttribute("aria-label", "Move “" + titleOf(row) + "”: drag, or use the up and down arrow keys");
    cell.prepend(handle);

    handle.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      event.preventDefault();
      move(table, row, event.key === "ArrowUp" ? -1 : 1);
    });

    handle.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      row.classList.add("sortable-dragging");
    });
    handle.addEventListener("pointermove", function (event) {
      if (!handle.hasPointerCapture(event.pointerId)) return;
      // Pass every row whose middle the pointer has crossed, however far it went.
      for (;;) {
        const rows = rowsOf(table);
        const index = rows.indexOf(row);
        const before = rows[index - 1];
        const after = rows[index + 1];
        if (before && event.clientY < middle(before)) swap(row, before);
        else if (after && event.clientY > middle(after)) swap(row, after);
        else break;
      }
    });
    function drop(event) {
      if (!handle.hasPointerCapture(event.pointerId)) return;
      handle.releasePointerCapture(event.pointerId);
      row.classList.remove("sortable-dragging");
      renumber(table);
      announce(table, row);
    }
    handle.addEventListener("pointerup", drop);
    handle.addEventListener("pointercancel", drop);
  }

  function setUp(fieldset) {
    const table = fieldset.querySelector("table");
    if (!table) return;
    fieldset.classList.add("sortable-active");
    const status = document.createElement("p");
    status.className = "sortable-status visually-hidden";
    status.setAttribute("role", "status");
    fieldset.append(status);
    rowsOf(table).forEach(function (row) { addHandle(table, row); });
    document.addEventListener("formset:added", function (event) {
      if (fieldset.contains(event.target)) addHandle(table, event.target);
    });
    // Rows typed in since the last move still need their place.
    fieldset.closest("form").addEventListener("submit", function () { renumber(table); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-group fieldset.sortable").forEach(setUp);
  });
})();
