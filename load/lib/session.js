import http from 'k6/http';
import { AUTH_URL } from './config.js';

/** Registers a load-test customer (once) and logs in; returns the bearer token. */
export function login(prefix = 'k6') {
  const username = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const body = JSON.stringify({ username, password: 'k6 load test password' });
  const params = { headers: { 'content-type': 'application/json' } };
  const registered = http.post(`${AUTH_URL}/v1/auth/register`, body, params);
  if (registered.status !== 201 && registered.status !== 409) {
    throw new Error(`register failed: HTTP ${registered.status} ${registered.body}`);
  }
  const response = http.post(`${AUTH_URL}/v1/auth/login`, body, params);
  if (response.status !== 200)
    throw new Error(`login failed: HTTP ${response.status} ${response.body}`);
  return response.json('access_token');
}

/**
 * Logs in as orders' service account (ORDERS_SERVICE_USERNAME / ORDERS_SERVICE_PASSWORD, as
 * given to `npm start`): payments charges and refunds only for that identity.
 */
export function serviceLogin() {
  const username = __ENV.ORDERS_SERVICE_USERNAME;
  const password = __ENV.ORDERS_SERVICE_PASSWORD;
  if (!username || !password) {
    throw new Error('set ORDERS_SERVICE_USERNAME and ORDERS_SERVICE_PASSWORD (as for npm start)');
  }
  const params = { headers: { 'content-type': 'application/json' } };
  const response = http.post(
    `${AUTH_URL}/v1/auth/login`,
    JSON.stringify({ username, password }),
    params,
  );
  if (response.status !== 200)
    throw new Error(`service login failed: HTTP ${response.status} ${response.body}`);
  return response.json('access_token');
}

export function uuid() {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
