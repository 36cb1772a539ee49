/**
 * The few DER encodings an X.509 v3 certificate needs. Test certificates are built with node:crypto
 * and this writer rather than an X.509 library because the candidates either pull in a global
 * `reflect-metadata` polyfill (`@peculiar/x509`, and `selfsigned` through it) or a large pure-JS
 * crypto stack, neither of which belongs in a shipped `testing` entry. Every certificate written here
 * is checked by OpenSSL itself in the loopback TLS tests.
 */

const header = (tag: number, length: number): Buffer => {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
};

/** A TLV with the given tag byte around already-encoded content. */
export const tlv = (tag: number, ...content: readonly Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([header(tag, body.length), body]);
};

export const sequence = (...items: readonly Buffer[]): Buffer => tlv(0x30, ...items);
export const set = (...items: readonly Buffer[]): Buffer => tlv(0x31, ...items);
/** `[n] EXPLICIT`: a constructed context-specific tag around one element. */
export const explicit = (n: number, item: Buffer): Buffer => tlv(0xa0 | n, item);

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps it positive). */
export const unsignedInteger = (bytes: Buffer): Buffer => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const pad = (trimmed[0] ?? 0) & 0x80 ? Buffer.from([0]) : Buffer.alloc(0);
  return tlv(0x02, pad, trimmed);
};

export const smallInteger = (n: number): Buffer => unsignedInteger(Buffer.from([n]));

/** ASN.1 NULL: the parameters of an RSA signature algorithm. */
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

export const boolean = (value: boolean): Buffer => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);

export const oid = (dotted: string): Buffer => {
  const parts = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = parts;
  const bytes: number[] = [40 * first + second];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};

export const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
export const octetString = (content: Buffer): Buffer => tlv(0x04, content);
/** A BIT STRING whose last byte has `unusedBits` padding bits. */
export const bitString = (content: Buffer, unusedBits = 0): Buffer =>
  tlv(0x03, Buffer.from([unusedBits]), content);

const two = (n: number): string => String(n).padStart(2, '0');

/** UTCTime before 2050 and GeneralizedTime from 2050 on, as RFC 5280 requires. */
export const time = (date: Date): Buffer => {
  const year = date.getUTCFullYear();
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${two(year % 100)}${rest}`, 'ascii'))
    : tlv(0x18, Buffer.from(`${String(year).padStart(4, '0')}${rest}`, 'ascii'));
};

/** PEM armour with 64-character lines. */
export const pem = (label: string, der: Buffer): string => {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
};
