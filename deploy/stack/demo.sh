#!/usr/bin/env bash
# The full-stack demo: bring the stack up, scan the example Django project shipped in
# examples/, and print its schema history and the schema it ends with.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"

deploy/stack/stack.sh up
echo
npx schematrace scan examples/django-shop --project example-shop
echo
echo "== schema history of example-shop =="
npx schematrace log example-shop
echo
echo "== schema now =="
npx schematrace at example-shop
echo
echo "The stack is still running: try 'npx schematrace at example-shop 5', or stop it with 'npm run stack:down'."
