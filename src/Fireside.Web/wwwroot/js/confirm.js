// Buttons that remove something ask first. A form or button with data-confirm shows its question;
// without JavaScript the form posts as before.
document.addEventListener("submit", (event) => {
  const question = event.submitter?.dataset.confirm ?? event.target.dataset?.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
