// The dashboard: signs in with the token (POST /api/session sets an HttpOnly cookie), loads the
// state over the REST API, then follows the bot live over the SockJS bridge (ui.* addresses).
// Every control writes through PUT /api/funds. Text goes into the page with textContent only.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  let feed = null;
  let funds = null;
  let status = null;
  const equity = [[], []];
  let chart = null;
  const orders = [];

  // ---------- helpers ----------
  function fmt(v, digits = 2) {
    if (v === null || v === undefined) return '—';
    const n = Number(v);
    return Number.isFinite(n) ? n.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits}) : String(v);
  }
  function age(ms) {
    if (ms === null || ms === undefined) return '—';
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }
  function fill(tbodyParent, rows) {
    const tbody = $(tbodyParent).querySelector('tbody');
    tbody.replaceChildren(...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const c of cells) {
        const td = document.createElement('td');
        const cell = (c !== null && typeof c === 'object') ? c : {text: c};
        td.textContent = cell.text === undefined || cell.text === null ? '—' : String(cell.text);
        if (cell.num) td.className = 'num';
        if (cell.sign !== undefined && Number(cell.sign) !== 0) td.classList.add(Number(cell.sign) > 0 ? 'pos' : 'neg');
        tr.appendChild(td);
      }
      return tr;
    }));
  }
  const money = (v) => ({text: fmt(v), num: true, sign: v});
  async function api(path, options = {}) {
    const r = await fetch(path, {credentials: 'same-origin', ...options});
    if (r.status === 401) { signedOut(); throw new Error('signed out'); }
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }
  function badge(el, text, cls) { el.textContent = text; el.className = 'badge ' + (cls || ''); }

  // ---------- sign in ----------
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('signin-error').textContent = '';
    const r = await fetch('/api/session', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: $('token').value})});
    $('token').value = '';
    if (!r.ok) { $('signin-error').textContent = 'That token was not accepted.'; return; }
    start();
  });
  function signedOut() {
    if (feed) { feed.close(); feed = null; }
    $('dashboard').hidden = true;
    $('signin').hidden = false;
    badge($('conn'), 'signed out', 'off');
  }

  // ---------- start ----------
  async function start() {
    try {
      await Promise.all([loadFunds(), loadStatus(), loadEquity(), loadTrades(), loadKpis(), loadLearning(), loadAudit()]);
      await loadPortfolio();
    } catch (e) { return; }
    $('signin').hidden = true;
    $('dashboard').hidden = false;
    if (!feed) {
      feed = new BridgeFeed('/eventbus', ['ui.status', 'ui.portfolio', 'ui.trade', 'ui.order', 'ui.funds'], onMessage, onConn);
    }
  }
  function onConn(state) {
    badge($('conn'), state === 'connected' ? 'live' : state, state === 'connected' ? 'ok' : 'off');
    // After a restart the old session is gone: the REST call tells, and the page asks to sign in again.
    if (state === 'connected') Promise.all([loadFunds(), loadAudit(), loadTrades(), loadEquity()]).catch(() => {});
  }
  function onMessage(address, body) {
    switch (address) {
      case 'ui.status': renderStatus(body); break;
      case 'ui.portfolio': renderPortfolio(body); break;
      case 'ui.trade': loadTrades().catch(() => {}); loadKpis().catch(() => {}); loadLearning().catch(() => {}); break;
      case 'ui.order': orders.unshift(body); orders.length = Math.min(orders.length, 30); renderOrders(); break;
      case 'ui.funds': renderFunds(body); loadAudit().catch(() => {}); break;
    }
  }

  // ---------- funds controls ----------
  async function loadFunds() { renderFunds(await api('/api/funds')); }
  function renderFunds(f) {
    funds = f;
    $('allow-funds').checked = f.allow_funds;
    $('paused').checked = f.paused;
    for (const el of document.querySelectorAll('[data-asset]')) el.checked = !!f.asset_classes[el.dataset.asset];
    $('max-pair').value = String(f.max_pair_pct);
    $('strategy-mode').value = f.strategy_mode;
  }
  async function change(delta, what) {
    $('controls-msg').textContent = '';
    try {
      renderFunds(await api('/api/funds', {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(delta)}));
      $('controls-msg').textContent = what + ' saved.';
      loadAudit().catch(() => {});
    } catch (e) {
      $('controls-msg').textContent = what + ' not changed: ' + e.message;
      if (funds) renderFunds(funds);
    }
  }
  $('allow-funds').addEventListener('change', (e) => {
    if (e.target.checked) {
      const on = Object.entries(funds.asset_classes).filter(([, v]) => v).map(([k]) => k);
      const venues = status && status.live_venues ? status.live_venues.map((v) => v.name + (v.ready ? ' (ready)' : ' (not ready: stays paper)')) : [];
      const msg = 'Allow the bot to use real funds?\n\nAsset classes that would trade live: ' + (on.join(', ') || 'none') +
        '\nLive venues: ' + (venues.join(', ') || 'none configured: every order stays paper') +
        '\nOnly (asset class, mode) pairs that pass their KPI gates use live funds.';
      if (!window.confirm(msg)) { e.target.checked = false; return; }
    }
    change({allow_funds: e.target.checked}, 'Allow Bot To Use Funds');
  });
  $('paused').addEventListener('change', (e) => change({paused: e.target.checked}, 'Pause all'));
  for (const el of document.querySelectorAll('[data-asset]')) {
    el.addEventListener('change', (e) => change({asset_classes: {[el.dataset.asset]: e.target.checked}}, el.dataset.asset + ' switch'));
  }
  $('max-pair').addEventListener('change', (e) => change({max_pair_pct: Number(e.target.value)}, 'Max Pair %'));
  $('strategy-mode').addEventListener('change', (e) => change({strategy_mode: e.target.value}, 'Strategy Mode'));

  // ---------- status ----------
  async function loadStatus() { renderStatus(await api('/api/status')); }
  function renderStatus(s) {
    status = s;
    badge($('mode'), s.mode, s.mode === 'PAPER' ? '' : 'warn');
    badge($('session'), 'session ' + (s.session || '—'));
    const md = (s.market_data || []).map((m) => m.source + ': ' + m.state +
      (m.connections && m.connections.length ? ' (' + m.connections.map((c) => c.category + ' ' + c.state + ', ' + c.reconnects + ' reconnects').join('; ') + ')' : ''));
    $('market-data').textContent = 'Market data: ' + (md.join(' · ') || '—');
    fill('symbols', (s.symbols || []).map((y) => {
      const regimes = y.regime ? Object.entries(y.regime).map(([tf, r]) => tf + ' ' + r.regime).join(', ') : '—';
      return [y.symbol, y.asset_class, {text: fmt(y.last_price, 2), num: true}, (y.stale ? 'STALE ' : '') + age(y.data_age_ms),
        regimes, y.session, y.strategy ? y.strategy.mode : null, y.strategy ? y.strategy.note : null];
    }));
    $('halts').textContent = (s.halts && s.halts.length) ? 'Halts: ' + s.halts.join(' · ') : '';
    fill('classes', Object.entries(s.asset_classes || {}).map(([c, a]) => [c, a.enabled ? 'on' : 'off', a.symbols,
      a.open_positions, a.idle_reason || 'trading']));
  }

  // ---------- portfolio ----------
  async function loadPortfolio() { renderPortfolio(await api('/api/portfolio')); }
  function renderPortfolio(p) {
    $('total-equity').textContent = fmt(p.total_equity);
    fill('ledgers', p.sub_ledgers.map((l) => [l.asset_class, money(l.equity), money(l.cash), money(l.cap),
      money(l.realized_net_pnl), money(l.unrealized_pnl), l.halted ? 'HALTED ' + (l.halt_reason || '') : 'no']));
    fill('positions', p.positions.map((q) => [q.symbol, q.asset_class, q.side, {text: q.qty, num: true},
      {text: q.leverage === undefined ? '—' : fmt(q.leverage, 2) + '×', num: true}, money(q.entry_price),
      money(q.stop_price), money(q.last_price), money(q.unrealized_pnl), q.paper ? 'paper' : 'LIVE']));
    // The curve runs in event time (a replay's history is years old): marks join it as the market's clock moves.
    if (p.event_time) addEquityPoint(Date.parse(p.event_time) / 1000, Number(p.total_equity));
  }
  function addEquityPoint(t, v) {
    const n = equity[0].length;
    if (n && t <= equity[0][n - 1]) return;
    equity[0].push(t);
    equity[1].push(v);
    if (equity[0].length > 5000) { equity[0].shift(); equity[1].shift(); }
    drawEquity();
  }
  // The booked history (one point per booking) from before the page opened.
  async function loadEquity() {
    const h = await api('/api/equity?limit=2000');
    equity[0].length = 0;
    equity[1].length = 0;
    for (const q of h.points) addEquityPoint(Date.parse(q.at) / 1000, Number(q.total_equity));
    if (!h.points.length) drawEquity();
  }
  function drawEquity() {
    const el = $('equity-chart');
    if (!chart) {
      chart = new uPlot({width: Math.max(300, el.clientWidth || 800), height: 220,
        series: [{}, {label: 'Total equity', stroke: '#0969da'}], axes: [{}, {size: 90}]}, equity, el);
    } else {
      chart.setData(equity);
    }
  }

  // ---------- orders, trades ----------
  function renderOrders() {
    fill('orders', orders.map((o) => [o.at, o.symbol, o.side + (o.entry ? ' entry' : ' exit'), o.status,
      {text: o.qty, num: true}, money(o.price), money(o.fee), o.status === 'REJECTED' ? o.stage + ': ' + o.reason : (o.paper ? 'paper' : 'LIVE')]));
  }
  async function loadTrades() {
    const t = await api('/api/trades?limit=50');
    fill('trades', t.trades.map((x) => [x.exit_time, x.symbol, x.mode, x.regime, money(x.gross_pnl), money(x.fees),
      money(x.slippage), money(x.net_pnl), {text: fmt(x.signal_score, 3), num: true}, x.paper ? 'paper' : 'LIVE']));
  }

  // ---------- KPIs, learner, audit ----------
  async function loadKpis() {
    const k = await api('/api/kpis');
    fill('kpis', k.kpis.map((r) => [r.asset_class, r.mode, {text: r.trades, num: true}, {text: fmt(r.sharpe), num: true},
      {text: fmt(r.sortino), num: true}, {text: fmt(r.calmar), num: true}, {text: fmt(r.max_drawdown, 4), num: true},
      {text: fmt(r.win_rate, 3), num: true}, r.eligible_live ? 'PASS' : 'no', (r.reasons || []).join('; ')]));
  }
  async function loadLearning() {
    const l = await api('/api/learning');
    const sc = l.signal_score || {};
    $('learning-summary').textContent = 'Selector ' + l.selector + ' · trades learned up to #' + l.last_trade_id +
      ' · signal score: ' + (sc.source || '—') + ' (' + (sc.trades_learned || 0) + ' of ' + (sc.min_trades || 0) + ' trades)';
    const rows = [];
    for (const c of l.contexts) {
      for (const m of c.modes) {
        rows.push([c.asset_class + ' ' + c.regime + ' ' + c.session, {text: c.decisions, num: true}, {text: c.stayed_flat, num: true},
          m.mode, {text: fmt(m.estimate, 1), num: true, sign: m.estimate}, {text: fmt(m.uncertainty, 1), num: true},
          {text: m.picks, num: true}, {text: fmt(m.pick_rate * 100, 0) + ' %', num: true}]);
      }
    }
    fill('learning', rows);
  }
  async function loadAudit() {
    const a = await api('/api/audit');
    fill('audit', a.entries.slice(0, 50).map((e) => [e.at, e.who, e.what]));
  }

  // ---------- background ----------
  setInterval(() => {
    if ($('dashboard').hidden) return;
    loadKpis().catch(() => {});
    loadLearning().catch(() => {});
  }, 15000);
  async function health() {
    try {
      const h = await (await fetch('/health')).json();
      badge($('health'), 'health ' + h.status, h.status === 'UP' ? 'ok' : 'warn');
    } catch (e) {
      badge($('health'), 'bot unreachable', 'off');
    }
  }
  health();
  setInterval(health, 5000);
  // A session cookie from before a reload may still be valid: try the API straight away.
  start().catch(() => {});
})();
