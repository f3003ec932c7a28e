// Shows the "review overdue" notice when the plan's review date has passed on the day the page
// is read: a copy built (or saved offline) before that date must still warn its reader.
(function () {
  "use strict";

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function init() {
    document.querySelectorAll("[data-pb-review-notice]").forEach(function (el) {
      var due = el.getAttribute("data-pb-review-due");
      el.hidden = !(due && today() > due);
    });
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
