/** Parses a compose `.env` file: `KEY=value` lines; `#` comments and blank lines are skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/**
 * Compose-style interpolation of `${VAR}` and `${VAR:-default}`. Returns the text and the names
 * of variables that have neither a value nor a default.
 */
export function interpolate(text: string, env: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const value = env[name] ?? fallback;
    if (value === undefined) missing.push(name);
    return value ?? '';
  });
  return { text: out, missing: [...new Set(missing)] };
}
