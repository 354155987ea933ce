import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkComposeLinks, type LinkEntry } from './compose-links.js';

const compose = () =>
  parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as Parameters<
    typeof checkComposeLinks
  >[0];
const links = () => JSON.parse(readFileSync('target-services/links.json', 'utf8')) as LinkEntry[];

describe('docker-compose.yml and target-services/links.json', () => {
  it('agree: every link is a Toxiproxy route that its client uses', () => {
    assert.deepEqual(checkComposeLinks(compose(), links()), []);
  });

  it('report a link whose client service is missing from compose', () => {
    const extra = { name: 'billing-postgres', listen: '127.0.0.1:21090', upstream: '127.0.0.1:5432' };
    assert.deepEqual(checkComposeLinks(compose(), [...links(), extra]), [
      'link billing-postgres: compose has no service billing',
    ]);
  });

  it('report a client that bypasses the proxy', () => {
    const c = compose();
    c.services!['gateway']!.environment!['FAULTLINE_VIA_PROXY'] = 'off';
    assert.deepEqual(checkComposeLinks(c, links()), [
      'gateway does not set FAULTLINE_VIA_PROXY=on, so link gateway-order is bypassed',
    ]);
  });

  it('report an upstream that is not the named service port', () => {
    const moved = links().map((l) => (l.name === 'payment-psp' ? { ...l, upstream: '127.0.0.1:8086' } : l));
    assert.deepEqual(checkComposeLinks(compose(), moved), [
      "link payment-psp: upstream 127.0.0.1:8086 is not psp's port 8085",
    ]);
  });

  it('report a Toxiproxy that does not load the link map', () => {
    const c = compose();
    c.services!['toxiproxy']!.command = ['-host=0.0.0.0'];
    assert.deepEqual(checkComposeLinks(c, links()), ['toxiproxy does not load -config=/config/links.json']);
  });
});
