// The live meeting room: one SignalR connection per screen. The server sends "changed" when the room
// changes and "note" (with the note's key only) as notes are typed; this screen asks for the state and the note
// with its own rights and draws them.
// Notes typed here are kept in localStorage until the server confirms them, so nothing typed is lost when
// the connection drops, the page reloads, or another tab writes at the same time.
(() => {
  const root = document.querySelector("[data-room]");
  if (!root || !window.signalR) return;
  const reviewId = root.dataset.room;
  const mayNotes = root.dataset.mayNotes === "true";
  const mayRun = root.dataset.mayRun === "true";
  const $ = (selector) => root.querySelector(selector);
  const pendingKey = `fireside:room:${reviewId}:pending`;
  let snapshot = null;
  let receivedAt = 0;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/room")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();

  const status = (text) => { const el = $("[data-connection]"); if (el) el.textContent = text; };
  const showError = (error) => {
    const el = $("[data-room-error]");
    el.textContent = String(error?.message || error).replace(/^.*HubException: /, "");
    el.hidden = false;
    if (el.textContent.includes("sign-in has ended")) { signedOut = true; connection.stop(); return; }
    setTimeout(() => { el.hidden = true; }, 6000);
  };
  let signedOut = false;

  const clock = (seconds) => {
    const sign = seconds < 0 ? "−" : "";
    const s = Math.abs(Math.round(seconds));
    return `${sign}${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  const stateLabel = { running: "Running", paused: "Paused", ended: "Ended", waiting: "Waiting to start" };

  function tick() {
    if (!snapshot) return;
    const gone = snapshot.state === "running" ? (Date.now() - receivedAt) / 1000 : 0;
    $("[data-section-left]").textContent = clock(snapshot.sectionLeftSeconds - gone);
    $("[data-meeting-left]").textContent = clock(snapshot.meetingLeftSeconds - gone);
  }

  const noteKey = (scope) =>
    scope === "section" ? `section:${snapshot.section}` : snapshot.current ? `entry:${snapshot.current.id}` : null;

  function list(selector, items, draw) {
    const el = $(selector);
    if (!el) return;
    el.replaceChildren(...items.map((item) => { const li = document.createElement("li"); draw(li, item); return li; }));
  }

  function render(next) {
    snapshot = next;
    receivedAt = Date.now();
    $("[data-section-name]").textContent = next.agenda[next.section].name;
    $("[data-state]").textContent = stateLabel[next.state] || next.state;
    root.querySelectorAll("[data-section-index]").forEach((li) =>
      li.classList.toggle("current", Number(li.dataset.sectionIndex) === next.section));
    $("[data-current]").textContent = next.current ? next.current.label : "The story has not started on the timeline yet.";
    $("[data-pace]").textContent = !next.pace ? "" : next.pace.total === 0
      ? "No inflection points marked yet." : `${next.pace.covered} of ${next.pace.total} inflection points covered.`;
    const warning = $("[data-pace-warning]");
    // The pace warning is for the facilitator, who decides what to do with it.
    warning.textContent = mayRun ? next.pace?.warning || "" : "";
    warning.hidden = !mayRun || !next.pace?.warning;
    root.classList.toggle("in-questions", next.agenda[next.section].kind === "questions");
    list("[data-parking]", next.parkingLot, (li, item) => {
      li.textContent = `${item.text} `;
      const who = document.createElement("span");
      who.className = "hint";
      who.textContent = `(${item.raisedBy})`;
      li.append(who);
      li.classList.toggle("done", item.done);
      if (mayRun) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = item.done ? "Open again" : "Talked about";
        button.addEventListener("click", async () => {
          try { await connection.invoke("PinDone", reviewId, item.id, !item.done); } catch (error) { showError(error); }
        });
        li.append(" ", button);
      }
    });
    list("[data-attendance]", next.attendance, (li, name) => { li.textContent = name; });
    drawNotes();
    tick();
  }

  function drawNotes() {
    const view = $("[data-notes-view]");
    view.replaceChildren(...snapshot.notes.filter((n) => n.text).map((n) => {
      const p = document.createElement("p");
      const label = document.createElement("strong");
      const index = n.key.startsWith("section:") ? Number(n.key.slice(8)) : -1;
      label.textContent = `${index >= 0 && snapshot.agenda[index] ? snapshot.agenda[index].name : "A moment"}: `;
      p.append(label, n.text);
      return p;
    }));
    if (!mayNotes) return;
    const pending = readPending();
    root.querySelectorAll("[data-note-scope]").forEach((area) => {
      const key = noteKey(area.dataset.noteScope);
      // When the room moves on, the field now belongs to another part or moment: show that one's notes,
      // even mid-typing (what was typed is already kept under the previous key and saved).
      const moved = (area.dataset.key || "") !== (key || "");
      area.dataset.key = key || "";
      area.disabled = !key;
      if (!key || (!moved && document.activeElement === area)) return;
      area.value = pending[key] ?? snapshot.notes.find((n) => n.key === key)?.text ?? "";
      area.dispatchEvent(new Event("fireside:refresh"));
    });
  }

  const readPending = () => { try { return JSON.parse(localStorage.getItem(pendingKey) || "{}"); } catch { return {}; } };
  const writePending = (pending) => localStorage.setItem(pendingKey, JSON.stringify(pending));

  let saveTimer = null;
  async function flush() {
    const pending = readPending();
    const keys = Object.keys(pending);
    if (keys.length === 0) return;
    if (connection.state !== signalR.HubConnectionState.Connected) {
      $("[data-note-status]").textContent = "Offline: your notes are kept on this screen and saved when the connection is back.";
      return;
    }
    $("[data-note-status]").textContent = "Saving…";
    for (const key of keys) {
      const text = pending[key];
      try {
        const saved = await connection.invoke("SaveNote", reviewId, key, text);
        const now = readPending();
        if (now[key] === text) { delete now[key]; writePending(now); }
        const known = snapshot.notes.find((n) => n.key === key);
        if (known) known.text = saved.text; else snapshot.notes.push(saved);
      } catch (error) {
        $("[data-note-status]").textContent = "Not saved yet; it stays on this screen. " + String(error?.message || "").replace(/^.*HubException: /, "");
        return;
      }
    }
    $("[data-note-status]").textContent = "Saved.";
    drawNotes();
  }

  if (mayNotes) {
    root.querySelectorAll("[data-note-scope]").forEach((area) => area.addEventListener("input", () => {
      if (!area.dataset.key) return;
      const pending = readPending();
      pending[area.dataset.key] = area.value;
      writePending(pending);
      $("[data-note-status]").textContent = "Saving…";
      clearTimeout(saveTimer);
      saveTimer = setTimeout(flush, 300);
    }));
  }

  connection.on("changed", async () => {
    try { render(await connection.invoke("State", reviewId)); } catch (error) { showError(error); }
  });
  connection.on("note", async (key) => {
    if (!snapshot) return;
    let note;
    try { note = await connection.invoke("Note", reviewId, key); } catch (error) { showError(error); return; }
    if (!note) return;
    const known = snapshot.notes.find((n) => n.key === note.key);
    if (known) Object.assign(known, note); else snapshot.notes.push(note);
    drawNotes();
  });
  connection.onreconnecting(() => status("Reconnecting…"));
  connection.onreconnected(async () => { status("Live"); await join(); await flush(); });
  connection.onclose(() => status(signedOut ? "Signed out: sign in again to rejoin." : "Offline: reload the page to join again."));

  root.querySelectorAll("[data-action]").forEach((button) => button.addEventListener("click", async () => {
    try { await connection.invoke("Act", reviewId, button.dataset.action); } catch (error) { showError(error); }
  }));
  $("[data-pin]")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = event.target.querySelector("input");
    try { await connection.invoke("Pin", reviewId, input.value); input.value = ""; } catch (error) { showError(error); }
  });

  const reminder = $("[data-reminder]");
  $("[data-reminder-open]")?.addEventListener("click", async () => {
    reminder.hidden = false;
    reminder.focus();
    try { await reminder.requestFullscreen?.(); } catch { /* full screen is a nicety */ }
  });
  $("[data-reminder-close]")?.addEventListener("click", async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    reminder.hidden = true;
  });

  async function join() {
    render(await connection.invoke("Join", reviewId));
  }

  setInterval(tick, 1000);
  connection.start()
    .then(async () => { status("Live"); await join(); await flush(); })
    .catch((error) => { status("Offline: reload the page to join again."); showError(error); });
})();
