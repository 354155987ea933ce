/**
 * The fleet's processes in start order (dependencies first), with their default HTTP and admin
 * ports. Ports are `base + offset`; defaults are base 8080 (HTTP) and 9180 (admin).
 */
export const FLEET_SERVICES = [
  { name: 'psp', offset: 5, admin: true },
  { name: 'carrier', offset: 6, admin: true },
  { name: 'inventory', offset: 3, admin: false },
  { name: 'payment', offset: 2, admin: false },
  { name: 'shipping', offset: 4, admin: false },
  { name: 'order', offset: 1, admin: false },
  { name: 'gateway', offset: 0, admin: false },
] as const;
export type FleetService = (typeof FLEET_SERVICES)[number]['name'];

export const DEFAULT_PORT_BASE = 8080;
export const DEFAULT_ADMIN_PORT_BASE = 9180;
