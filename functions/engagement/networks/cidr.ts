import { isIPv6 } from 'node:net';

/**
 * IPv4 and IPv6 addresses and CIDR ranges as numbers, for the published
 * network lists: reading and writing them in one canonical form, and merging
 * a list into the fewest ranges that cover it.
 */

export type Family = 4 | 6;

/** A CIDR range: every address from `first` to `last`, both included. */
export type Range = { family: Family; first: bigint; last: bigint; prefix: number };

const width = (family: Family) => (family === 4 ? 32 : 128);
const hostMask = (family: Family, prefix: number) => (1n << BigInt(width(family) - prefix)) - 1n;

/** An IPv4 address as a number, 0 to 2^32 - 1; undefined unless four decimal parts of 0 to 255 without leading zeros. */
export function ipv4Number(text: string): number | undefined {
  let value = 0;
  let part = -1;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      if (digits === 0) return undefined;
      value = value * 256 + part;
      part = -1;
      digits = 0;
      dots += 1;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && part === 0) return undefined; // a leading zero
      part = digits === 0 ? code - 48 : part * 10 + code - 48;
      digits += 1;
      if (part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + part;
}

/**
 * An IPv6 address as 32 lower-case hex digits, which order as the addresses
 * do; undefined unless an IPv6 address (a zone such as %eth0 is dropped).
 */
