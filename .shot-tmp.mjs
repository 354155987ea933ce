import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1100, height: 1000 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
await p.goto('file://' + process.argv[2]);
if (process.argv[5]) { await p.click(process.argv[5]); }
await p.screenshot({ path: process.argv[3], fullPage: process.argv[4] === 'full' });
await b.close();
