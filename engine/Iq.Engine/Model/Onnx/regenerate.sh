#!/usr/bin/env bash
# Regenerates Onnx.cs from onnx-subset.proto with protoc from the Google.Protobuf.Tools NuGet package
# (the version pinned beside Google.Protobuf in Directory.Packages.props). Needs only the .NET SDK.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
version="$(sed -n 's/.*PackageVersion Include="Google.Protobuf" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/tools.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="Google.Protobuf.Tools" Version="$version" /></ItemGroup>
</Project>
XML
dotnet restore "$work/tools.csproj" --packages "$work/packages" -v q >/dev/null
tools="$work/packages/google.protobuf.tools/$version/tools"
case "$(uname -m)" in x86_64) arch=linux_x64 ;; aarch64) arch=linux_arm64 ;; *) echo "no protoc for $(uname -m)" >&2; exit 1 ;; esac
chmod +x "$tools/$arch/protoc"
"$tools/$arch/protoc" --proto_path="$here" --csharp_out="$work" --csharp_opt=file_extension=.cs "$here/onnx-subset.proto"
mv "$work/OnnxSubset.cs" "$here/Onnx.cs"
echo "wrote $here/Onnx.cs (protoc $("$tools/$arch/protoc" --version), Google.Protobuf.Tools $version)"
