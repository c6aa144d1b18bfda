// A new account starts in the time zone of the browser it is made in, rather than in UTC:
// a time zone field marked data-browser-zone that still says UTC moves to the browser's zone
// when this server knows it (it is in the field's list). People can still choose any other zone.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const field of document.querySelectorAll("input[data-browser-zone]")) {
    if (zone && field.value === "UTC" && [...(field.list?.options ?? [])].some((o) => o.value === zone)) {
      field.value = zone;
    }
  }
})();
