FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY package.json ./
# The CLI on PATH: docker compose exec emulator enreach-emu trigger UserStatus
RUN ln -s /app/bin/enreach-emu.js /usr/local/bin/enreach-emu
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
