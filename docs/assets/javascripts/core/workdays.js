// Working days and calendar dates over China's official holiday table (built by macros/workdays.py
// from the chinesecalendar package plus playbook/holidays.yml). A date in a year the table does not
// cover is answered with {uncovered: year}: the page says so instead of guessing.
// Dates are "YYYY-MM-DD" strings computed in UTC, so no time zone can shift a day.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else (root.pb = root.pb || {}).workdays = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  function parse(s) {
    var m = ISO.exec(s);
    if (!m) throw new Error("not a date: " + s);
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function addDays(s, n) { var d = parse(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); }
  // Month arithmetic ends on the month's last day when the day does not exist (民法典第202条).
  function addMonths(s, n) {
    var d = parse(s), day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + n);
    var last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return iso(d);
  }

  // true / false, or null when the table does not cover the date's year.
  function isWorkday(table, s) {
    if (table.years.indexOf(+s.slice(0, 4)) < 0) return null;
    if (Object.prototype.hasOwnProperty.call(table.on, s)) return true;
    if (Object.prototype.hasOwnProperty.call(table.off, s)) return false;
    var wd = parse(s).getUTCDay();
    return wd !== 0 && wd !== 6;
  }
  // The date itself if it is a working day, else the next working day.
  function nextWorkday(table, s) {
    for (var d = s, i = 0; i < 400; i++, d = addDays(d, 1)) {
      var w = isWorkday(table, d);
      if (w === null) return { uncovered: +d.slice(0, 4) };
      if (w) return { date: d };
    }
    throw new Error("no working day within 400 days of " + s);
  }
  // The n-th working day after s (s itself never counts: periods start the next day).
  function addWorkdays(table, s, n) {
    var d = s, k = 0;
    while (k < n) {
      d = addDays(d, 1);
      var w = isWorkday(table, d);
      if (w === null) return { uncovered: +d.slice(0, 4) };
      if (w) k++;
    }
    return { date: d };
  }
  return { parse: parse, iso: iso, addDays: addDays, addMonths: addMonths, isWorkday: isWorkday,
    nextWorkday: nextWorkday, addWorkdays: addWorkdays };
});
