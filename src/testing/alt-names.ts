/** subjectAltName entries of test certificates: dNSName and iPAddress, in DER. */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { tlv } from './der.js';

/** The 16 bytes of an IPv6 literal, `::` and embedded IPv4 tails expanded. */
const ipv6Bytes = (address: string): Buffer => {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined): string[] => {
    if (part === undefined || part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!isIPv4(group)) return [group];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  };
  const left = groups(head);
  const right = groups(tail);
  const all =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of all.entries()) bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2);
  return bytes;
};

/**
 * One subjectAltName entry: an iPAddress for IPv4/IPv6 literals, else a dNSName in its ASCII
 * (punycode) form, since a dNSName is an IA5String and clients compare the `xn--` form.
 */
export const generalName = (name: string): Buffer => {
  if (isIPv4(name)) return tlv(0x87, Buffer.from(name.split('.').map(Number)));
  if (isIPv6(name)) return tlv(0x87, ipv6Bytes(name));
  const ascii = domainToASCII(name);
  if (ascii === '') {
    throw new TypeError(
      `${JSON.stringify(name)} is not a host name or IP address; pass a name such as "shop.example.test" or an IP such as "::1"`,
    );
  }
  return tlv(0x82, Buffer.from(ascii, 'ascii'));
};
