#!/usr/bin/env pwsh
# Entry point of the build on PowerShell, same arguments as build.sh:
#   ./build.ps1 --target=Images --arch=arm64 --base=local
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$out = Join-Path $PSScriptRoot 'build/bin/host'
dotnet build (Join-Path $PSScriptRoot 'build/Build.csproj') --nologo --verbosity quiet -clp:ErrorsOnly -o $out
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& dotnet (Join-Path $out 'Build.dll') @args
exit $LASTEXITCODE
