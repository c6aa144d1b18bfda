// On a narrow screen the main navigation folds behind a Menu button; without JavaScript it simply stays open.
(() => {
  const prepare = () => {
    const toggle = document.querySelector(".menu-toggle");
    const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (menu && toggle.hidden) {
      toggle.hidden = false;
      menu.classList.add("folding");
    }
  };

  document.addEventListener("click", (event) => {
    const toggle = event.target.closest?.(".menu-toggle");
    const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (menu) {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
    }
  });

  prepare();
  // Blazor's enhanced navigation puts the header back as the server wrote it (closed, button hidden): prepare it again.
  new MutationObserver(prepare).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "class"] });
})();
