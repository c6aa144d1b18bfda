// The language coach as you type. Progressive enhancement: without JavaScript the review page's
// language panel still lists every finding. Fields opt in with data-coach="markdown" or "plain".
(() => {
    const delay = 200;

    const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

    function attach(field) {
        if (field.dataset.coachReady) {
            return;
        }
        field.dataset.coachReady = "true";
        const kind = field.dataset.coach || "markdown";
        const isArea = field.tagName === "TEXTAREA";

        let backdrop = null;
        if (isArea) {
            const wrap = document.createElement("div");
            wrap.className = "coach-wrap";
            field.parentNode.insertBefore(wrap, field);
            backdrop = document.createElement("div");
            backdrop.className = "coach-backdrop";
            backdrop.setAttribute("aria-hidden", "true");
            wrap.appendChild(backdrop);
            wrap.appendChild(field);
            field.classList.add("coach-field");
            field.addEventListener("scroll", () => { backdrop.scrollTop = field.scrollTop; });
        }

        const notes = document.createElement("ul");
        notes.className = "coach-notes";
        notes.id = (field.id || field.name) + "-coach";
        notes.setAttribute("aria-live", "polite");
        notes.setAttribute("aria-label", "Language coach notes");
        (backdrop ? backdrop.parentNode : field).insertAdjacentElement("afterend", notes);
        const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        described.push(notes.id);
        field.setAttribute("aria-describedby", described.join(" "));

        let timer = 0;
        let sent = 0;
        const check = async () => {
            const text = field.value;
            const ticket = ++sent;
            try {
                const response = await fetch("/api/language/check", {
                    method: "POST",
                    credentials: "same-origin",
                    headers: { "Content-Type": "application/json", "Accept": "application/json" },
                    body: JSON.stringify({ text, kind }),
                });
                if (!response.ok || ticket !== sent) {
                    return;
                }
                const { findings } = await response.json();
                render(text, findings);
            } catch {
                // The coach is a helper: if it cannot be reached, writing goes on undisturbed.
            }
        };

        const render = (text, findings) => {
            if (backdrop) {
                let html = "";
                let at = 0;
                findings.forEach((f, i) => {
                    if (f.start < at) {
                        return;
                    }
                    html += escapeHtml(text.slice(at, f.start));
                    html += `<mark class="cat-${f.category}" data-index="${i}">${escapeHtml(text.slice(f.start, f.end))}</mark>`;
                    at = f.end;
                });
                html += escapeHtml(text.slice(at)) + "\n";
                backdrop.innerHTML = html;
                backdrop.scrollTop = field.scrollTop;
            }

            notes.innerHTML = findings.map((f, i) =>
                `<li tabindex="0" class="cat-${f.category}" data-index="${i}" data-testid="coach-note">` +
                `<strong>“${escapeHtml(f.text)}”</strong> <span class="chip cat-${f.category}">${escapeHtml(f.category)}</span> ` +
                `${escapeHtml(f.message)} <em>${escapeHtml(f.suggestion)}</em></li>`).join("");
            field.dataset.coachCount = String(findings.length);
        };

        const highlight = (event, on) => {
            const item = event.target.closest("li[data-index]");
            if (!item || !backdrop) {
                return;
            }
            const mark = backdrop.querySelector(`mark[data-index="${item.dataset.index}"]`);
            if (mark) {
                mark.classList.toggle("active", on);
            }
        };
        notes.addEventListener("focusin", (e) => highlight(e, true));
        notes.addEventListener("focusout", (e) => highlight(e, false));
        notes.addEventListener("mouseover", (e) => highlight(e, true));
        notes.addEventListener("mouseout", (e) => highlight(e, false));

        field.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(check, delay);
        });
        // Scripts that set a field's text themselves (the live meeting room) ask for a fresh look this way.
        field.addEventListener("fireside:refresh", () => {
            clearTimeout(timer);
            timer = setTimeout(check, delay);
        });
        if (field.value) {
            check();
        }
    }

    const start = () => document.querySelectorAll("[data-coach]").forEach(attach);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    // Blazor's enhanced navigation swaps pages without reloading scripts.
    if (window.Blazor && window.Blazor.addEventListener) {
        window.Blazor.addEventListener("enhancedload", start);
    } else {
        document.addEventListener("DOMContentLoaded", () => window.Blazor?.addEventListener?.("enhancedload", start));
    }
})();
