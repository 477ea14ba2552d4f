/**
 * The one place where Aide's server configuration is read: environment variables `AIDE_*`, optionally a JSON
 * config file named by `AIDE_CONFIG` (environment wins), and command-line overrides (which win over both).
 * Validated with zod at start: a wrong value stops the server with a message naming the setting and what is allowed.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { SITE_PATTERN } from '../core/metrics/events';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])]).transform((v) =>
  typeof v === 'boolean' ? v : ['true', '1', 'yes', 'on'].includes(v),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** Each setting: its environment variable name is `AIDE_` + the upper snake case of the key. */
export const configSchema = z.object({
  port: int(0, 65535).default(3000),
  host: z.string().min(1).default('localhost'),
  /** `https` (self-signed certificate created on first start unless tlsCert/tlsKey are given) or `http` behind a TLS proxy. */
  protocol: z.enum(['https', 'http']).default('https'),
  tlsCert: z.string().optional(),
  tlsKey: z.string().optional(),
  /** Public base URL used in manifests and printed URLs; defaults to protocol://host:port. */
  publicUrl: z.string().url().optional(),
  dataDir: z.string().min(1).default('./data'),
  /** `sqlite:PATH` or `postgres://…`; defaults to SQLite at DATA_DIR/aide.sqlite. */
  databaseUrl: z.string().optional(),
  llmProvider: z.enum(['offline', 'azure', 'openai', 'compatible']).default('offline'),
  llmBaseUrl: z.string().url().optional(),
  llmApiKey: z.string().optional(),
  llmModel: z.string().optional(),
  /** Azure OpenAI: the deployment name and API version (endpoint = AIDE_LLM_BASE_URL). */
  llmAzureDeployment: z.string().optional(),
  llmAzureApiVersion: z.string().default('2024-10-21'),
  /** Models the pane may ask for; empty = the configured model only. */
  llmAllowedModels: list.default([]),
  /** Whether the `compatible` provider runs inside the hospital (then pseudonymization defaults to off). */
  llmOnPremises: bool.default(false),
  llmTimeoutMs: int(1000, 600000).default(60000),
  llmMaxRetries: int(0, 10).default(2),
  llmMaxInputChars: int(1000, 10_000_000).default(200000),
  llmMaxTokens: int(16, 200000).default(4096),
  /** The most an answer may weigh (UTF-8 bytes), whatever the provider streams; beyond, it is cut. */
  llmMaxOutputBytes: int(1024, 100_000_000).default(262144),
  /** `pseudonymize`, `off` or `block`; default depends on the provider (off for offline / on-premises). */
  privacy: z.enum(['pseudonymize', 'off', 'block']).optional(),
  /** Extra patterns for patient (IPP) and stay (NDA) identifiers, as regular expressions. */
  privacyIppPattern: z.string().optional(),
  privacyNdaPattern: z.string().optional(),
  /** `entra` (Entra ID tokens validated with jose) or `off` (local trials only, loopback only). */
  auth: z.enum(['entra', 'off']).default('off'),
  authTenantId: z.string().optional(),
  authClientId: z.string().optional(),
  authAudience: z.string().optional(),
  authAllowedTenants: list.default([]),
  /**
   * The sign-in host, scheme and host only (default https://login.microsoftonline.com): a national cloud such as
   * https://login.microsoftonline.us. The pane and the dashboard sign in there; the server takes the tenant's keys
   * and the expected token issuer from it.
   */
  authAuthority: z
    .string()
    .url()
    .refine((v) => /^https:\/\/[^/?#]+\/?$/.test(v), 'expected https://host (no path)')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /** JWKS URL override (tests serve their own); defaults to the tenant's Entra ID keys. */
  authJwksUrl: z.string().url().optional(),
  authIssuer: z.string().optional(),
  /** App role that grants the dashboard. */
  authDashboardRole: z.string().default('Aide.ProgramLead'),
  rateLimitPerMinute: int(1, 100000).default(30),
  tokensPerDay: int(1000, 1_000_000_000).default(500000),
  promptsDir: z.string().optional(),
  metricsK: int(5, 1000).default(5),
  metricsRetentionDays: int(30, 3650).default(730),
  /** This server's site in the metrics (one per hospital site): lowercase letters, digits, hyphens. */
  site: z.string().regex(SITE_PATTERN, 'expected a site identifier: a-z, 0-9 and inner hyphens, at most 40 (e.g. chu-nord)').default('default'),
  /** A request whose headers and body have not all arrived after this long is cut (slowly dribbled bodies). */
  requestTimeoutMs: int(1000, 3_600_000).default(60000),
  /** Serve the browser bundles' source maps (*.map): off by default, they show the code to anyone. */
  serveSourceMaps: bool.default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Proxies whose X-Forwarded-For / -Proto / -Host are believed (addresses or CIDR ranges, e.g.
   * `127.0.0.1,10.0.0.0/8`); empty = none, the socket's address is the client's.
   */
  trustProxy: list.default([]).refine((v) => v.every(isAddressOrRange), { message: 'expected IP addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)' }),
  /** On SIGTERM, how long streams in flight may take to finish before their connections are cut. */
  shutdownTimeoutMs: int(0, 600000).default(20000),
});

/** `10.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`: what proxy-addr (Fastify's trustProxy) accepts. */
function isAddressOrRange(value: string): boolean {
  const [address, bits, extra] = value.split('/');
  if (extra !== undefined || !address || net.isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = net.isIPv4(address) ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

export type AideConfig = z.infer<typeof configSchema>;
export type ConfigInput = Partial<Record<keyof AideConfig, unknown>>;

export class ConfigError extends Error {}

export function envName(key: string): string {
  return 'AIDE_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

/** Reads the settings from the environment (and AIDE_CONFIG file), applies overrides, validates. */
export function loadConfig(overrides: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): AideConfig {
  const raw: Record<string, unknown> = {};
  if (env.AIDE_CONFIG) {
    try {
      Object.assign(raw, JSON.parse(fs.readFileSync(env.AIDE_CONFIG, 'utf8')));
    } catch (err) {
      throw new ConfigError(`AIDE_CONFIG: cannot read ${env.AIDE_CONFIG}: ${(err as Error).message}`);
    }
  }
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${envName(key)}: ${issue.message} (got ${JSON.stringify(raw[key])})`;
    });
    throw new ConfigError('Invalid configuration:\n  ' + lines.join('\n  '));
  }
  const config = parsed.data;
  config.dataDir = path.resolve(config.dataDir);
  if (config.llmProvider !== 'offline' && config.llmProvider !== 'azure' && !config.llmBaseUrl && config.llmProvider === 'compatible')
    throw new ConfigError('AIDE_LLM_BASE_URL: required when AIDE_LLM_PROVIDER=compatible (the OpenAI-compatible server URL, e.g. http://llm.local:8000/v1)');
  if (config.llmProvider === 'azure' && (!config.llmBaseUrl || !config.llmAzureDeployment))
    throw new ConfigError('AIDE_LLM_BASE_URL and AIDE_LLM_AZURE_DEPLOYMENT: both required when AIDE_LLM_PROVIDER=azure (https://NAME.openai.azure.com and the deployment name)');
  if ((config.llmProvider === 'openai' || config.llmProvider === 'azure') && !config.llmApiKey)
    throw new ConfigError(`AIDE_LLM_API_KEY: required when AIDE_LLM_PROVIDER=${config.llmProvider}`);
  if (config.auth === 'entra' && (!config.authTenantId || !(config.authAudience ?? config.authClientId)))
    throw new ConfigError('AIDE_AUTH_TENANT_ID and AIDE_AUTH_CLIENT_ID (or AIDE_AUTH_AUDIENCE): required when AIDE_AUTH=entra');
  if (config.auth === 'off' && !isLoopback(config.host))
    throw new ConfigError(`AIDE_AUTH: "off" is for local trials only and is refused unless AIDE_HOST is a loopback address (got ${config.host}); set AIDE_AUTH=entra`);
  if (config.tlsCert && !config.tlsKey) throw new ConfigError('AIDE_TLS_KEY: required with AIDE_TLS_CERT');
  return config;
}

/** Whether the provider sends text outside the hospital (then identifiers are pseudonymized by default). */
export function effectivePrivacy(config: AideConfig): 'pseudonymize' | 'off' | 'block' {
  if (config.privacy) return config.privacy;
  const onPremises = config.llmProvider === 'offline' || (config.llmProvider === 'compatible' && config.llmOnPremises);
  return onPremises ? 'off' : 'pseudonymize';
}

/**
 * Whether the address to listen on can only be reached from this machine: `localhost`, or an IP address in 127.0.0.0/8
 * or ::1. Any other name is refused, whatever it looks like (`127.evil.invalid` is a DNS name, and a name may resolve
 * anywhere). The same test guards the Host header of each request with sign-in off (src/server/security.ts).
 */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === 'localhost') return true;
  const family = isIP(name);
  if (family === 4) return name.split('.')[0] === '127';
  if (family === 6) return name === '::1' || /^::ffff:127\./.test(name);
  return false;
}

export function databaseUrl(config: AideConfig): string {
  return config.databaseUrl ?? 'sqlite:' + path.join(config.dataDir, 'aide.sqlite');
}

export function publicUrl(config: AideConfig): string {
  return (config.publicUrl ?? `${config.protocol}://${config.host}:${config.port}`).replace(/\/$/, '');
}
