// A new account starts in the time zone of the browser it is made in, rather than in UTC:
// a time zone list marked data-browser-zone that still shows UTC moves to the browser's zone
// when this server knows it. People can still choose any other zone.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll("select[data-browser-zone]")) {
    if (zone && select.value === "UTC" && [...select.options].some((o) => o.value === zone)) {
      select.value = zone;
    }
  }
})();
