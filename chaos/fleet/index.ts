export { startFleet, type CreatedResources, type Fleet, type FleetOptions } from './launcher.js';
export { FLEET_SERVICES, type FleetService } from './fleet-services.js';
export { type FleetProxyOption } from './fleet-proxy.js';
export { allocatePortBlock } from './ports.js';
