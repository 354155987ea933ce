/** The report's only stylesheet, inlined so the page works offline. */
export const REPORT_CSS = `
:root{--fg:#1d2330;--muted:#667085;--line:#e4e7ec;--pass:#12805c;--fail:#c4320a;--inc:#b54708;--fault:rgba(196,50,10,.12)}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);margin:0;background:#f8f9fb}
main{max-width:1040px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted)}.badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600;text-transform:uppercase;font-size:12px}
.pass{--c:var(--pass)}.fail{--c:var(--fail)}.inconclusive{--c:var(--inc)}.badge{background:var(--c)}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}th{background:#f2f4f7;font-weight:600}
td.v{color:var(--c);font-weight:600;white-space:nowrap}ul.ev{margin:4px 0 0;padding-left:18px;color:var(--muted);font-size:12px}
.chart,.waterfall{background:#fff;border:1px solid var(--line);border-radius:6px;margin:12px 0;padding:8px}
figcaption{font-weight:600;margin-bottom:4px}figcaption small{color:var(--muted);font-weight:400}
.legend{float:right;font-weight:400;font-size:12px}.legend span{margin-left:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
svg{width:100%;height:auto;display:block}.series{fill:none;stroke-width:1.6}.grid{stroke:var(--line)}.tick,.phase-label{font-size:10px;fill:var(--muted)}
.phase{stroke:#98a2b3;stroke-dasharray:3 3}.fault-band{fill:var(--fault)}.objective{stroke:var(--fail);stroke-dasharray:6 3}
.empty{color:var(--inc);margin:4px}.span text{font-size:11px;fill:var(--fg)}.span text.ms{fill:var(--muted)}.span rect{fill:#4e79a7}.span.error rect{fill:var(--fail)}
code{font-size:12px;background:#f2f4f7;padding:1px 4px;border-radius:3px}
.why{background:#fff;border:1px solid var(--line);border-left:4px solid var(--c);border-radius:6px;padding:4px 16px 8px;margin:16px 0}
.why h2{border:0;margin:8px 0 4px;padding:0;color:var(--c)}.why h3{font-size:14px;margin:12px 0 4px}.why ul{margin:4px 0;padding-left:20px}.why li{margin:4px 0}
a.id{color:#175cd3}a.id code{color:inherit;text-decoration:underline}.waterfall:target{outline:2px solid #175cd3}
`;
