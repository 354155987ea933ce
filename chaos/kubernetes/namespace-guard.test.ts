import assert from 'node:assert/strict';
import { assertInNamespace } from './namespace-guard.js';

describe('assertInNamespace', function () {
  const allowed: [string, string][] = [
    ['GET', '/api/v1/namespaces/faultline'],
    ['GET', '/api/v1/namespaces/faultline/pods?labelSelector=app.kubernetes.io%2Fname%3Dorder'],
    ['DELETE', '/api/v1/namespaces/faultline/pods/order-1'],
    ['PATCH', '/apis/apps/v1/namespaces/faultline/deployments/order'],
    ['POST', '/apis/k6.io/v1alpha1/namespaces/faultline/testruns'],
  ];
  for (const [method, path] of allowed)
    it(`lets ${method} ${path} through`, function () {
      assert.doesNotThrow(() => assertInNamespace('faultline', method, path));
    });

  const refused: [string, string][] = [
    ['GET', '/api/v1/namespaces/default/pods'],
    ['GET', '/api/v1/namespaces/faultline-other/pods'],
    ['DELETE', '/api/v1/namespaces/faultline'],
    ['GET', '/api/v1/pods'],
    ['GET', '/api/v1/namespaces'],
    ['GET', '/apis/apps/v1/deployments'],
    ['GET', '/apis/apps/v1/namespaces/kube-system/deployments'],
    ['GET', '/api/v1/namespaces/faultline/../kube-system/pods'],
    ['GET', '/api/v1/namespaces/faultline/%2E%2E/kube-system/secrets'],
    ['GET', '/api/v1/namespaces/faultline//pods'],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles'],
  ];
  for (const [method, path] of refused)
    it(`refuses ${method} ${path}`, function () {
      assert.throws(() => assertInNamespace('faultline', method, path), {
        code: 'ERR_K8S_OUTSIDE_NAMESPACE',
      });
    });
});
