#!/usr/bin/env bash
# Entry point of the build, for people and for CI: ./build.sh --target=Wheels --arch=arm64 --cpython=cp311
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$root/build/Build.csproj" --nologo --verbosity quiet -clp:ErrorsOnly -o "$root/build/bin/host" >/dev/null || {
    dotnet build "$root/build/Build.csproj" --nologo --verbosity quiet -clp:ErrorsOnly -o "$root/build/bin/host"
    exit 1
}
exec dotnet "$root/build/bin/host/Build.dll" "$@"
