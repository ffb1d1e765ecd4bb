import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, checkpointHash, eventHash, GENESIS_HASH, payloadHash, sha256, streamOf, type ChainedEvent } from './rules.ts';

/** The same value with every object's keys in a different order, at every depth. */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(order(Object.keys(object)).map((k) => [k, reorderKeys(object[k], order)]));
}

/** canonicalJson's output with the string literals taken out: what is left is pure structure. */
const outsideStrings = (json: string) => json.replace(/"(?:[^"\\]|\\.)*"/g, '""');

const reverse = (keys: string[]) => [...keys].reverse();
const rotate = (keys: string[]) => (keys.length ? [...keys.slice(1), keys[0]!] : keys);

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('sorts keys by code unit, not numerically, and is not fooled by integer-like keys', () => {
    // A plain object enumerates integer-like keys first and numerically ({9, 10}); canonical order is by string.
    expect(canonicalJson({ 9: 'a', 10: 'b', B: 'c', a: 'd' })).toBe('{"10":"b","9":"a","B":"c","a":"d"}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('drops undefined in objects and writes it as null in arrays (as JSON.stringify does)', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe(canonicalJson({ b: 1 }));
    expect(canonicalJson([1, undefined, null])).toBe('[1,null,null]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: null })).toBe('{"a":null}'); // null is a value, kept
  });

  it('writes Dates as ISO strings, at any depth', () => {
    const at = new Date('2024-05-03T10:14:00.123Z');
    expect(canonicalJson(at)).toBe('"2024-05-03T10:14:00.123Z"');
    expect(canonicalJson({ at, list: [at] })).toBe('{"at":"2024-05-03T10:14:00.123Z","list":["2024-05-03T10:14:00.123Z"]}');
  });

  it('writes primitives as JSON does, escapes included', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson('é "q" \n')).toBe(JSON.stringify('é "q" \n'));
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });

  it.each([NaN, Infinity, -Infinity])('throws on %s, at any depth', (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, { b: n }] })).toThrow(/non-finite/);
  });

  it('property: any JSON value parses back to itself, with no whitespace outside strings, and is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        // JSON has no negative zero: -0 is written 0, as JSON.stringify does.
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(outsideStrings(json)).not.toMatch(/\s/);
        expect(canonicalJson(JSON.parse(json))).toBe(json);
      }),
    );
  });

  it('property: key order does not matter, at any depth (JSON values)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        expect(canonicalJson(reorderKeys(value, reverse))).toBe(json);
        expect(canonicalJson(reorderKeys(value, rotate))).toBe(json);
      }),
    );
  });

  it('property: key order does not matter, at any depth (objects with dates and undefined)', () => {
    const values = [fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true })];
    fc.assert(
      fc.property(fc.object({ values, maxDepth: 3 }), fc.func(fc.integer()), (object, rank) => {
        const shuffle = (keys: string[]) => [...keys].sort((a, b) => rank(a) - rank(b));
        expect(canonicalJson(reorderKeys(object, shuffle))).toBe(canonicalJson(object));
        expect(canonicalJson(reorderKeys(object, reverse))).toBe(canonicalJson(object));
      }),
    );
  });

  it('property: different key sets give different JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), fc.string(), (object, extra) => {
        fc.pre(!(extra in object) && !Object.hasOwn(object, extra));
        expect(canonicalJson({ ...object, [extra]: 0 })).not.toBe(canonicalJson(object));
      }),
    );
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes UTF-8', () => {
    expect(sha256('é')).toBe(sha256('\u00e9'));
    expect(sha256('é')).not.toBe(sha256('e\u0301')); // not normalised: the bytes decide
  });
});

