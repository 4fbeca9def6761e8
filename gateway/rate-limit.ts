/**
 * Rate limits at the gateway: requests per minute per authenticated
 * organisation, and per client address for anonymous callers (in memory,
 * rate-limiter-flexible's RateLimiterMemory; one gateway process counts its
 * own requests). A request over the limit is refused before anything is
 * planned: HTTP 429, a `Retry-After` header (seconds) and code RATE_LIMITED.
 * A request with a token that fails verification counts against its address,
 * so bad tokens cannot be sent without limit either. 0 turns a limit off.
 *
 * Requests without a token are counted by `anonymous()`, in front of the
 * response cache, so answers served from the cache count too; signed-in
 * callers are counted once their token is verified (the gateway's context).
 */
import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../platform/auth';
import { HubError } from '../platform/errors';

export interface RateLimitConfig {
  /** Requests per minute from one client address without a token (0: no limit). */
  anonymousPerMinute: number;
  /** Requests per minute of one organisation's callers, all of them together (0: no limit). */
  organisationPerMinute: number;
}

export class RateLimits {
  private readonly byAddress?: RateLimiterMemory;
  private readonly byOrganisation?: RateLimiterMemory;

  constructor(private readonly config: RateLimitConfig) {
    if (config.anonymousPerMinute > 0) {
      this.byAddress = new RateLimiterMemory({ keyPrefix: 'anonymous', points: config.anonymousPerMinute, duration: 60 });
    }
    if (config.organisationPerMinute > 0) {
      this.byOrganisation = new RateLimiterMemory({ keyPrefix: 'organisation', points: config.organisationPerMinute, duration: 60 });
    }
  }

  /** Express middleware in front of `handler`: a request without an Authorization header counts against its address. */
  anonymous(handler: RequestHandler): RequestHandler {
    return (req, res, next) => {
      if (req.get('authorization') !== undefined) return handler(req, res, next);
      this.take(null, req, res).then(
        () => handler(req, res, next),
        (err: unknown) => {
          if (!(err instanceof HubError)) return next(err);
          const { http: _http, ...extensions } = err.extensions;
          res
            .status(429)
            .type('application/json')
            .send(JSON.stringify({ errors: [{ message: err.message, extensions }] }));
        },
      );
    };
  }

  /** Counts one request of `principal` (null: anonymous, counted by address); throws RATE_LIMITED when it is one too many. */
  async take(principal: Principal | null, req: Request, res: Response): Promise<void> {
    const [limiter, key, perMinute, who] = principal
      ? [this.byOrganisation, principal.org, this.config.organisationPerMinute, `organisation ${principal.org}`]
      : [this.byAddress, req.ip ?? req.socket.remoteAddress ?? 'unknown', this.config.anonymousPerMinute, 'this address (anonymous)'];
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new HubError(
        `Rate limit: ${who} sent more than ${perMinute.toLocaleString('en-US')} requests in a minute. Retry after ${seconds} s.`,
        'RATE_LIMITED',
        { limit: perMinute, retryAfter: seconds, http: { status: 429 } },
      );
    }
  }
}
