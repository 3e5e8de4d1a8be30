#!/bin/sh
# Entry point of the bbinv image: runs one bbinv command with the image's classpath.
# BBINV_* environment variables map to configuration keys (BBINV_POLL_INTERVAL_MS -> poll.interval.ms).
set -eu
BBINV_HOME="${BBINV_HOME:-/app}"
if [ ! -d "$BBINV_HOME/classes" ] || [ ! -d "$BBINV_HOME/lib" ]; then
  echo "entrypoint: no bbinv build at $BBINV_HOME (expected $BBINV_HOME/classes and $BBINV_HOME/lib)" >&2
  exit 64
fi
exec java ${JAVA_OPTS:-} -cp "$BBINV_HOME/classes:$BBINV_HOME/lib/*" dev.bbinv.app.Main "$@"