export function ipv6Hex(text: string): string | undefined {
  const zone = text.indexOf('%');
  let address = zone === -1 ? text : text.slice(0, zone);
  if (!isIPv6(address)) return undefined;
  const lastColon = address.lastIndexOf(':');
  if (address.includes('.', lastColon)) {
    // An IPv4 tail such as ::ffff:192.0.2.1 is the last two groups.
    const ipv4 = ipv4Number(address.slice(lastColon + 1));
    if (ipv4 === undefined) return undefined;
    address = `${address.slice(0, lastColon + 1)}${Math.floor(ipv4 / 65536).toString(16)}:${(ipv4 % 65536).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  if (groups.length !== 8) return undefined;
  return groups.map((group) => group.toLowerCase().padStart(4, '0')).join('');
}

/** An IPv4 or IPv6 address as a number; an IPv4-mapped IPv6 address (::ffff:192.0.2.1) is read as the IPv4 one. */
export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  const ipv4 = ipv4Number(text);
  if (ipv4 !== undefined) return { family: 4, value: BigInt(ipv4) };
  const hex = ipv6Hex(text);
  if (hex === undefined) return undefined;
  if (hex.startsWith(ipv4Mapped)) return { family: 4, value: BigInt(`0x${hex.slice(24)}`) };
  return { family: 6, value: BigInt(`0x${hex}`) };
}

/** The first 24 hex digits of an IPv4-mapped IPv6 address, ::ffff:0:0/96. */
export const ipv4Mapped = '00000000000000000000ffff';

/**
 * A CIDR range with its ends as keys that order as the addresses do and need
 * no BigInt, for fast loading: an IPv4 address as a number, an IPv6 one as 32
 * hex digits. `hostBitsSet` when the text had bits set past the prefix
 * ("17.1.2.3/8" reads as 17.0.0.0/8).
 */
export type CidrKeys =
  | { family: 4; prefix: number; first: number; last: number; hostBitsSet: boolean }
  | { family: 6; prefix: number; first: string; last: string; hostBitsSet: boolean };

/** Reads "17.0.0.0/8" or "2a02:26f7::/32"; anything else, a bare address included, is undefined. */
export function parseCidrKeys(text: string): CidrKeys | undefined {
  const slash = text.indexOf('/');
  if (slash === -1 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const prefix = Number(text.slice(slash + 1));
  const addressText = text.slice(0, slash);
  // An IPv4-mapped address written in IPv6 stays an IPv6 range here: its prefix counts 128 bits.
  const ipv4 = ipv4Number(addressText);
  if (ipv4 !== undefined) {
    if (prefix > 32) return undefined;
    const size = 2 ** (32 - prefix);
    const first = ipv4 - (ipv4 % size);
    return { family: 4, prefix, first, last: first + size - 1, hostBitsSet: first !== ipv4 };
  }
  const hex = ipv6Hex(addressText);
  if (hex === undefined || prefix > 128) return undefined;
  const whole = prefix >> 2;
  const bits = prefix & 3;
  const nibble = bits === 0 ? undefined : Number.parseInt(hex[whole]!, 16) & (0xf0 >> bits) & 0xf;
  const rest = 32 - whole - (bits === 0 ? 0 : 1);
  const first = `${hex.slice(0, whole)}${nibble === undefined ? '' : nibble.toString(16)}${'0'.repeat(rest)}`;
  const last = `${hex.slice(0, whole)}${nibble === undefined ? '' : (nibble | (0xf >> bits)).toString(16)}${'f'.repeat(rest)}`;
  return { family: 6, prefix, first, last, hostBitsSet: first !== hex };
}

/** The canonical text of a range read by `parseCidrKeys`, such as 17.0.0.0/8 or 2a02:26f7::/32. */
export function formatCidrKeys(cidr: CidrKeys): string {
  return `${cidr.family === 4 ? formatIpv4(cidr.first) : formatIpv6Hex(cidr.first)}/${cidr.prefix}`;
}

/** Reads "17.0.0.0/8" or "2a02:26f7::/32" as the range it names, host bits cleared; anything else, a bare address included, is undefined. */
export function parseCidr(text: string): (Range & { hostBitsSet: boolean }) | undefined {
  const cidr = parseCidrKeys(text);
  if (cidr === undefined) return undefined;
  const big = (key: number | string) => (typeof key === 'number' ? BigInt(key) : BigInt(`0x${key}`));
  return { family: cidr.family, first: big(cidr.first), last: big(cidr.last), prefix: cidr.prefix, hostBitsSet: cidr.hostBitsSet };
}

/** An address in its canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, the longest run of two or more zero groups as ::). */
export function formatAddress(family: Family, value: bigint): string {
  return family === 4 ? formatIpv4(Number(value)) : formatIpv6Hex(value.toString(16).padStart(32, '0'));
}

/** A range in its canonical text, such as 17.0.0.0/8 or 2a02:26f7::/32. */
export function formatCidr(range: Range): string {
  return `${formatAddress(range.family, range.first)}/${range.prefix}`;
}

function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

function formatIpv6Hex(hex: string): string {
  const groups = Array.from({ length: 8 }, (_, index) => Number.parseInt(hex.slice(index * 4, index * 4 + 4), 16));
  let best = { start: -1, length: 1 }; // RFC 5952: a single zero group is not shortened
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > best.length) best = { start, length };
  }
  const text = groups.map((group) => group.toString(16));
  if (best.start === -1) return text.join(':');
  return `${text.slice(0, best.start).join(':')}::${text.slice(best.start + best.length).join(':')}`;
}

/** IPv4 before IPv6, then by first address, then the wider range first. */
export function compareRanges(a: Range, b: Range): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  return a.prefix - b.prefix;
}

/**
 * The fewest ranges that cover exactly the addresses the given ones do: a
 * range inside another is dropped and two halves of one range become it
 * (40.92.0.0/16 and 40.93.0.0/16 become 40.92.0.0/15). Sorted by `compareRanges`.
 */
export function aggregate(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort(compareRanges);
  const merged: Range[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous !== undefined && previous.family === range.family && range.last <= previous.last) continue; // inside it
    merged.push(range);
    // Ranges come in order and overlap no kept one, so only the last two can be halves of one range.
    for (;;) {
      const right = merged.at(-1);
      const left = merged.at(-2);
      if (left === undefined || right === undefined || !areHalves(left, right)) break;
      merged.splice(-2, 2, { family: left.family, first: left.first, last: right.last, prefix: left.prefix - 1 });
    }
  }
  return merged;
}

function areHalves(left: Range, right: Range): boolean {
  if (left.family !== right.family || left.prefix !== right.prefix || left.prefix === 0) return false;
  return left.last + 1n === right.first && (left.first & hostMask(left.family, left.prefix - 1)) === 0n;
}
