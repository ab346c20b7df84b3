import { describe, expect, it } from 'vitest';
import { formValue, parseForm, queryUnescape } from './go-form.js';

const form = (method: string, contentType: string | undefined, body: string, rawQuery = '') =>
  parseForm({ method, contentType, rawQuery, body: Buffer.from(body, 'latin1') });

describe('Go ParseForm semantics', () => {
  it('parses urlencoded bodies with + and %XX', () => {
    const f = form('POST', 'application/x-www-form-urlencoded', 'message=hello+world%21&x=1');
    expect(f.error).toBeNull();
    expect(formValue(f, 'message').toString()).toBe('hello world!');
  });

  it('puts body values before query values', () => {
    const f = form(
      'POST',
      'application/x-www-form-urlencoded; charset=utf-8',
      'message=body',
      'message=query',
    );
    expect(formValue(f, 'message').toString()).toBe('body');
    expect(f.values.get('message')?.map(String)).toEqual(['body', 'query']);
  });

  it('reads the query for any method, the body only for urlencoded POST/PUT/PATCH', () => {
    expect(formValue(form('GET', undefined, '', 'message=q'), 'message').toString()).toBe('q');
    expect(
      formValue(form('GET', 'application/x-www-form-urlencoded', 'message=b'), 'message').length,
    ).toBe(0);
    const multipart = form(
      'POST',
      'multipart/form-data; boundary=X',
      '--X\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi\r\n--X--\r\n',
    );
    expect(formValue(multipart, 'message').length).toBe(0);
  });

  it('reports bad escapes and semicolons like url.ParseQuery, keeping the valid pairs', () => {
    const f = form('POST', 'application/x-www-form-urlencoded', 'a=%zz&message=ok');
    expect(f.error).toBe('invalid URL escape "%zz"');
    expect(formValue(f, 'message').toString()).toBe('ok');
    expect(form('POST', 'application/x-www-form-urlencoded', 'a=1;b=2').error).toBe(
      'invalid semicolon separator in query',
    );
    expect(form('POST', 'application/x-www-form-urlencoded', 'message=%4').error).toBe(
      'invalid URL escape "%4"',
    );
  });

  it('keeps raw bytes', () => {
    const r = queryUnescape(Buffer.from('%FF%00a'));
    expect(r.ok && [...r.value]).toEqual([0xff, 0x00, 0x61]);
  });
});
