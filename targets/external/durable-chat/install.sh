#!/usr/bin/env bash
# This target runs the workerd binary of targets/external/workerd (workerd 1.20261117.1, pinned
# lock file there): installs that, once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bash ../workerd/install.sh
