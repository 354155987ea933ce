import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve('.');
const INVALID_INPUT = 4;

/** Runs a repository script with bash (cwd `cwd`), with `env` added to a copy of this one. */
function bash(script: string, args: string[], env: Record<string, string> = {}, cwd = REPO) {
  const r: SpawnSyncReturns<string> = spawnSync('bash', [join(REPO, script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('scripts/nightly.sh', () => {
  const cases: [string[], RegExp][] = [
    [['--shard', '0/3'], /--shard '0\/3': need 1 <= i <= n/],
    [['--shard', '4/3'], /--shard '4\/3': need 1 <= i <= n/],
    [['--shard', 'a/b'], /--shard 'a\/b' is not i\/n/],
    [['--trials', '0'], /--trials '0' is not a positive integer/],
    [['--fail-on', 'fail,typo'], /--fail-on 'typo' is not one of fail, regression, flaky, inconclusive/],
    [['--tag', 'Smoke'], /tag 'Smoke' is not lower-case words joined by -/],
    [['--tag'], /--tag needs a value/],
    [['--frobnicate'], /unknown option --frobnicate/],
    [['no/such/dir'], /no such file or directory: no\/such\/dir/],
    [['--shard', '1/2', '--history', 'h.duckdb'], /a shard writes no history/],
    [['merge'], /merge needs at least one shard dir/],
    [['merge', '--trials', '2', 'experiments'], /merge takes no --shard, --trials/],
    [['--skip-setup', 'merge', 'experiments'], /'merge' is a subcommand: give it first/],
  ];
  for (const [args, message] of cases)
    it(`refuses \`${args.join(' ')}\` with exit 4 and the reason, before any set-up`, () => {
      const r = bash('scripts/nightly.sh', args);
      assert.equal(r.code, INVALID_INPUT, r.out + r.err);
      assert.match(r.err, message);
      assert.doesNotMatch(r.out, /set-up/);
    });

  it('takes its defaults from NIGHTLY_* variables and validates them the same way', () => {
    const r = bash('scripts/nightly.sh', [], { NIGHTLY_SHARD: '3/2' });
    assert.equal(r.code, INVALID_INPUT);
    assert.match(r.err, /--shard '3\/2'/);
  });

  it('refuses a merge dir that holds no suite folder, or several', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-nightly-'));
    try {
      mkdirSync(join(dir, 'empty'));
      mkdirSync(join(dir, 'two', 'suite-1'), { recursive: true });
      mkdirSync(join(dir, 'two', 'suite-2'), { recursive: true });
      for (const [name, count] of [
        ['empty', 0],
        ['two', 2],
      ] as const) {
        const r = bash('scripts/nightly.sh', ['merge', '--skip-setup', join(dir, name)]);
        assert.equal(r.code, INVALID_INPUT);
        assert.match(r.err, new RegExp(`holds ${count} suite-\\* folders`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help and exits 0', () => {
    const r = bash('scripts/nightly.sh', ['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /scripts\/nightly\.sh merge \[options\] <shard-dir>/);
  });
});

describe('scripts/ci/history-branch.sh against a real git remote', () => {
  let dir = '';
  let work = '';
  let env: Record<string, string> = {};
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-history-branch-'));
    git(dir, 'init', '--quiet', '--bare', 'origin.git');
    git(dir, 'clone', '--quiet', 'origin.git', 'work');
    work = join(dir, 'work');
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '--allow-empty', '-m', 'x');
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    env = { GITHUB_ENV: join(dir, 'github-env'), FAULTLINE_HISTORY_BRANCH: 'resilience-history' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => bash('scripts/ci/history-branch.sh', args, env, work);
  const branchLog = (): string[] =>
    git(join(dir, 'origin.git'), 'log', '--format=%s', 'resilience-history').split('\n');

  it('starts a new history when the branch does not exist yet, and says so', () => {
    const r = run('restore', '.faultline/history.duckdb');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /no branch resilience-history on origin yet/);
    assert.equal(readFileSync(join(dir, 'github-env'), 'utf8'), 'FAULTLINE_HISTORY_INIT=1\n');
    assert.equal(existsSync(join(work, '.faultline/history.duckdb')), false);
  });

  it('saves one commit per night, skips an unchanged file, and restores the latest bytes', () => {
    const file = join(work, 'night.duckdb');
    writeFileSync(file, Buffer.from([0, 1, 2, 255, 10]));
    assert.equal(run('save', file).code, 0);
    writeFileSync(file, Buffer.from([0, 1, 2, 255, 10, 42]));
    assert.equal(run('save', file).code, 0);
    const again = run('save', file);
    assert.equal(again.code, 0);
    assert.match(again.out, /nothing to save/);
    assert.equal(branchLog().length, 2);
    assert.deepEqual(
      git(join(dir, 'origin.git'), 'ls-tree', '--name-only', 'resilience-history').split('\n'),
      ['README.md', 'history.duckdb'],
    );
    const r = run('restore', 'restored/history.duckdb');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      readFileSync(join(work, 'restored/history.duckdb')),
      Buffer.from([0, 1, 2, 255, 10, 42]),
    );
  });

  it('refuses a branch that has lost its history file (exit 5), never starting afresh', () => {
    const empty = git(work, 'mktree');
    const commit = git(work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit-tree', empty, '-m', 'oops');
    git(work, 'push', '--quiet', '--force', 'origin', `${commit}:refs/heads/resilience-history`);
    const r = run('restore', 'again/history.duckdb');
    assert.equal(r.code, 5);
    assert.match(r.err, /branch resilience-history has no history\.duckdb/);
    assert.equal(existsSync(join(work, 'again/history.duckdb')), false);
  });

  it('refuses a bad command with its usage (exit 4)', () => {
    const r = run('fetch', 'x');
    assert.equal(r.code, INVALID_INPUT);
    assert.match(r.err, /Usage:/);
  });
});

describe('the other CI scripts', () => {
  it('shard-matrix turns the shards input into the matrix, 2 when empty, and refuses 0', () => {
    assert.match(bash('scripts/ci/shard-matrix.sh', ['3']).out, /^count=3\nmatrix=\[1,2,3\]\n$/);
    assert.match(bash('scripts/ci/shard-matrix.sh', ['']).out, /^count=2\nmatrix=\[1,2\]\n$/);
    const r = bash('scripts/ci/shard-matrix.sh', ['0']);
    assert.equal(r.code, INVALID_INPUT);
    assert.match(r.err, /not a whole number from 1 to 16/);
  });

  it('install-tools downloads the k6 and Toxiproxy versions that .env pins for compose', () => {
    const env = readFileSync('.env', 'utf8');
    const tag = (key: string): string => new RegExp(`^${key}=.*:v?(.+)$`, 'm').exec(env)?.[1] ?? 'none';
    const r = bash('scripts/ci/install-tools.sh', ['--print-urls']);
    assert.equal(r.code, 0, r.err);
    const [k6, toxiproxy] = r.out.trim().split('\n');
    assert.match(
      k6 ?? '',
      new RegExp(`^https://github\\.com/grafana/k6/releases/download/v${tag('K6_IMAGE')}/`),
    );
    assert.match(
      toxiproxy ?? '',
      new RegExp(
        `^https://github\\.com/Shopify/toxiproxy/releases/download/v${tag('TOXIPROXY_IMAGE')}/toxiproxy-server-linux-`,
      ),
    );
  });

  it('compose-smoke --dry-run builds, checks compose, and validates and plans the smoke experiment with real k6', function () {
    this.timeout(300_000);
    const k6 = process.env['K6_BIN'];
    if (!k6) {
      console.log('      skipped: K6_BIN is not set (the compose smoke needs real k6)');
      this.skip();
    }
    const r = bash('scripts/ci/compose-smoke.sh', ['--dry-run'], { K6_BIN: k6 });
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /compose: docker-compose\.yml is valid/);
    assert.match(r.out, /ok {2}scripts\/ci\/compose-smoke\.yaml/);
    assert.match(r.out, /load {8}checkout journey, k6 engine/);
    assert.match(r.out, /environment attach/);
    assert.match(r.out, /dry run: docker compose up and the run itself skipped/);
  });
});
