import { strict as assert } from 'node:assert';
import { mergeRecordLists, parseDraftName } from './record-drafts.js';

describe('environment record drafts', () => {
  const names = [
    { name: '20261202T1-x.json.4242.tmp', want: { recordName: '20261202T1-x.json', writerPid: 4242 } },
    { name: 'a.b.json.7.tmp', want: { recordName: 'a.b.json', writerPid: 7 } },
    { name: '20261202T1-x.json', want: undefined },
    { name: 'x.json.tmp', want: undefined },
    { name: 'x.json.12a.tmp', want: undefined },
    { name: 'x.yaml.12.tmp', want: undefined },
  ];
  for (const c of names)
    it(`reads ${c.name} as ${c.want === undefined ? 'no draft' : `a draft of ${c.want.recordName}`}`, () => {
      assert.deepEqual(parseDraftName(c.name), c.want);
    });

  it('merges a draft into its record without repeating a process or a folder', () => {
    const gateway = { name: 'gateway', pid: 10, startTicks: 5 };
    const prometheus = { name: 'prometheus', pid: 11, startTicks: 6 };
    const reusedPid = { name: 'gateway', pid: 10, startTicks: 9 };
    const merged = mergeRecordLists(
      { processes: [gateway], tempDirs: ['/tmp/faultline-fleet-a'] },
      {
        processes: [gateway, prometheus, reusedPid],
        tempDirs: ['/tmp/faultline-fleet-a', '/tmp/faultline-p'],
      },
    );
    assert.deepEqual(merged, {
      processes: [gateway, prometheus, reusedPid],
      tempDirs: ['/tmp/faultline-fleet-a', '/tmp/faultline-p'],
    });
  });
});
