# Shared by the benchmark scripts (sourced, not run): option parsing, tool checks,
# the work folder and the statistics every bench prints the same way.
#
# A script declares its own options, then parses:
#   bench_value_option --dossiers dossiers   # --dossiers K sets $dossiers
#   bench_flag_option --skip-sohoa skip_sohoa # --skip-sohoa sets $skip_sohoa=1
#   bench_parse_options "$@"
# Every bench takes --seed N, --runs N, --build DIR and --work DIR (defaults below,
# set before sourcing to change them) and -h/--help, which prints the script's
# header comment.

bench_name="$(basename "${BASH_SOURCE[1]:-$0}" .sh)"
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed="${seed:-1}"
runs="${runs:-3}"
build="${build:-$bench_root/build}"
work="${work:-}"

declare -A bench_value_options=([--seed]=seed [--runs]=runs [--build]=build [--work]=work)
declare -A bench_flag_options=()

bench_value_option() { bench_value_options[$1]="$2"; }
bench_flag_option() { bench_flag_options[$1]="$2"; }

bench_die() {
  echo "$bench_name: $*" >&2
  exit 2
}

# Prints the calling script's header: the comment lines after the shebang.
bench_usage() {
  awk 'NR == 1 {next} /^#/ {sub(/^# ?/, ""); print; next} {exit}' "$0"
}

bench_parse_options() {
  while [ $# -gt 0 ]; do
    if [ "$1" = -h ] || [ "$1" = --help ]; then
      bench_usage
      exit 0
    elif [ -n "${bench_value_options[$1]+set}" ]; then
      [ $# -ge 2 ] || bench_die "$1 needs a value"
      printf -v "${bench_value_options[$1]}" '%s' "$2"
      shift 2
    elif [ -n "${bench_flag_options[$1]+set}" ]; then
      printf -v "${bench_flag_options[$1]}" '%s' 1
      shift
    else
      bench_die "unknown option $1 (--help lists them)"
    fi
  done
  [[ "$runs" =~ ^[1-9][0-9]*$ ]] || bench_die "--runs takes a whole number from 1"
  if [ "$runs" -lt 3 ]; then
    echo "$bench_name: warning: $runs run(s): the figures are single readings, not medians" >&2
  fi
}

# bench_require_built TOOL...: each must be an executable of the build.
bench_require_built() {
  local tool
  for tool in "$@"; do
    [ -x "$tool" ] || bench_die "$tool not built"
  done
}

# bench_require_installed COMMAND...
bench_require_installed() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || bench_die "$tool not installed"
  done
}

# Makes $work (a fresh temp folder unless --work named one).
bench_make_work() {
  if [ -z "$work" ]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/sohoa-$bench_name.XXXXXX")"
  fi
  mkdir -p "$work"
}

bench_now() { date +%s.%N; }

# The median of the numbers on stdin, one a line ("nan" for none).
bench_median() {
  sort -g | awk '{v[NR] = $1}
    END {if (NR == 0) {print "nan"} else if (NR % 2) {print v[(NR + 1) / 2]}
         else {print (v[NR / 2] + v[NR / 2 + 1]) / 2}}'
}

# kB on stdin as whole MB.
bench_mb() { awk '{printf "%.0f", $1 / 1024}'; }

# The machine's load while the figures were taken: they move with it.
bench_print_load() { echo "load: $(uptime | sed 's/.*load average/load average/')"; }
