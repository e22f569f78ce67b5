import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { actionReplyValid } from '@/modules/security/action-reply';
import { checkFormBody } from '@/modules/security/body-check';

// React's own encoder (the one the browser uses to call a Server Action), so real replies are what is tested.
const { encodeReply } = createRequire(import.meta.url)('next/dist/compiled/react-server-dom-webpack/client.node') as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

async function bytesOf(body: string | FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const response = new Response(body);
  return { bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get('content-type')!.toLowerCase() };
}

async function valid(body: string | FormData): Promise<boolean> {
  const { bytes, type } = await bytesOf(body);
  return actionReplyValid(bytes, type);
}

describe('action reply check (proxy)', () => {
  it('accepts what React encodes: a form with files and a previous state, plain values, maps and sets', async () => {
    const form = new FormData();
    form.set('title', '$money');
    form.append('lots', 'a');
    form.append('lots', 'b');
    form.set('logo', new Blob([new Uint8Array([1, 2, 3])]), 'logo.png');
    expect(await valid(await encodeReply([{ errors: {}, values: { a: '$x' }, when: new Date(0) }, form]))).toBe(true);
    expect(await valid(await encodeReply(['x', 1, null, undefined, 10n, -0, Number.NaN, Infinity]))).toBe(true);
    expect(await valid(await encodeReply([new Map([['a', 1]]), new Set([1])]))).toBe(true);
    expect(await valid(await encodeReply([]))).toBe(true);
  });

  it('reads a browser multipart reply by its boundary as sent (Chromium mixes cases; the proxy once lowercased it)', () => {
    const boundary = '----WebKitFormBoundaryL4bFhre7rYqIpvcr';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="_1_userId"', '', 'u-1', `--${boundary}`, 'Content-Disposition: form-data; name="0"', '', '["$K1"]', `--${boundary}--`, ''].join('\r\n');
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(actionReplyValid(new TextEncoder().encode(body), type)).toBe(true);
    expect(actionReplyValid(new TextEncoder().encode(body), type.toLowerCase())).toBe(false);
  });

  it('refuses what made Next answer 500: broken JSON, a root that is not a list, pointers to nothing', async () => {
    expect(await valid('{{{[')).toBe(false);
    expect(await valid('{"a":')).toBe(false);
    expect(await valid('"x"')).toBe(false);
    expect(await valid('{"$$typeof":1}')).toBe(false);
    expect(await valid('["$Q1"]')).toBe(false);
    expect(await valid('["$@1"]')).toBe(false);
    expect(await valid('["$1"]')).toBe(false);
    expect(await valid(`["$n${'9'.repeat(301)}"]`)).toBe(false);
    const noRoot = new FormData();
    noRoot.set('a', '1');
    expect(await valid(noRoot)).toBe(false);
    const badRoot = new FormData();
    badRoot.set('0', '[{');
    expect(await valid(badRoot)).toBe(false);
    const dangling = new FormData();
    dangling.set('0', '["$Q5"]');
    expect(await valid(dangling)).toBe(false);
    const badPart = new FormData();
    badPart.set('0', '["$Q1"]');
    badPart.set('1', '[[');
    expect(await valid(badPart)).toBe(false);
  });
});

describe('form bodies as a browser sends them', () => {
  // Chromium's multipart boundary, capitals included, with the body of its call to a sign-in action.
  const boundary = '----WebKitFormBoundaryKpO85WsiIVQ5WBAz';
  const body = (value: string) =>
    new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="_1_$ACTION_ID_40224a"\r\n\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="_1_userId"\r\n\r\n${value}\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--${boundary}--\r\n`,
    );
  const type = `multipart/form-data; boundary=${boundary}`;

  it('a real call passes, whatever the case of its boundary', () => {
    expect(actionReplyValid(body('f030021a-3416-48ed-893d-d5394cb1f3a3'), type)).toBe(true);
  });

  it("the fields of a browser's form are checked for NUL and bidi overrides", () => {
    expect(checkFormBody(body('nul\u0000byte'), type)).toBe('nul');
    expect(checkFormBody(body('invoice\u202Efdp.exe'), type)).toBe('override');
    expect(checkFormBody(body('fine'), type)).toBeNull();
  });
});
