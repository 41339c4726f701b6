#!/usr/bin/env pwsh
# Entry point of the build on PowerShell, same arguments as build.sh:
#   ./build.ps1 --target=Wheels --arch=x86_64,arm64 --cpython=cp313 --base=local
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$project = Join-Path $PSScriptRoot 'build/Build.csproj'
$out = Join-Path $PSScriptRoot 'build/bin/host'
$log = dotnet build $project --nologo --verbosity quiet -clp:ErrorsOnly -o $out
if ($LASTEXITCODE -ne 0) { $log | Write-Host; exit 1 }
# PowerShell reads an unquoted --arch=x86_64,arm64 as an array, which would reach the build as two
# arguments; a comma list is one value to the build, so each array is joined back.
$forwarded = @(foreach ($argument in $args) { if ($argument -is [array]) { $argument -join "," } else { "$argument" } })
& dotnet (Join-Path $out 'Build.dll') @forwarded
exit $LASTEXITCODE
