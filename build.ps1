#!/usr/bin/env pwsh
# Entry point of the build on PowerShell, same arguments as build.sh:
#   ./build.ps1 --target=Wheels --arch=x86_64,arm64 --cpython=cp313 --base=local
# The build is compiled only when its sources changed, judged by the same fingerprint as build.sh.
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$project = Join-Path $PSScriptRoot 'build/Build.csproj'
$out = Join-Path $PSScriptRoot 'build/bin/host'
$stamp = Join-Path $out '.sources.sha256'

# build.sh's recipe: for each file (build/ without bin/ and obj/, global.json, .config/dotnet-tools.json)
# in ordinal order of its path relative to the repository, the line "<sha256 of its content>  <path>\n";
# then the SHA-256 of those lines, in lower-case hex.
function Get-SourcesFingerprint {
    $build = Join-Path $PSScriptRoot 'build'
    $files = @(Get-ChildItem -LiteralPath $build -Recurse -File | Where-Object {
            $relative = [IO.Path]::GetRelativePath($build, $_.FullName).Replace('\', '/')
            -not ($relative.StartsWith('bin/') -or $relative.StartsWith('obj/'))
        })
    $files += @('global.json', '.config/dotnet-tools.json') | ForEach-Object { Join-Path $PSScriptRoot $_ } | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Get-Item
    $relatives = [string[]]@($files | ForEach-Object { [IO.Path]::GetRelativePath($PSScriptRoot, $_.FullName).Replace('\', '/') })
    [Array]::Sort($relatives, [StringComparer]::Ordinal)
    $lines = [Text.StringBuilder]::new()
    foreach ($relative in $relatives) {
        $hash = (Get-FileHash -LiteralPath (Join-Path $PSScriptRoot $relative) -Algorithm SHA256).Hash.ToLowerInvariant()
        [void]$lines.Append("$hash  $relative`n")
    }
    $bytes = [Text.Encoding]::UTF8.GetBytes($lines.ToString())
    [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
}

$fingerprint = Get-SourcesFingerprint
$recorded = if (Test-Path -LiteralPath $stamp) { (Get-Content -LiteralPath $stamp -Raw).Trim() } else { '' }
if (-not (Test-Path -LiteralPath (Join-Path $out 'Build.dll')) -or $recorded -ne $fingerprint) {
    Remove-Item -LiteralPath $stamp -ErrorAction SilentlyContinue
    $log = dotnet publish $project --use-current-runtime --nologo --verbosity quiet -clp:ErrorsOnly -o $out
    if ($LASTEXITCODE -ne 0) { $log | Write-Host; exit 1 }
    Set-Content -LiteralPath $stamp -Value $fingerprint -NoNewline:$false
}

# PowerShell reads an unquoted --arch=x86_64,arm64 as an array, which would reach the build as two
# arguments; a comma list is one value to the build, so each array is joined back.
$forwarded = @(foreach ($argument in $args) { if ($argument -is [array]) { $argument -join "," } else { "$argument" } })
& dotnet (Join-Path $out 'Build.dll') @forwarded
exit $LASTEXITCODE
