# `docker run`, for a machine without a Docker engine: the same container started by bubblewrap.
# Each flag the README uses becomes its bubblewrap counterpart (-v a bind mount, read-only with :ro;
# --network none a new network namespace; --tmpfs a tmpfs; -e a variable; --read-only a read-only
# root), the image becomes this machine's JDK and system folders, read-only. Limits that bubblewrap
# cannot set (--memory, --cpus, --pids-limit) are accepted and not applied.
docker() {
  if [ "${1:-}" != run ]; then
    echo "docker (bubblewrap stand-in): only 'docker run' is supported" >&2
    return 125
  fi
  shift
  local args=(--ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64
    --symlink usr/sbin /sbin --ro-bind /etc /etc --dev /dev --proc /proc --dir /root
    --clearenv --setenv PATH /usr/local/bin:/usr/bin:/bin --setenv HOME /root --setenv LANG C.UTF-8
    --die-with-parent)
  local readonly_root=0 src dst mode
  while [ $# -gt 0 ]; do
    case "$1" in
      --rm) shift ;;
      --read-only) readonly_root=1; shift ;;
      --network) if [ "$2" = none ]; then args+=(--unshare-net); fi; shift 2 ;;
      --tmpfs) args+=(--tmpfs "${2%%:*}"); shift 2 ;;
      --memory|--cpus|--pids-limit) shift 2 ;;
      -v) IFS=: read -r src dst mode <<< "$2"
          if [ "$mode" = ro ]; then args+=(--ro-bind "$src" "$dst"); else args+=(--bind "$src" "$dst"); fi
          shift 2 ;;
      -e) args+=(--setenv "${2%%=*}" "${2#*=}"); shift 2 ;;
      -*) echo "docker (bubblewrap stand-in): no counterpart for $1" >&2; return 125 ;;
      *) break ;;
    esac
  done
  shift # the image: this machine's JDK stands in for it
  if [ "$readonly_root" = 1 ]; then args+=(--remount-ro /); fi
  bwrap "${args[@]}" -- "$@"
}
