# Two images from one build:
#   default target   the fleet (gateway, order, payment, inventory, shipping, psp, carrier). docker-compose.yml and
#                    deploy/kubernetes/ pick the service with SERVICE; the CMD registers OpenTelemetry's ESM loader
#                    hook before the service's main module loads (docs/architecture.md).
#   --target controller   the `faultline` CLI with the experiment catalog, for the in-cluster controller Job
#                    (deploy/kubernetes/controller/, docs/kubernetes.md).
ARG NODE_IMAGE=node:20.20-bookworm-slim
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN node scripts/build.mjs target-services chaos load && node dist/load/k6-build/main.js \
    && npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE} AS controller
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/chaos ./dist/chaos
COPY --from=build /app/dist/load ./dist/load
COPY --from=build /app/bin ./bin
COPY --from=build /app/experiments ./experiments
COPY --from=build /app/prometheus/rules ./prometheus/rules
COPY --from=build /app/dist/k6 ./dist/k6
COPY --from=build /app/target-services/links.json ./target-services/links.json
USER node
ENTRYPOINT ["node", "bin/faultline.js"]
CMD ["--help"]

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
