import { Conformance, STARTUP_TIMEOUT_MS, toxiproxyBin, type ServerKind } from './harness.js';

/** How each server is named in suite titles. */
const SERVER_LABEL: Readonly<Record<ServerKind, string>> = {
  faultline: 'faultline proxy',
  toxiproxy: 'real Toxiproxy',
};

/**
 * Registers mocha hooks on the enclosing `describe` and returns the harness. Against Toxiproxy
 * without TOXIPROXY_BIN, every test of the suite is skipped and the reason printed.
 */
export function useConformance(server: ServerKind, serverFlags?: readonly string[]): Conformance {
  const cf = new Conformance(server, serverFlags);
  before(async function () {
    if (server === 'toxiproxy' && !toxiproxyBin()) {
      process.stdout.write(
        '      skipped: TOXIPROXY_BIN is not set (path to a real toxiproxy-server 2.12.0)\n',
      );
      this.skip();
    }
    this.timeout(STARTUP_TIMEOUT_MS + 5000);
    await cf.start();
  });
  after(() => cf.stop());
  beforeEach(() => cf.resetServer());
  afterEach(() => cf.cleanup());
  return cf;
}

/**
 * Declares one conformance suite that runs against both servers with the same tests:
 * `describe("<title> [faultline proxy]")` and `describe("<title> [real Toxiproxy]")`. `body` gets
 * the harness and the server kind; use {@link faultlineOnly} for deliberate differences.
 */
export function conformanceSuite(
  title: string,
  body: (cf: Conformance, server: ServerKind) => void,
  serverFlags?: readonly string[],
): void {
  for (const server of ['faultline', 'toxiproxy'] as const) {
    describe(`${title} [${SERVER_LABEL[server]}]`, function () {
      body(useConformance(server, serverFlags), server);
    });
  }
}

/**
 * A test of a deliberate difference from Toxiproxy: it runs against Faultline only. Against real
 * Toxiproxy it is listed as pending under the same title plus `difference`, and nothing is sent.
 */
export function faultlineOnly(
  server: ServerKind,
  title: string,
  difference: string,
  fn: (this: Mocha.Context) => Promise<void>,
): void {
  if (server === 'faultline') it(`${title} (differs from Toxiproxy: ${difference})`, fn);
  else it(`${title} (not sent to real Toxiproxy: ${difference})`);
}
