import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Range, aggregate, formatAddress, formatCidr, ipv4Number, ipv6Hex, parseAddress, parseCidr, parseCidrKeys } from '../../../../functions/engagement/networks/cidr.ts';

const ranges = (...texts: string[]) => texts.map((text) => parseCidr(text)!);
const merged = (...texts: string[]) => aggregate(ranges(...texts)).map(formatCidr);

describe('ipv4Number', () => {
  it.each([
    ['0.0.0.0', 0],
    ['40.92.0.1', 40 * 2 ** 24 + 92 * 2 ** 16 + 1],
    ['255.255.255.255', 2 ** 32 - 1],
  ])('reads %s', (text, value) => {
    expect(ipv4Number(text)).toBe(value);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1..2.3', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.-4', '1.2.3.4/32', '::1'])('refuses "%s"', (text) => {
    expect(ipv4Number(text)).toBeUndefined();
  });
});

describe('ipv6Hex', () => {
  it.each([
    ['::', '0'.repeat(32)],
    ['::1', `${'0'.repeat(31)}1`],
    ['2001:db8::', `20010db8${'0'.repeat(24)}`],
    ['2A02:26F7:C900:4000:0:0:0:2A', '2a0226f7c9004000000000000000002a'],
    ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201'],
    ['fe80::1%eth0', `fe80${'0'.repeat(27)}1`],
  ])('reads %s', (text, hex) => {
    expect(ipv6Hex(text)).toBe(hex);
  });

  it.each(['', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', '2001:db8::g', '40.92.0.1', '2001:db8::/32'])('refuses "%s"', (text) => {
    expect(ipv6Hex(text)).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it('reads an IPv4-mapped IPv6 address as the IPv4 one', () => {
    expect(parseAddress('::ffff:40.92.0.1')).toEqual(parseAddress('40.92.0.1'));
    expect(parseAddress('::ffff:40.92.0.1')?.family).toBe(4);
  });
});

describe('parseCidr and formatCidr', () => {
  it('reads the range a prefix names, first to last', () => {
    expect(parseCidr('40.92.0.0/15')).toMatchObject({ family: 4, prefix: 15, hostBitsSet: false });
    expect(formatAddress(4, parseCidr('40.92.0.0/15')!.last)).toBe('40.93.255.255');
    expect(formatAddress(6, parseCidr('2a04:4e41:1620::/45')!.last)).toBe('2a04:4e41:1627:ffff:ffff:ffff:ffff:ffff');
    expect(formatAddress(4, parseCidr('0.0.0.0/0')!.last)).toBe('255.255.255.255');
    expect(formatAddress(6, parseCidr('::/0')!.last)).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });

  it('clears host bits and says it did', () => {
    const range = parseCidr('17.1.2.3/8')!;

    expect([formatCidr(range), range.hostBitsSet]).toEqual(['17.0.0.0/8', true]);
    expect(formatCidr(parseCidr('2a02:26f7:c900:4000::2a/64')!)).toBe('2a02:26f7:c900:4000::/64');
    expect(formatCidr(parseCidr('2a04:4e41:1627::/45')!)).toBe('2a04:4e41:1620::/45');
  });

  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', '2001:db8::1/128'],
    ['2001:db8:0:1:1:1:1:1/128', '2001:db8:0:1:1:1:1:1/128'], // one zero group is not shortened
    ['2001:0:0:1:0:0:0:1/128', '2001:0:0:1::1/128'], // the longest run is
    ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'], // the first of two as long
    ['2A01:111:F400::/48', '2a01:111:f400::/48'],
  ])('writes %s as %s (RFC 5952)', (text, canonical) => {
    expect(formatCidr(parseCidr(text)!)).toBe(canonical);
  });

  it.each(['40.92.0.0', '40.92.0.0/33', '2001:db8::/129', '40.92.0.0/-1', '40.92.0.0/1.5', 'apple.com/8', '40.92.0/15', '40.92.0.0/15/1', ''])('refuses "%s"', (text) => {
    expect(parseCidr(text)).toBeUndefined();
    expect(parseCidrKeys(text)).toBeUndefined();
  });

  it('agrees with the BigInt reading on every prefix length', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (address, prefix) => {
        const keys = parseCidrKeys(`${address}/${prefix}`)!;
        const range = parseCidr(`${address}/${prefix}`)!;
        expect(BigInt(`0x${keys.first}`)).toBe(range.first);
        expect(BigInt(`0x${keys.last}`)).toBe(range.last);
        expect(range.last - range.first).toBe((1n << BigInt(128 - prefix)) - 1n);
      }),
    );
  });
});

describe('aggregate', () => {
  it('drops a range inside another and a repeat', () => {
    expect(merged('18.184.0.0/15', '18.184.203.224/27', '18.184.0.0/15')).toEqual(['18.184.0.0/15']);
  });

  it('joins two halves into the range they make, again and again', () => {
    expect(merged('40.92.0.0/16', '40.93.0.0/16')).toEqual(['40.92.0.0/15']);
    expect(merged('192.0.2.192/26', '192.0.2.0/26', '192.0.2.128/26', '192.0.2.64/26')).toEqual(['192.0.2.0/24']);
    expect(merged('2001:db8::/33', '2001:db8:8000::/33')).toEqual(['2001:db8::/32']);
  });

  it('keeps neighbours that are not two halves of one range', () => {
    expect(merged('104.28.86.0/27', '104.28.86.32/28', '104.28.86.48/30')).toEqual(['104.28.86.0/27', '104.28.86.32/28', '104.28.86.48/30']);
    expect(merged('192.0.2.32/27', '192.0.2.64/27')).toEqual(['192.0.2.32/27', '192.0.2.64/27']);
  });

  it('sorts IPv4 before IPv6, each by address', () => {
    expect(merged('2001:db8::/32', '203.0.113.0/24', '192.0.2.0/24', '::/128')).toEqual(['192.0.2.0/24', '203.0.113.0/24', '::/128', '2001:db8::/32']);
  });

  it('covers exactly the addresses it was given, in the fewest ranges', () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 })).map(([last, prefix]) => `192.0.2.${last}/${prefix}`);
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 30 }), (texts) => {
        const given = ranges(...texts);
        const result = aggregate(given);
        const inside = (list: readonly Range[], address: bigint) => list.some((range) => range.first <= address && address <= range.last);
        for (let last = 0n; last < 256n; last += 1n) {
          const address = parseAddress('192.0.2.0')!.value + last;
          expect(inside(result, address)).toBe(inside(given, address));
        }
        // Fewest: no two results overlap, and none are two halves of one range.
        result.forEach((range, index) => {
          const next = result[index + 1];
          if (next === undefined) return;
          expect(range.last < next.first).toBe(true);
          expect(merged(formatCidr(range), formatCidr(next))).toHaveLength(2);
        });
      }),
    );
  });
});
