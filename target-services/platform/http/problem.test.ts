import { strict as assert } from 'node:assert';
import { HttpProblem } from '../errors.js';
import { toProblem } from './problem.js';

describe('toProblem', () => {
  it('maps invalid JSON to 400 and oversized bodies to 413', () => {
    assert.equal(toProblem({ type: 'entity.parse.failed' }, '/x').status, 400);
    assert.equal(toProblem({ type: 'entity.too.large' }, '/x').status, 413);
  });
  it('keeps the status and field errors of an HttpProblem', () => {
    const p = toProblem(new HttpProblem(404, 'Not found', 'nope'), '/v1/x');
    assert.deepEqual(p, {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: 'nope',
      instance: '/v1/x',
    });
  });
  it('hides the message of unexpected errors behind a generic 500', () => {
    const p = toProblem(new Error('secret internals'), '/x');
    assert.equal(p.status, 500);
    assert.ok(!JSON.stringify(p).includes('secret'));
  });
});
