#!/usr/bin/env bash
# gen-large.sh — write the large and pathological inputs that bench/large.sh measures
# and tests/robustness/test_scale.sh checks.
#
# Deterministic: the same files byte for byte on every run. Writes into OUT_DIR:
#   large-1000/Dockerfile, large-5000/Dockerfile, large-10000/Dockerfile
#       multi-stage builds of that many instructions (about 14 bytes short of 140 KB
#       per 10,000), mixing FROM/ARG/ENV/RUN (with continuations, sh -c, pipes)/COPY
#       (--from)/WORKDIR/USER/LABEL/EXPOSE, each stage reading earlier ones;
#   backticks/Dockerfile    one RUN line with 65,000 backticks;
#   nest/Dockerfile         one RUN with $( nested 10,000 deep;
#   quotes/Dockerfile       one RUN word of 100,000 alternating quote runs;
#   heredocs/Dockerfile     2,000 here-documents in a RUN script, 1,000 opened by one RUN;
#   sh-c/Dockerfile         sh -c scripts with long quoted words (the Lua unwrap reader);
#   envs/Dockerfile         10,000 ENV of distinct names in one stage, each reading the last;
#   chain/Dockerfile        2,000 stages, each FROM the one before with an ENV of its own;
#   global-args/Dockerfile  10,000 global ARGs before one FROM;
#   stages/Dockerfile       5,000 named stages, each copying from the one before.
# Usage: bench/gen-large.sh OUT_DIR [SIZE...]   (default sizes: 1000 5000 10000)
set -euo pipefail
out=${1:?usage: gen-large.sh OUT_DIR [SIZE...]}
shift
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 5000 10000)

# One multi-stage Dockerfile of exactly n instructions: a stage is a FROM and up to 40
# instructions cycling through realistic shapes; every stage after the first copies from
# the one before it, so stage graphs and chains are as long as the file allows.
large() {
  awk -v n="$1" 'BEGIN {
    k = 0; stage = 0
    while (k < n) {
      if (k % 41 == 0) {
        if (stage == 0) print "ARG BASE=debian:12"
        else print ""
        if (stage == 0) k++
        if (k >= n) break
        printf "FROM ${BASE} AS stage%d\n", stage; k++; stage++
        continue
      }
      j = k % 41
      if (j == 1) printf "ARG VERSION_%d=1.%d.0\n", k, k % 97
      else if (j == 2) printf "ENV APP_HOME=/opt/app%d PATH=/opt/app%d/bin:$PATH\n", k, k
      else if (j == 3) printf "WORKDIR /opt/app%d\n", k
      else if (j == 4 && stage > 1) printf "COPY --from=stage%d /opt/app%d/bin/ /usr/local/bin/\n", stage - 2, k - 41
      else if (j % 7 == 5) {
        printf "RUN apt-get update \\\n"
        printf "    && apt-get install -y --no-install-recommends ca-certificates=2023%d curl \\\n", k
        printf "    && rm -rf /var/lib/apt/lists/*\n"
      }
      else if (j % 7 == 6) printf "COPY src/module%d/ /opt/app%d/src/\n", k, k
      else if (j % 7 == 0) printf "RUN set -eux; for f in a%d b%d; do echo \"$f\" > /tmp/$f; done && sh -c \"make -C /opt/app%d install\" | tee /tmp/log%d\n", k, k, k, k
      else if (j % 7 == 1) printf "ENV BUILD_%d=\"${VERSION_%d:-dev}\"\n", k, k - (j - 1)
      else if (j % 7 == 2) printf "LABEL org.opencontainers.image.version=\"1.%d\" build=\"%d\"\n", k % 89, k
      else if (j % 7 == 3) printf "EXPOSE %d/tcp\n", 8000 + k % 1000
      else printf "USER %d:%d\n", 1000 + k % 7, 1000 + k % 7
      k++
    }
  }'
}

for n in "${sizes[@]}"; do
  mkdir -p "$out/large-$n"
  large "$n" >"$out/large-$n/Dockerfile"
done

mkdir -p "$out/backticks" "$out/nest" "$out/quotes" "$out/heredocs" "$out/sh-c" \
  "$out/envs" "$out/chain" "$out/global-args" "$out/stages"
awk 'BEGIN {
  printf "FROM debian:12\nRUN echo "
  for (i = 0; i < 65000; i++) printf "`"
  printf "\n"
}' >"$out/backticks/Dockerfile"
# Dockerfile lines are limited to 64 KiB, so long scripts are split over continuation
# lines (every 500 pieces), as a real one would be.
awk 'BEGIN {
  printf "FROM debian:12\nRUN echo "
  for (i = 0; i < 10000; i++) printf "$(echo %s", (i % 500 == 499 ? "\\\n" : "")
  printf "x"
  for (i = 0; i < 10000; i++) printf ")%s", (i % 500 == 499 ? "\\\n" : "")
  printf "\n"
}' >"$out/nest/Dockerfile"
awk 'BEGIN {
  printf "FROM debian:12\nRUN echo "
  for (i = 0; i < 50000; i++) printf "\"a\"'"'"'b'"'"'%s", (i % 500 == 499 ? "\\\n" : "")
  printf "\n"
}' >"$out/quotes/Dockerfile"
# here-documents twice over: 2,000 inside one RUN <<EOF script (the sh reader skips
# their bodies), and one RUN line opening 1,000 here-documents of the Dockerfile itself
awk 'BEGIN {
  printf "FROM debian:12\nRUN <<EOF\nset -e\n"
  for (i = 0; i < 2000; i++) printf "cat <<-E%d >/tmp/f%d\n\tline %d\n\tE%d\n", i, i, i, i
  printf "EOF\nRUN "
  for (i = 0; i < 1000; i++) printf "cat <<E%d >/tmp/g%d && \\\n", i, i
  printf "true\n"
  for (i = 0; i < 1000; i++) printf "body %d\nE%d\n", i, i
}' >"$out/heredocs/Dockerfile"
awk 'BEGIN {
  printf "FROM debian:12\nRUN sh -c \"echo "
  for (i = 0; i < 20000; i++) printf "a'"'"'b'"'"'%s", (i % 500 == 499 ? "\\\n" : "")
  printf "\" && bash -c '"'"'"
  for (i = 0; i < 20000; i++) printf "x\\\"y\\\"%s", (i % 500 == 499 ? "\\\n" : "")
  printf "'"'"'\n"
}' >"$out/sh-c/Dockerfile"
awk 'BEGIN {
  print "FROM debian:12"
  for (i = 0; i < 10000; i++) printf "ENV V%d=x${V%d}\n", i, (i > 0 ? i - 1 : 0)
}' >"$out/envs/Dockerfile"
awk 'BEGIN {
  print "FROM debian:12 AS s0"
  for (i = 1; i < 2000; i++) printf "FROM s%d AS s%d\nENV V%d=${V%d}1\n", i - 1, i, i, i - 1
}' >"$out/chain/Dockerfile"
awk 'BEGIN {
  for (i = 0; i < 10000; i++) printf "ARG A%d=%d\n", i, i
  print "FROM debian:12"
}' >"$out/global-args/Dockerfile"
awk 'BEGIN {
  for (i = 0; i < 5000; i++) printf "FROM debian:12 AS s%d\nCOPY --from=s%d /a /b\n", i, (i > 0 ? i - 1 : 0)
}' >"$out/stages/Dockerfile"
