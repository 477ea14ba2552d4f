import { ConfigError, databaseUrl, effectivePrivacy, envName, loadConfig } from '../../src/server/config';

describe('configuration', () => {
  test('embedded defaults: offline engine, SQLite in ./data, HTTPS on 3000, auth off on loopback', () => {
    const config = loadConfig({}, {});
    expect(config.port).toBe(3000);
    expect(config.protocol).toBe('https');
    expect(config.llmProvider).toBe('offline');
    expect(config.auth).toBe('off');
    expect(databaseUrl(config)).toMatch(/^sqlite:.*data[/\\]aide\.sqlite$/);
    expect(effectivePrivacy(config)).toBe('off');
  });

  test('environment variables are read with their AIDE_ names, flags override them', () => {
    expect(envName('llmBaseUrl')).toBe('AIDE_LLM_BASE_URL');
    const config = loadConfig({ port: '4000' }, { AIDE_PORT: '3500', AIDE_LLM_PROVIDER: 'compatible', AIDE_LLM_BASE_URL: 'http://llm.local:8000/v1' });
    expect(config.port).toBe(4000);
    expect(config.llmProvider).toBe('compatible');
  });

  test('a wrong value names the setting and what is allowed', () => {
    expect(() => loadConfig({}, { AIDE_LLM_PROVIDER: 'gpt' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { AIDE_LLM_PROVIDER: 'gpt' })).toThrow(/AIDE_LLM_PROVIDER: .*offline.*azure.*openai.*compatible/);
    expect(() => loadConfig({}, { AIDE_PORT: 'abc' })).toThrow(/AIDE_PORT/);
    expect(() => loadConfig({}, { AIDE_METRICS_K: '3' })).toThrow(/AIDE_METRICS_K/);
  });

  test('providers outside the hospital pseudonymize by default; the policy can be forced', () => {
    const env = { AIDE_LLM_PROVIDER: 'openai', AIDE_LLM_API_KEY: 'sk-test' };
    expect(effectivePrivacy(loadConfig({}, env))).toBe('pseudonymize');
    expect(effectivePrivacy(loadConfig({}, { ...env, AIDE_PRIVACY: 'block' }))).toBe('block');
    const onPrem = { AIDE_LLM_PROVIDER: 'compatible', AIDE_LLM_BASE_URL: 'http://llm.local/v1', AIDE_LLM_ON_PREMISES: 'true' };
    expect(effectivePrivacy(loadConfig({}, onPrem))).toBe('off');
  });

  test('missing provider settings are reported clearly', () => {
    expect(() => loadConfig({}, { AIDE_LLM_PROVIDER: 'azure', AIDE_LLM_API_KEY: 'k' })).toThrow(/AIDE_LLM_AZURE_DEPLOYMENT/);
    expect(() => loadConfig({}, { AIDE_LLM_PROVIDER: 'openai' })).toThrow(/AIDE_LLM_API_KEY/);
    expect(() => loadConfig({}, { AIDE_LLM_PROVIDER: 'compatible' })).toThrow(/AIDE_LLM_BASE_URL/);
  });

  test('AIDE_AUTH=off is refused unless bound to loopback', () => {
    expect(() => loadConfig({}, { AIDE_HOST: '0.0.0.0' })).toThrow(/AIDE_AUTH: "off" is for local trials only/);
    expect(loadConfig({}, { AIDE_HOST: '127.0.0.1' }).auth).toBe('off');
  });
});
