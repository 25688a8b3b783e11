// The live page: one EventSource (/events?symbol=S) sends a frame of what changed about ten times a second.
'use strict';
const state = {
  selected: null, symbols: [], rows: new Map(), aggregateMinutes: 0, interval: 1, chartData: null,
  frames: 0, source: null, rates: { t: [], rate: [], inbound: [], spill: [], dropped: [] }
};
const chart = echarts.init(document.getElementById('chart'), 'dark');
const rates = echarts.init(document.getElementById('rates'), 'dark');
window.liveView = { state, chart, rates };

function fmt(v, d) { return v === null || v === undefined ? '–' : Number(v).toFixed(d); }
function big(v) { return v === null || v === undefined ? '–' : Number(v).toLocaleString('en-US'); }

function connect() {
  if (state.source) { state.source.close(); }
  const url = '/events' + (state.selected ? '?symbol=' + encodeURIComponent(state.selected) : '');
  const source = new EventSource(url);
  state.source = source;
  source.onopen = () => { const c = document.getElementById('connection'); c.textContent = 'live'; c.className = 'live'; };
  source.onerror = () => { const c = document.getElementById('connection'); c.textContent = 'reconnecting…'; c.className = 'down'; };
  source.onmessage = (e) => { state.frames++; apply(JSON.parse(e.data)); };
}

function apply(frame) {
  if (frame.init) {
    state.aggregateMinutes = frame.init.aggregateMinutes;
    const n = document.getElementById('n-minute');
    n.hidden = !state.aggregateMinutes;
    n.textContent = state.aggregateMinutes + ' min';
    if (!state.selected) { select(frame.init.selected, false); }
    if (state.symbols.length === 0) { state.symbols = frame.init.symbols; frame.init.symbols.forEach(addRow); }
  }
  (frame.rows || []).forEach(updateRow);
  if (frame.chart && frame.chart.symbol === state.selected) { state.chartData = frame.chart; drawChart(); }
  if (frame.book && frame.book.symbol === state.selected) { drawBook(frame.book); }
  (frame.feed || []).forEach(addFeed);
  if (frame.health) { drawHealth(frame.health, frame.time); }
}

function addRow(symbol) {
  const tr = document.createElement('tr');
  tr.id = 'row-' + symbol;
  tr.dataset.symbol = symbol;
  tr.innerHTML = '<td>' + symbol + '</td><td class="last">–</td><td class="change">–</td><td class="volume">–</td>' +
    '<td class="bid">–</td><td class="ask">–</td><td><svg class="spark" viewBox="0 0 90 20"><polyline fill="none" stroke="#58a6ff" stroke-width="1.2"/></svg></td>';
  tr.addEventListener('click', () => select(symbol, true));
  if (symbol === state.selected) { tr.classList.add('selected'); }
  document.querySelector('#symbols tbody').appendChild(tr);
}

function updateRow(r) {
  const [symbol, close, open, volume, bid, ask, closes] = r;
  const tr = document.getElementById('row-' + symbol);
  if (!tr) { return; }
  tr.querySelector('.last').textContent = fmt(close, 2);
  const change = tr.querySelector('.change');
  if (close !== null && open) {
    const pct = (close - open) / open * 100;
    change.textContent = (pct >= 0 ? '+' : '') + pct.toFixed(2) + '%';
    change.className = 'change ' + (pct >= 0 ? 'up' : 'down');
  }
  tr.querySelector('.volume').textContent = big(volume);
  tr.querySelector('.bid').textContent = fmt(bid, 2);
  tr.querySelector('.ask').textContent = fmt(ask, 2);
  if (closes.length > 1) {
    const lo = Math.min(...closes), hi = Math.max(...closes), span = hi - lo || 1;
    const points = closes.map((c, i) => (i * 90 / (closes.length - 1)).toFixed(1) + ',' + (19 - (c - lo) / span * 18).toFixed(1));
    tr.querySelector('polyline').setAttribute('points', points.join(' '));
  }
}

function select(symbol, reconnect) {
  if (!symbol) { return; }
  state.selected = symbol;
  state.chartData = null;
  document.querySelectorAll('#symbols tr.selected').forEach(tr => tr.classList.remove('selected'));
  const tr = document.getElementById('row-' + symbol);
  if (tr) { tr.classList.add('selected'); }
  document.getElementById('sel-title').textContent = symbol;
  const book = document.getElementById('book');
  book.dataset.symbol = '';
  book.querySelector('tbody').innerHTML = '';
  chart.clear();
  if (reconnect) { connect(); }
}

