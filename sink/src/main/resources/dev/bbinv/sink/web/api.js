// The JSON API, relative to the page, with the token the user signed in with (kept for this browser session only).
import {el} from './dom.js';

const TOKEN_KEY = 'bbinv.api.token';

export class SignInRequired extends Error {}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers() {
  const t = token();
  return t ? {Authorization: 'Bearer ' + t} : {};
}

async function request(path) {
  const response = await fetch(path, {headers: headers(), cache: 'no-store'});
  if (response.status === 401) throw new SignInRequired();
  return response;
}

export async function getJson(path) {
  const response = await request(path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

/** Fetches a download with the token and hands it to the browser as a file. */
export async function download(path, filename) {
  const response = await request(path);
  if (!response.ok) throw new Error('the download failed: HTTP ' + response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A view's CSV and JSONL download buttons: each fetches path?query&format=csv|jsonl (the query holds the filters
 * only) as basename.csv or basename.jsonl; their ids are idPrefix + 'download-csv' and idPrefix + 'download-jsonl'.
 */
export function downloadButtons(path, query, basename, idPrefix = '') {
  const button = (format, label) => el('button', {type: 'button', id: `${idPrefix}download-${format}`,
    onclick: () => download(path + '?' + withFormat(query, format), `${basename}.${format}`)}, label);
  return el('div', {class: 'downloads'}, button('csv', 'Download CSV'), button('jsonl', 'Download JSONL'));
}

function withFormat(query, format) {
  const q = new URLSearchParams(query);
  q.set('format', format);
  return q.toString();
}

/** True when the API answers with this token (or without one, when none is set). */
export async function check(candidate) {
  const response = await fetch('health', {
    headers: candidate ? {Authorization: 'Bearer ' + candidate} : {}, cache: 'no-store'});
  return response.status !== 401;
}
