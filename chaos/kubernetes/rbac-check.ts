import type { PolicyRule } from './contract.js';

/** What RBAC must grant for one API request: `verb` on `resource` (with subresource) in `apiGroup`. */
export interface RequiredPermission {
  apiGroup: string;
  resource: string;
  verb: string;
  /** The object's name, when the request names one (a rule with `resourceNames` grants only those). */
  name?: string;
}

/**
 * The RBAC permission a namespaced API request needs (pure), as the API server authorizes it:
 * GET of a collection is `list`, of an object `get`; POST `create`; PUT `update`; PATCH `patch`;
 * DELETE `delete`; exec and port-forward (WebSocket upgrades sent as GET) are `create` on the
 * subresource. Undefined for paths that are not namespaced objects.
 */
export function requiredPermission(method: string, path: string): RequiredPermission | undefined {
  const bare = path.split('?')[0] ?? '';
  const m =
    /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/[^/]+\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(bare);
  if (m === null) return undefined;
  const [, group = '', resource = '', name, sub] = m;
  const full = sub === undefined ? resource : `${resource}/${sub}`;
  if (sub === 'exec' || sub === 'portforward')
    return { apiGroup: group, resource: full, verb: 'create', ...(name === undefined ? {} : { name }) };
  const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  const verb = method === 'GET' ? (name === undefined ? 'list' : 'get') : verbs[method];
  if (verb === undefined) return undefined;
  return { apiGroup: group, resource: full, verb, ...(name === undefined ? {} : { name }) };
}

/** True when one of `rules` grants the permission (a rule with `resourceNames` only for those names). */
export function isGranted(rules: readonly PolicyRule[], p: RequiredPermission): boolean {
  return rules.some(
    (r) =>
      r.apiGroups.includes(p.apiGroup) &&
      r.resources.includes(p.resource) &&
      r.verbs.includes(p.verb) &&
      (r.resourceNames === undefined || (p.name !== undefined && r.resourceNames.includes(p.name))),
  );
}
