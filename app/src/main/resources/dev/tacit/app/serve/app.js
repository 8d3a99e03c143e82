// The page of 'tacit serve': pick or type a user, see the items the model ranks highest for them.
// It talks only to the server that sent it (GET /health, GET /users, POST /recommend) and writes every value with
// textContent, never as HTML, since ids and titles come from the user's data.
'use strict';

const byId = (id) => document.getElementById(id);

/** Fetches JSON; a non-2xx answer becomes an Error carrying the server's message. */
async function fetchJson(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : 'the server answered ' + response.status);
  }
  return body;
}

function say(text, isError) {
  const message = byId('message');
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

async function describeModel() {
  try {
    const health = await fetchJson('/health');
    byId('model').textContent = (health.kind === 'lnn' ? 'Linear network' : 'Embedding model') + ' of '
        + health.users + ' users and ' + health.items + ' items; ratings from ' + health.rating_range[0] + ' to '
        + health.rating_range[1] + '.';
    byId('results').classList.toggle('no-titles', !health.titles);
  } catch (e) {
    byId('model').textContent = 'The server cannot describe its model: ' + e.message;
  }
}

let suggestion = 0;

/** Offers the ids that start with what is typed (the first 20), newest request wins. */
async function suggestUsers() {
  const ask = ++suggestion;
  const prefix = byId('user').value.trim();
  try {
    const data = await fetchJson('/users?limit=20&prefix=' + encodeURIComponent(prefix));
    if (ask !== suggestion) {
      return;
    }
    const options = data.users.map((id) => {
      const option = document.createElement('option');
      option.value = id;
      return option;
    });
    byId('user-list').replaceChildren(...options);
  } catch (e) {
    // Suggestions are a convenience: the form still works without them.
  }
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
}

function show(answer) {
  const rows = answer.items.map((item, k) => {
    const row = document.createElement('tr');
    cell(row, String(k + 1), 'num');
    cell(row, item.item);
    cell(row, item.title || '', 'title-col');
    cell(row, item.score.toFixed(2), 'num');
    return row;
  });
  byId('results').tBodies[0].replaceChildren(...rows);
  byId('results').hidden = rows.length === 0;
  say(rows.length === 0 ? 'No items left to recommend to user ' + answer.user + '.'
      : 'The ' + rows.length + ' items ranked highest for user ' + answer.user + ':', false);
}

async function recommend(event) {
  event.preventDefault();
  const user = byId('user').value.trim();
  const top = Number(byId('top').value);
  if (user === '') {
    say('Type or pick a user id.', true);
    return;
  }
  say('Ranking the items for user ' + user + '…', false);
  try {
    const answer = await fetchJson('/recommend', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({user: user, top: top, include_seen: byId('include-seen').checked}),
    });
    show(answer);
  } catch (e) {
    byId('results').hidden = true;
    byId('results').tBodies[0].replaceChildren();
    say(e.message, true);
  }
}

/** A link such as /?user=196&top=5 opens the page with that user's recommendations shown. */
function askFromLink() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('top')) {
    byId('top').value = params.get('top');
  }
  if (params.has('user')) {
    byId('user').value = params.get('user');
    byId('ask').requestSubmit();
  }
}

document.addEventListener('DOMContentLoaded', () => {
  byId('ask').addEventListener('submit', recommend);
  byId('user').addEventListener('input', suggestUsers);
  describeModel();
  suggestUsers();
  askFromLink();
});
