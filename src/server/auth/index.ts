/**
 * Who is calling. With AIDE_AUTH=entra the bearer token is an Entra ID access token validated with jose: signature
 * against the tenant's published keys (or AIDE_AUTH_JWKS_URL), issuer, audience, expiry and allowed tenants. With
 * AIDE_AUTH=off (loopback only, refused otherwise by the config) every request is the anonymous local user, and every
 * start says so in the log.
 * Other plugins read `request.aideUser` and guard routes with `requireUser` / `requireRole`; when the token is
 * refused, `request.aideAuthError` holds the precise reason, which the 401 answer carries.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AideConfig } from '../config';

/** Entra ID's public cloud (AIDE_AUTH_AUTHORITY changes it). */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

export interface AideUser {
  /** Entra object id (used for per-user limits and the access log only; never in metrics). */
  oid: string | null;
  tid: string | null;
  roles: string[];
  /** True when AIDE_AUTH=off: the local trial user, allowed everything. */
  local: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    aideUser: AideUser | null;
    /** Why authentication failed, when it did (for the 401 message). */
    aideAuthError: string | null;
  }
}

/** Thrown by `verifyEntraToken`: the message is the reason shown to the user / administrator. */
export class AuthRefusal extends Error {}

export type TokenVerifier = (token: string) => Promise<AideUser>;

/** The tenants whose users may call (AIDE_AUTH_ALLOWED_TENANTS, else the configured tenant). */
export function allowedTenants(config: AideConfig): string[] {
  return config.authAllowedTenants.length > 0 ? config.authAllowedTenants : config.authTenantId ? [config.authTenantId] : [];
}

/** The audiences accepted: AIDE_AUTH_AUDIENCE, else the client id in both forms Entra puts in `aud` (v2 / v1). */
export function expectedAudiences(config: AideConfig): string[] {
  if (config.authAudience) return [config.authAudience];
  return config.authClientId ? [config.authClientId, `api://${config.authClientId}`] : [];
}

/** Entra issues v2 tokens as login.microsoftonline.com/{tid}/v2.0, and v1 tokens (the default for a new API) as sts.windows.net/{tid}/. */
export function expectedIssuers(config: AideConfig, tid: string): string[] {
  if (config.authIssuer) return [config.authIssuer.replace('{tid}', tid)];
  // sts.windows.net is the v1 issuer of the public cloud only; a national cloud issues v2 tokens from its own host.
  if (config.authAuthority && config.authAuthority !== DEFAULT_AUTHORITY) return [`${config.authAuthority}/${tid}/v2.0`];
  return [`${DEFAULT_AUTHORITY}/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
}

export function jwksUrl(config: AideConfig): string {
  if (config.authJwksUrl) return config.authJwksUrl;
  // One tenant: its own keys. Several: Entra's common keys, which sign for every tenant.
  const tenant = allowedTenants(config).length > 1 ? 'common' : (config.authTenantId ?? 'common');
  return `${config.authAuthority ?? DEFAULT_AUTHORITY}/${tenant}/discovery/v2.0/keys`;
}

export function createTokenVerifier(config: AideConfig): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(jwksUrl(config)), { timeoutDuration: 5000, cooldownDuration: 30000 });
  const tenants = allowedTenants(config);
  const audiences = expectedAudiences(config);
  return async (token: string): Promise<AideUser> => {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new AuthRefusal('The access token is malformed (not a JWT); sign in again.');
    }
    const tid = typeof claims.tid === 'string' ? claims.tid : null;
    if (!tid) throw new AuthRefusal('The access token has no tenant (tid claim); it was not issued by Entra ID.');
    if (!tenants.includes(tid)) throw new AuthRefusal(`The access token is from tenant ${tid}, which is not allowed on this server (AIDE_AUTH_ALLOWED_TENANTS).`);
    const issuers = expectedIssuers(config, tid);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: issuers, audience: audiences, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (err) {
      throw new AuthRefusal(reasonOf(err, claims, issuers, audiences));
    }
    if (payload.idtyp === 'app') throw new AuthRefusal('The access token belongs to an application, not a signed-in person; Aide needs a user token.');
    const oid = typeof payload.oid === 'string' ? payload.oid : null;
    if (!oid) throw new AuthRefusal('The access token has no user object id (oid claim); sign in with a staff account.');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { oid, tid, roles, local: false };
  };
}

function reasonOf(err: unknown, claims: JWTPayload, issuers: string[], audiences: string[]): string {
  if (err instanceof joseErrors.JWTExpired) return 'The access token has expired; sign in again.';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud')
      return `The access token is for another application (audience ${JSON.stringify(claims.aud ?? null)}; expected ${audiences.join(' or ')}).`;
    if (err.claim === 'iss') return `The access token was issued by ${JSON.stringify(claims.iss ?? null)}, not by ${issuers.join(' or ')}.`;
    if (err.claim === 'nbf') return 'The access token is not valid yet; check the clock of this server.';
    return `The access token's ${err.claim} claim is invalid.`;
  }
  if (err instanceof joseErrors.JWKSNoMatchingKey)
    return "The access token is signed with a key that is not among Entra ID's published keys for this tenant.";
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token uses a signing algorithm that is not accepted (RS256 only).';
  // A timeout, an unreachable key endpoint (not a jose error) or a broken key set: the server's problem, not the token's.
  const keysUnavailable = err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || !(err instanceof joseErrors.JOSEError);
  if (keysUnavailable)
    return "The server cannot fetch Entra ID's signing keys right now; try again shortly, or ask your administrator.";
  return 'The access token is invalid; sign in again.';
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { config: AideConfig; verifier?: TokenVerifier }) => {
  app.decorateRequest('aideUser', null);
  app.decorateRequest('aideAuthError', null);
  if (opts.config.auth === 'off') {
    app.log.warn('AIDE_AUTH=off: sign-in is disabled, every request is the local trial user. For local trials only; set AIDE_AUTH=entra for real use.');
    app.addHook('onRequest', async (request) => {
      request.aideUser = { oid: null, tid: null, roles: [], local: true };
    });
    return;
  }
  const verify = opts.verifier ?? createTokenVerifier(opts.config);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) {
      request.aideAuthError = 'Sign-in required: no access token was sent (Authorization: Bearer header missing).';
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      request.aideAuthError = 'The Authorization header must be "Bearer <access token>".';
      return;
    }
    try {
      request.aideUser = await verify(match[1]!);
    } catch (err) {
      request.aideAuthError = err instanceof AuthRefusal ? err.message : 'The access token could not be checked; sign in again.';
    }
  });
});

/** preHandler: 401 with a reason unless a user is signed in. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.aideUser) {
    const message = request.aideAuthError ?? 'Sign-in required';
    await reply
      .code(401)
      .header('www-authenticate', `Bearer error="invalid_token", error_description="${message.replace(/["\\]/g, "'")}"`)
      .send({ error: { message, type: 'authentication_error', code: 'unauthorized', param: null } });
  }
}

/** preHandler factory: 403 unless the user has the app role (local trial user always has it). */
export function requireRole(role: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const user = request.aideUser;
    if (!user) return requireUser(request, reply);
    if (!user.local && !user.roles.includes(role)) {
      await reply.code(403).send({ error: { message: `This page needs the app role ${role}`, type: 'permission_error', code: 'forbidden', param: null } });
    }
  };
}
