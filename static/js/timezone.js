// Time zone fields: while a field still holds the default (UTC), choose the zone the browser
// reports, so a member in Tokyo registers with Asia/Tokyo without scrolling the list. Without
// JavaScript the list works as it is.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  var fields = document.querySelectorAll("select[data-guess-timezone]");
  Array.prototype.forEach.call(fields, function (field) {
    if (field.value !== "UTC") { return; }
    var known = Array.prototype.some.call(field.options, function (o) { return o.value === zone; });
    if (known) { field.value = zone; }
  });
})();
