// Health only, until the live dashboard lands. A file, not an inline script: the CSP allows no inline code.
async function poll() {
  const el = document.getElementById('health');
  try {
    const r = await fetch('/health');
    el.textContent = (await r.json()).status;
  } catch (e) {
    el.textContent = 'disconnected';
  }
}
poll();
setInterval(poll, 5000);