function drawChart() {
  const d = state.chartData;
  const bars = state.interval === 1 ? d.bars : d.aggregateBars;
  const times = bars.map(b => new Date(b[0]).toISOString().substring(11, 16));
  const ema = new Map(d.indicators.map(i => [i[0], i]));
  const series = [{ name: d.symbol, type: 'candlestick', data: bars.map(b => [b[1], b[2], b[3], b[4]]),
    itemStyle: { color: '#3fb950', color0: '#f85149', borderColor: '#3fb950', borderColor0: '#f85149' } },
    { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: bars.map(b => b[5]), itemStyle: { color: '#3b4b5c' } }];
  if (state.interval === 1 && d.indicators.length) {
    series.push({ name: 'EMA(20)', type: 'line', showSymbol: false, data: bars.map(b => (ema.get(b[0]) || [])[1] ?? null), lineStyle: { width: 1 } });
    series.push({ name: 'RSI(14)', type: 'line', showSymbol: false, xAxisIndex: 2, yAxisIndex: 2, data: bars.map(b => (ema.get(b[0]) || [])[2] ?? null), lineStyle: { width: 1 } });
  }
  document.getElementById('sel-title').textContent = d.symbol + ' · ' + (state.interval === 1 ? '1-minute' : state.aggregateMinutes + '-minute') + ' bars';
  chart.setOption({
    backgroundColor: 'transparent', animation: false, legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    grid: [{ left: 50, right: 10, top: 24, height: '52%' }, { left: 50, right: 10, top: '68%', height: '12%' }, { left: 50, right: 10, top: '84%', height: '10%' }],
    xAxis: [0, 1, 2].map(i => ({ type: 'category', data: times, gridIndex: i, axisLabel: { show: i === 2 } })),
    yAxis: [{ scale: true, gridIndex: 0 }, { gridIndex: 1, splitNumber: 2 }, { gridIndex: 2, min: 0, max: 100, splitNumber: 2 }],
    series
  }, true);
}

function drawBook(book) {
  const table = document.getElementById('book');
  table.dataset.symbol = book.symbol;
  const bids = book.bids || [], asks = book.asks || [];
  let html = '';
  for (let i = 0; i < Math.max(bids.length, asks.length); i++) {
    const b = bids[i] || [null, null], a = asks[i] || [null, null];
    html += '<tr><td>' + big(b[1]) + '</td><td class="bid">' + fmt(b[0], 2) + '</td><td class="ask">' + fmt(a[0], 2) + '</td><td>' + big(a[1]) + '</td></tr>';
  }
  table.querySelector('tbody').innerHTML = html;
}

function addFeed(f) {
  const [time, error, kind, code, symbol, message] = f;
  const li = document.createElement('li');
  li.className = error ? 'error' : 'status';
  li.textContent = new Date(time).toLocaleTimeString() + ' ' + kind + (symbol ? ' ' + symbol : '') + (code ? ' (' + code + ')' : '') + ': ' + message;
  const feed = document.getElementById('feed');
  feed.insertBefore(li, feed.firstChild);
  while (feed.children.length > 100) { feed.removeChild(feed.lastChild); }
}

function drawHealth(h, time) {
  const kinds = Object.entries(h.errorsByKind).map(([k, v]) => k + ' ' + v).join(', ') || 'none';
  const items = [['messages/s', big(h.messagesPerSecond)], ['received', big(h.received)], ['processed', big(h.processed)],
    ['in flight', big(h.inFlight)], ['ring backlog', big(h.inboundBacklog)], ['results backlog', big(h.resultsBacklog)],
    ['spill backlog', big(h.spillBacklog)], ['spill bytes', big(h.spillBytes)], ['dropped', big(h.dropped)],
    ['rejected', big(h.rejected)], ['reconnects', big(h.reconnects)], ['listener errors', big(h.listenerErrors)],
    ['errors by kind', kinds], ['frames skipped', big(h.skippedFrames)]];
  document.getElementById('health').innerHTML = items.map(([k, v]) => '<dt>' + k + '</dt><dd>' + v + '</dd>').join('');
  document.getElementById('summary').textContent = big(h.received) + ' messages · ' + big(h.messagesPerSecond) + ' msg/s';
  const r = state.rates;
  r.t.push(new Date(time).toISOString().substring(11, 19)); r.rate.push(h.messagesPerSecond);
  r.inbound.push(h.inboundBacklog); r.spill.push(h.spillBacklog); r.dropped.push(h.dropped);
  if (r.t.length > 600) { Object.values(r).forEach(a => a.shift()); }
  if (state.frames % 5 === 0) {
    rates.setOption({
      backgroundColor: 'transparent', animation: false, legend: { top: 0, textStyle: { fontSize: 11 } }, tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 60, top: 24, bottom: 20 }, xAxis: { type: 'category', data: r.t },
      yAxis: [{ name: 'msg/s' }, { name: 'backlog' }],
      series: [{ name: 'messages/s', type: 'line', showSymbol: false, data: r.rate },
        { name: 'ring backlog', type: 'line', showSymbol: false, yAxisIndex: 1, data: r.inbound },
        { name: 'spill backlog', type: 'line', showSymbol: false, yAxisIndex: 1, data: r.spill },
        { name: 'dropped', type: 'line', showSymbol: false, yAxisIndex: 1, data: r.dropped }]
    });
  }
}

document.getElementById('one-minute').addEventListener('click', () => setInterval_(1));
document.getElementById('n-minute').addEventListener('click', () => setInterval_(state.aggregateMinutes));
function setInterval_(minutes) {
  state.interval = minutes;
  document.getElementById('one-minute').classList.toggle('on', minutes === 1);
  document.getElementById('n-minute').classList.toggle('on', minutes !== 1);
  if (state.chartData) { drawChart(); }
}
window.addEventListener('resize', () => { chart.resize(); rates.resize(); });
connect();