describe('payloadHash', () => {
  it('is the sha256 of the canonical JSON', () => {
    expect(payloadHash({ b: 2, a: 1 })).toBe(sha256('{"a":1,"b":2}'));
  });

  it('ignores key order and undefined fields, but not values', () => {
    expect(payloadHash({ a: 1, b: { c: 2, d: 3 } })).toBe(payloadHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(payloadHash({ a: 1, gone: undefined })).toBe(payloadHash({ a: 1 }));
    expect(payloadHash({ a: 1 })).not.toBe(payloadHash({ a: 2 }));
    expect(payloadHash({ a: 1 })).not.toBe(payloadHash({ a: '1' }));
    expect(payloadHash({ a: null })).not.toBe(payloadHash({}));
  });
});

describe('eventHash', () => {
  const base: ChainedEvent = {
    stream: 'account:0190a0b0-0000-7000-8000-000000000001',
    seq: 1,
    actorId: '0190a0b0-0000-7000-8000-0000000000aa',
    action: 'account.created',
    recordedAt: new Date('2024-05-03T10:14:00.000Z'),
    payloadHash: payloadHash({ name: 'Boulangerie Martin' }),
  };

  it('is sha256(prev_hash ‖ canonical JSON of the event)', () => {
    const json =
      `{"action":"account.created","actorId":"${base.actorId}","payloadHash":"${base.payloadHash}",` +
      `"recordedAt":"2024-05-03T10:14:00.000Z","seq":1,"stream":"${base.stream}"}`;
    expect(eventHash(GENESIS_HASH, base)).toBe(sha256(GENESIS_HASH + json));
    expect(eventHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(eventHash(GENESIS_HASH, { ...base, recordedAt: new Date(base.recordedAt) })).toBe(eventHash(GENESIS_HASH, base));
  });

  const changes: Array<[string, Partial<ChainedEvent>]> = [
    ['stream', { stream: 'account:0190a0b0-0000-7000-8000-000000000002' }],
    ['seq', { seq: 2 }],
    ['actorId', { actorId: '0190a0b0-0000-7000-8000-0000000000bb' }],
    ['actorId (to the system)', { actorId: null }],
    ['action', { action: 'account.updated' }],
    ['recordedAt (one millisecond)', { recordedAt: new Date('2024-05-03T10:14:00.001Z') }],
    ['payloadHash', { payloadHash: payloadHash({ name: 'Boulangerie Martín' }) }],
  ];

  it.each(changes)('changes when %s changes', (_field, change) => {
    expect(eventHash(GENESIS_HASH, { ...base, ...change })).not.toBe(eventHash(GENESIS_HASH, base));
  });

  it('changes when prevHash changes', () => {
    const other = '1' + GENESIS_HASH.slice(1);
    expect(eventHash(other, base)).not.toBe(eventHash(GENESIS_HASH, base));
  });

  it('property: any two distinct events hash differently', () => {
    const event = fc.record({
      stream: fc.string({ minLength: 1 }),
      seq: fc.integer({ min: 1, max: 1_000_000 }),
      actorId: fc.option(fc.uuid(), { nil: null }),
      action: fc.string({ minLength: 1 }),
      recordedAt: fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }),
      payloadHash: fc.string().map(sha256),
    });
    fc.assert(
      fc.property(event, event, (a, b) => {
        const same =
          a.stream === b.stream &&
          a.seq === b.seq &&
          a.actorId === b.actorId &&
          a.action === b.action &&
          a.recordedAt.getTime() === b.recordedAt.getTime() &&
          a.payloadHash === b.payloadHash;
        expect(eventHash(GENESIS_HASH, a) === eventHash(GENESIS_HASH, b)).toBe(same);
      }),
    );
  });
});

describe('checkpointHash', () => {
  const heads: Array<[string, number, string]> = [
    ['account:a', 3, sha256('a3')],
    ['org', 7, sha256('o7')],
  ];

  it('is sha256(prev_hash ‖ canonical JSON of the heads)', () => {
    expect(checkpointHash(GENESIS_HASH, heads)).toBe(sha256(`${GENESIS_HASH}[["account:a",3,"${sha256('a3')}"],["org",7,"${sha256('o7')}"]]`));
  });

  it('changes with the previous checkpoint, any head, and the order of heads', () => {
    const h = checkpointHash(GENESIS_HASH, heads);
    expect(checkpointHash(h, heads)).not.toBe(h);
    expect(checkpointHash(GENESIS_HASH, [heads[0]!, ['org', 8, heads[1]![2]]])).not.toBe(h);
    expect(checkpointHash(GENESIS_HASH, [heads[0]!, ['org', 7, sha256('other')]])).not.toBe(h);
    expect(checkpointHash(GENESIS_HASH, [heads[0]!, ['org2', 7, heads[1]![2]]])).not.toBe(h);
    expect(checkpointHash(GENESIS_HASH, [heads[1]!, heads[0]!])).not.toBe(h);
    expect(checkpointHash(GENESIS_HASH, [heads[0]!])).not.toBe(h);
  });
});

describe('constants', () => {
  it('the genesis hash is 64 zeros and streams are kind:id', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(streamOf('account', 'abc')).toBe('account:abc');
  });
});
