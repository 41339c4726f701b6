#!/usr/bin/env bash
# Entry point of the build, for people and for CI: ./build.sh --target=Wheels --arch=arm64 --cpython=cp311
# The build is compiled (ahead of time, for this machine) only when its sources changed: compiling costs seconds,
# running it a quarter of one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host="$root/build/bin/host"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The sources' fingerprint, the same recipe as build.ps1's: for each file (build/ without bin/ and obj/,
# global.json, .config/dotnet-tools.json) in byte order of its path relative to the repository, the line
# "<sha256 of its content>  <path>" as sha256sum prints it; then the SHA-256 of those lines.
sources() {
    (cd "$root" && find build global.json .config/dotnet-tools.json \( -path build/bin -o -path build/obj \) -prune -o -type f -print0 2>/dev/null \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

fingerprint="$(sources)"
if [ ! -f "$host/Build.dll" ] || [ "$(cat "$host/.sources.sha256" 2>/dev/null)" != "$fingerprint" ]; then
    rm -f "$host/.sources.sha256"
    dotnet publish "$root/build/Build.csproj" --use-current-runtime --nologo --verbosity quiet -clp:ErrorsOnly -o "$host" >/dev/null || {
        dotnet publish "$root/build/Build.csproj" --use-current-runtime --nologo --verbosity quiet -clp:ErrorsOnly -o "$host"
        exit 1
    }
    printf '%s\n' "$fingerprint" >"$host/.sources.sha256"
fi
exec dotnet "$host/Build.dll" "$@"
