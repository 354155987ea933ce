# One image for every fleet service (gateway, order, payment, inventory, shipping, psp, carrier).
# docker-compose.yml picks the service with SERVICE; the CMD registers OpenTelemetry's ESM loader
# hook before the service's main module loads (docs/architecture.md).
ARG NODE_IMAGE=node:20.20-bookworm-slim
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN node scripts/build.mjs target-services && npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/target-services ./dist/target-services
COPY --from=build /app/target-services/links.json ./target-services/links.json
USER node
ENV SERVICE=gateway
CMD ["sh", "-c", "exec node --import ./dist/target-services/platform/telemetry/register.js ./dist/target-services/${SERVICE}/main.js"]
