import { badRequest } from './result.js';

/** A parsed request body: always a plain object by the time a route sees it. */
export type Body = Readonly<Record<string, unknown>>;

export const optionalString = (body: Body, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : badRequest(`'${key}' must be a string.`);
};

export const requiredString = (body: Body, key: string): string =>
  optionalString(body, key) ?? badRequest(`'${key}' is required.`);

export const optionalBool = (body: Body, key: string): boolean | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : badRequest(`'${key}' must be true or false.`);
};

export const optionalObject = (body: Body, key: string): Body | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  return isPlainObject(value) ? value : badRequest(`'${key}' must be an object.`);
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Passwords: 8 to 200 characters, no leading or trailing whitespace (per the API docs). */
export const checkPassword = (password: string, what = 'Password'): string => {
  if (password.length < 8) badRequest(`${what} must be at least 8 characters.`);
  if (password.length > 200) badRequest(`${what} must be at most 200 characters.`);
  if (password.trim() !== password) badRequest(`${what} must not start or end with whitespace.`);
  return password;
};

export const checkName = (name: string, pattern: RegExp, rule: string): string =>
  pattern.test(name) ? name : badRequest(`Invalid name '${name}': ${rule}`);

/**
 * A domain list as `POST /apps` and `POST /apps/:id` take it: a JSON array of strings. A JSON
 * object (what a re-keyed PHP array encodes to) is refused, as the real API refuses it.
 */
export const checkDomains = (value: unknown, maxDomains: number): string[] => {
  if (!Array.isArray(value)) return badRequest("'domains' must be an array of domain names.");
  if (value.length > maxDomains) {
    return badRequest(`An app can have at most ${maxDomains} domains; ${value.length} were given.`);
  }
  for (const d of value) {
    if (typeof d !== 'string') return badRequest("Every entry of 'domains' must be a string.");
    if (d === '' || /[\s/]/.test(d)) return badRequest(`Invalid domain '${d}'.`);
  }
  return [...(value as string[])];
};
