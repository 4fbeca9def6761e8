import { describe, expect, it } from 'vitest';
import { signInCsp } from '../../scripts/identity/sign-in';

/** Browsers apply form-action to the redirects after the form: the sign-in page must allow the way back. */
describe("the development sign-in page's CSP", () => {
  const formAction = (csp: string) => /form-action ([^;]*)/.exec(csp)?.[1];

  it("allows the form to lead back to the client's redirect origin, and nothing else", () => {
    expect(formAction(signInCsp('http://localhost:4000/'))).toBe("'self' http://localhost:4000");
    expect(formAction(signInCsp('https://hub.example/dashboard/?x=1'))).toBe("'self' https://hub.example");
  });

  it('stays at self without a usable redirect URI', () => {
    expect(formAction(signInCsp())).toBe("'self'");
    expect(formAction(signInCsp('not a url'))).toBe("'self'");
    expect(formAction(signInCsp('javascript:alert(1)'))).toBe("'self'");
    expect(signInCsp()).toContain("default-src 'none'");
    expect(signInCsp()).toContain("frame-ancestors 'none'");
  });
});
