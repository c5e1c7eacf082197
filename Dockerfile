# syntax=docker/dockerfile:1
# One multi-stage build for both processes: `--target api` and `--target worker` (docker-compose.yml).
# Stage 1 installs and builds the whole workspace once; the runtime stages carry only production
# dependencies and compiled output, and run as the unprivileged `node` user.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    NX_DAEMON=false \
    NX_NO_CLOUD=true \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# The npm that wrote package-lock.json: it honours package.json `allowScripts` (which install scripts
# may run); the npm bundled with Node 20 would ignore that list.
RUN npm install -g npm@11.19.1
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci
# tsc -b tsconfig.build.json, then tools/bundle-workflows.mjs prebuilds the Temporal workflow bundle
# (apps/worker/dist/workflow-bundle.js), so the worker does not run webpack at start-up.
RUN npm run build
RUN npm prune --omit=dev

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
# Owned by root and read-only for the process user: the application cannot rewrite its own code.
# nx.json marks the workspace root (libs/temporal finds the workflow bundle from it).
COPY --from=build /app/package.json /app/package-lock.json /app/nx.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
# The embedded PostgreSQL and MailDev serve `npm start` and the tests only: devDependencies, pruned
# above. The build fails if either comes back into the runtime image.
RUN node -e "for (const m of ['embedded-postgres', 'maildev']) { try { require.resolve(m + '/package.json'); console.error(m + ' must not be in the runtime image'); process.exit(1); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') throw e; } }"

# ---------------------------------------------------------------------------------------------------
FROM runtime AS worker
COPY --from=build /app/apps/worker ./apps/worker
USER node
CMD ["node", "apps/worker/dist/main.js"]

# ---------------------------------------------------------------------------------------------------
FROM runtime AS api
COPY --from=build /app/apps/api ./apps/api
# The built web app the API serves at / (WEB_DIST_DIR's default, relative to /app; ADR 0006).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# tools/migrate.mjs runs the migrations (the compose `migrate` service uses this image).
COPY --from=build /app/tools ./tools
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]
