/**
 * The development sign-in page of one organisation's provider: the developer
 * types who they are (the token's `sub`) and ticks roles; no password. The
 * provider's interaction machinery (oidc-provider) does the rest: the browser
 * goes back to the client with an authorization code. Consent is implied
 * (every client here is the hub's own), so signing in also grants.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { OrganisationTrust } from '../../platform/trust';
import { ROLES } from '../../platform/organisations';
import { originOf, type DevelopmentProvider } from './provider';

/** What a subject may look like on this page. */
const SUBJECT = /^[\w.@:+-]{1,100}$/;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(org: OrganisationTrust, action: string, clientId: string, error?: string): string {
  const roles = ROLES.map((r) => `<label><input type="checkbox" name="roles" value="${r}"> ${r}</label>`).join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Sign in: ${escapeHtml(org.name)} (development)</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; }
      fieldset { border: 1px solid #c8d0da; border-radius: 6px; margin: 1rem 0; }
      label { display: block; margin: .4rem 0; }
      input[type=text] { width: 100%; padding: .4rem; box-sizing: border-box; }
      button { padding: .5rem 1rem; }
      .note { color: #5a6775; font-size: .9rem; }
      .error { color: #a4262c; }
    </style>
  </head>
  <body>
    <h1>${escapeHtml(org.name)}</h1>
    <p class="note">Development identity provider of <strong>${escapeHtml(org.id)}</strong> (${escapeHtml(org.jurisdiction)}).
      Signing in for <strong>${escapeHtml(clientId)}</strong>. In a deployment this page is the organisation's own sign-in.</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="${escapeHtml(action)}/login">
      <label for="sub">Who are you? (subject)</label>
      <input type="text" id="sub" name="sub" value="dev-user" required pattern="[\\w.@:+\\-]{1,100}" autofocus>
      <fieldset>
        <legend>Roles</legend>
        ${roles}
      </fieldset>
      <button type="submit">Sign in</button>
    </form>
    <form method="post" action="${escapeHtml(action)}/abort"><button type="submit">Cancel</button></form>
  </body>
</html>`;
}

/**
 * The sign-in page's content security policy. `form-action` applies to the
 * redirects that follow a form's submission too (CSP Level 3; Chromium
 * enforces it), and signing in ends with a redirect to the client's redirect
 * URI, on another origin for the dashboard: with 'self' alone the browser
 * stops at the provider. The redirect URI was checked against the client's
 * registration when the authorization request arrived.
 */
export function signInCsp(redirectUri?: string): string {
  const back = redirectUri ? originOf(redirectUri) : undefined;
  const formAction = ["'self'", ...(back && /^https?:/.test(back) ? [back] : [])].join(' ');
  return `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'`;
}

/** `/interaction/:uid` (the page), `/interaction/:uid/login`, `/interaction/:uid/abort`, below the provider's mount path. */
export function signInRoutes(org: OrganisationTrust, mountPath: string, current: () => DevelopmentProvider): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const noStore = (_req: Request, res: Response, next: NextFunction) => {
    res.set('cache-control', 'no-store');
    res.set('content-security-policy', signInCsp());
    next();
  };

  router.get('/interaction/:uid', noStore, async (req, res, next) => {
    try {
      const { uid, params } = await current().provider.interactionDetails(req, res);
      // The form's answer redirects, through the provider, to the client's redirect URI:
      // browsers check form-action on every hop of that chain, so its origin is allowed too.
      res.set('content-security-policy', signInCsp(String(params.redirect_uri ?? '')));
      res.type('html').send(page(org, `${mountPath}/interaction/${uid}`, String(params.client_id)));
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/login', noStore, form, async (req, res, next) => {
    try {
      const { provider, rolesByGrant } = current();
      const details = await provider.interactionDetails(req, res);
      const body = req.body as { sub?: unknown; roles?: unknown };
      const sub = typeof body.sub === 'string' ? body.sub.trim() : '';
      const picked = ([] as unknown[]).concat(body.roles ?? []);
      const roles = ROLES.filter((r) => picked.includes(r));
      if (!SUBJECT.test(sub)) {
        res.set('content-security-policy', signInCsp(String(details.params.redirect_uri ?? '')));
        res
          .status(400)
          .type('html')
          .send(
            page(
              org,
              `${mountPath}/interaction/${details.uid}`,
              String(details.params.client_id),
              'Type a subject: letters, digits and . _ @ : + - only.',
            ),
          );
        return;
      }
      const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      grant.addResourceScope(org.audience, String(details.params.scope ?? ''));
      const grantId = await grant.save();
      rolesByGrant.set(grantId, roles);
      await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/abort', noStore, async (req, res, next) => {
    try {
      await current().provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The developer cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      next(err);
    }
  });
  return router;
}
