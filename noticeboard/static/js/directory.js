/* "Use my location" for the group directory.
 *
 * Optional: the button stays hidden without JavaScript or geolocation, and
 * the directory still orders by distance from a chosen area. When the visitor
 * allows it, the browser's position (rounded to about 100 m) fills the lat and
 * lng fields and the form is sent with "nearest first". No other site is asked.
 */
(function () {
  "use strict";
  var button = document.getElementById("dir-locate");
  if (!button || !navigator.geolocation) return;
  var form = button.form;
  var status = document.getElementById("dir-locate-status");
  button.hidden = false;

  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-finding");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(3);
        form.elements.lng.value = position.coords.longitude.toFixed(3);
        form.elements.near.value = "";
        var near = document.getElementById("dir-order-near");
        if (near) near.checked = true;
        form.submit();
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
